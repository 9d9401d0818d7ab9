using System.Diagnostics;
using Triad.Learning.Serialization;
using Triad.Learning.Tests.Data;

namespace Triad.Learning.Tests.Serialization;

/// <summary>Stale temporaries left by killed writers are removed; a live writer's temporary never is.</summary>
public sealed class AtomicFileTests : IDisposable
{
    // No system gives out process ids this large (Linux caps them at 2^22), so no process has it.
    private const int DeadPid = int.MaxValue;

    private static readonly DateTime s_thisProcessStartUtc = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Write_TemporaryOfDeadProcessTwoHoursOld_RemovesItAndWrites()
    {
        string target = _dir.File("checkpoint.triad");
        string stale = Temporary("checkpoint.triad", DeadPid, DateTime.UtcNow.AddHours(-2));

        AtomicFile.WriteAllText(target, "new");

        Assert.False(File.Exists(stale), "the dead writer's temporary is still there");
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(["checkpoint.triad"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_TemporaryOfDeadProcessOneMinuteOld_KeepsIt()
    {
        string fresh = Temporary("checkpoint.triad", DeadPid, DateTime.UtcNow.AddMinutes(-1));

        AtomicFile.WriteAllText(_dir.File("checkpoint.triad"), "new");

        Assert.True(File.Exists(fresh), "a temporary written a minute ago was removed");
    }

    [Fact]
    public void Write_TemporaryOfThisPidWrittenBeforeThisProcessStarted_RemovesIt()
    {
        // Written two hours before this process started: a killed process that had this pid before us left it.
        string reused = Temporary("checkpoint.triad", Environment.ProcessId, s_thisProcessStartUtc.AddHours(-2));

        AtomicFile.WriteAllText(_dir.File("checkpoint.triad"), "new");

        Assert.False(File.Exists(reused), "the temporary of an earlier holder of this pid is still there");
    }

    [Fact]
    public async Task Write_ConcurrentWriterInThisProcess_KeepsItsTemporaryAndBothFinish()
    {
        string target = _dir.File("model.triad");
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var slow = Task.Run(() => AtomicFile.Write(target, stream =>
        {
            stream.Write("slow"u8);
            stream.Flush();
            started.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        }));
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the slow writer did not start");
        string slowTemporary = Assert.Single(Directory.GetFiles(_dir.Path, ".model.triad.*.tmp"));

        AtomicFile.WriteAllText(target, "fast");
        bool keptWhileWriting = File.Exists(slowTemporary);
        release.Set();
        await slow.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(keptWhileWriting, "the live writer's temporary was removed");
        Assert.Equal("slow", File.ReadAllText(target));
    }

    [Fact]
    public void RemoveStaleTemporaries_OtherNamesInFolder_LeavesThemAlone()
    {
        DateTime old = DateTime.UtcNow.AddHours(-2);
        string guid = Guid.NewGuid().ToString("N");
        string[] others =
        [
            $".other.triad.{DeadPid}.{guid}.tmp",          // another target
            $".model.triad.123.{DeadPid}.{guid}.tmp",      // the temporary of target "model.triad.123"
            $"model.triad.{DeadPid}.{guid}.tmp",           // no leading dot
            $".model.triad.{DeadPid}.{guid[..31]}.tmp",    // 31 hex digits
            $".model.triad.{DeadPid}.{guid[..31]}x.tmp",   // not hex
            $".model.triad.-5.{guid}.tmp",                 // not a pid
            $".model.triad.{DeadPid}.{guid}.tmp.bak",      // not a temporary
            "model.triad",
        ];
        foreach (string name in others)
        {
            File.WriteAllText(_dir.File(name), name);
            File.SetLastWriteTimeUtc(_dir.File(name), old);
        }
        string stale = Temporary("model.triad", DeadPid, old);

        int removed = AtomicFile.RemoveStaleTemporaries(_dir.File("model.triad"));

        Assert.Equal(1, removed);
        Assert.False(File.Exists(stale));
        Assert.All(others, name => Assert.True(File.Exists(_dir.File(name)), $"{name} was removed"));
    }

    [Fact]
    public void RemoveStaleTemporaries_MissingFolder_ReturnsZero()
    {
        Assert.Equal(0, AtomicFile.RemoveStaleTemporaries(Path.Combine(_dir.Path, "absent", "model.triad")));
    }

    [Theory]
    [InlineData(9, false)]   // younger than OrphanAge (10 min)
    [InlineData(11, true)]
    [InlineData(24 * 60, true)]
    public void IsStale_DeadPid_StaleOnceOlderThanOrphanAge(int ageMinutes, bool expected)
    {
        DateTime lastWrite = DateTime.UtcNow.AddDays(-3);

        Assert.Equal(expected, AtomicFile.IsStale(DeadPid, lastWrite, lastWrite.AddMinutes(ageMinutes)));
    }

    [Theory]
    [InlineData(1.0 / 60, 3 * 60, false)]      // written after the holder of the pid started: the holder is the writer
    [InlineData(1.0 / 60, 30 * 24 * 60, false)] // however old
    [InlineData(-0.5, 3 * 60, false)]          // written within the clock slack (1 min) before the start: kept
    [InlineData(-2, 3 * 60, true)]             // written before the holder started: a reused pid
    [InlineData(-2, 30, false)]                // ... but younger than ReusedPidAge (1 h)
    public void IsStale_PidOfThisProcess_DecidedByStartTimeAndAge(double writeMinutesAfterStart, int ageMinutes, bool expected)
    {
        DateTime lastWrite = s_thisProcessStartUtc.AddMinutes(writeMinutesAfterStart);

        Assert.Equal(expected, AtomicFile.IsStale(Environment.ProcessId, lastWrite, lastWrite.AddMinutes(ageMinutes)));
    }

    /// <summary>Creates the temporary a writer with <paramref name="pid"/> would leave, last written at <paramref name="lastWriteUtc"/>.</summary>
    private string Temporary(string target, int pid, DateTime lastWriteUtc)
    {
        string path = _dir.File($".{target}.{pid}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(path, new byte[1024]);
        File.SetLastWriteTimeUtc(path, lastWriteUtc);
        return path;
    }
}
