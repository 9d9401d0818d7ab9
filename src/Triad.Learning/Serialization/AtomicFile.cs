using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Triad.Learning.Serialization;

/// <summary>
/// Writes a file so that readers see either the old content or the new, never half of it: the content goes to
/// a temporary file in the same folder, is flushed to disk, and is renamed over the target (an atomic replace
/// on POSIX file systems). If writing fails, the temporary file is removed and the target is untouched.
/// </summary>
/// <remarks>
/// The temporary file of target <c>X</c> is <c>.X.&lt;pid&gt;.&lt;guid&gt;.tmp</c> beside it: the writing process's id
/// and a fresh GUID (32 hex digits). A process killed while writing leaves its temporary behind, so every write of
/// <c>X</c> first removes the stale temporaries of <c>X</c> (<see cref="RemoveStaleTemporaries"/>).
/// </remarks>
public static class AtomicFile
{
    private const string TemporarySuffix = ".tmp";

    // Process start times (from /proc on Linux) and file times come from different clocks and roundings;
    // a start must follow the last write by more than this to count as later.
    private static readonly TimeSpan s_clockSlack = TimeSpan.FromMinutes(1);

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private enum Writer
    {
        Gone,
        Running,
        Unknown,
    }

    /// <summary>
    /// A temporary whose writer's process id is not in use is removed once it has not been written for this long
    /// (10 minutes). The wait protects a live writer that this process cannot see (another PID namespace, or
    /// another machine sharing the folder) and that has paused between writes.
    /// </summary>
    public static TimeSpan OrphanAge { get; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A temporary whose writer's process id now belongs to a process that started after the temporary's last
    /// write, so is not its writer, is removed once it has not been written for this long (1 hour).
    /// </summary>
    public static TimeSpan ReusedPidAge { get; } = TimeSpan.FromHours(1);

    /// <summary>Writes whatever <paramref name="write"/> puts in the stream to <paramref name="path"/>, creating its folder.</summary>
    /// <remarks>Stale temporaries of <paramref name="path"/> are removed first (<see cref="RemoveStaleTemporaries"/>).</remarks>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        RemoveStaleTemporaries(full);
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(file);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark).</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream => stream.Write(s_utf8.GetBytes(text)));
    }

    /// <summary>
    /// Removes the temporaries that killed writers of <paramref name="path"/> left in its folder, and returns how many
    /// were removed. Only files named exactly <c>.X.&lt;pid&gt;.&lt;32 hex digits&gt;.tmp</c> for this target <c>X</c> are considered.
    /// </summary>
    /// <remarks>
    /// A temporary is stale when its writer is certainly gone:
    /// <list type="bullet">
    /// <item>no process has its pid, and it has not been written for <see cref="OrphanAge"/>; or</item>
    /// <item>the process that has its pid started after the temporary's last write, and it has not been written for
    /// <see cref="ReusedPidAge"/>. A pid is reused only after its process ended; the writer held the pid at its last
    /// write, so a process that started later is another one.</item>
    /// </list>
    /// A live writer, here or in a concurrent thread of this process, started before its last write and holds its pid,
    /// so its temporary is never removed. When a process's start time cannot be read, its temporaries are kept.
    /// A temporary that cannot be removed (permissions, already gone) is skipped: clean-up never fails a write.
    /// </remarks>
    public static int RemoveStaleTemporaries(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        string prefix = $".{Path.GetFileName(full)}.";
        if (!Directory.Exists(directory))
        {
            return 0;
        }
        DateTime now = DateTime.UtcNow;
        int removed = 0;
        foreach (string candidate in Directory.EnumerateFiles(directory))
        {
            string name = Path.GetFileName(candidate);
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !TryParseWriterPid(name.AsSpan(prefix.Length), out int pid))
            {
                continue;
            }
            try
            {
                if (IsStale(pid, File.GetLastWriteTimeUtc(candidate), now))
                {
                    File.Delete(candidate);
                    removed++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Removed by another cleaner meanwhile, or not ours to remove: leave it.
            }
        }
        return removed;
    }

    /// <summary>
    /// Whether a temporary written last at <paramref name="lastWriteUtc"/> by process <paramref name="pid"/> is stale
    /// at <paramref name="nowUtc"/>; the rule of <see cref="RemoveStaleTemporaries"/>.
    /// </summary>
    internal static bool IsStale(int pid, DateTime lastWriteUtc, DateTime nowUtc)
    {
        TimeSpan age = nowUtc - lastWriteUtc;
        if (age < OrphanAge)
        {
            return false;
        }
        return Probe(pid, out DateTime startUtc) switch
        {
            Writer.Gone => true,
            Writer.Running => age >= ReusedPidAge && startUtc > lastWriteUtc + s_clockSlack,
            _ => false,
        };
    }

    /// <summary>Whether a process has id <paramref name="pid"/>, and if so when it started.</summary>
    private static Writer Probe(int pid, out DateTime startUtc)
    {
        startUtc = default;
        try
        {
            using var process = Process.GetProcessById(pid);
            startUtc = process.StartTime.ToUniversalTime();
            return Writer.Running;
        }
        catch (ArgumentException)
        {
            // The documented answer for "no process has this id".
            return Writer.Gone;
        }
        catch (InvalidOperationException)
        {
            // It ended between the look-up and the question.
            return Writer.Gone;
        }
        catch (Exception e) when (e is Win32Exception or NotSupportedException or UnauthorizedAccessException)
        {
            return Writer.Unknown;
        }
    }

    /// <summary>Parses "&lt;pid&gt;.&lt;32 hex digits&gt;.tmp", the part of a temporary's name after ".X.".</summary>
    private static bool TryParseWriterPid(ReadOnlySpan<char> rest, out int pid)
    {
        pid = 0;
        int dot = rest.IndexOf('.');
        if (dot <= 0 || !rest.EndsWith(TemporarySuffix, StringComparison.Ordinal))
        {
            return false;
        }
        ReadOnlySpan<char> guid = rest[(dot + 1)..^TemporarySuffix.Length];
        return guid.Length == 32
            && Guid.TryParseExact(guid, "N", out _)
            && int.TryParse(rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out pid)
            && pid > 0;
    }
}
