using System.Diagnostics;
using Triad.Numerics.LinearAlgebra;

namespace Triad.Numerics.Tests.LinearAlgebra;

public class GemmTimingTests
{
    [Fact]
    public void Time_CallOfKnownDuration_ReportsThatDurationPerCall()
    {
        // A call that spins for 5 ms of wall time: the reported time per call can never be below it, and must stay
        // below the time of the (at least five) calls of one repetition, which a time not divided by the call
        // count would report. Four spins leave room for a busy machine stretching a call.
        const double spin = 0.005;
        void Call()
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < spin)
            {
            }
        }

        var (best, median, calls) = GemmTiming.Time(Call, repetitions: 3, secondsPerRepetition: 0.1, warmUpSeconds: 0);

        Assert.InRange(calls, 5, 21);
        Assert.InRange(best, spin, 4 * spin);
        Assert.InRange(median, best, 4 * spin);
    }

    [Fact]
    public void Measure_SmallShape_ThroughputIsFlopsOverBestTime()
    {
        GemmTimingResult r = GemmTiming.Measure<float>(9, 7, 300, transposeA: true, repetitions: 3, secondsPerRepetition: 0.002, warmUpSeconds: 0);

        Assert.Equal(("float32", 9, 7, 300, true, false), (r.Precision, r.M, r.N, r.K, r.TransposeA, r.TransposeB));
        Assert.Equal(2.0 * 9 * 7 * 300 / r.BestSeconds / 1e9, r.BestGflops, 9);
        Assert.True(r.BestSeconds <= r.MedianSeconds, $"best {r.BestSeconds}, median {r.MedianSeconds}");
    }

    [Theory]
    [InlineData(0, 0.1, 0.0)]
    [InlineData(3, 0.0, 0.0)]
    [InlineData(3, 0.1, double.NaN)]
    public void Time_BadArguments_ThrowsArgumentOutOfRange(int repetitions, double seconds, double warmUp)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GemmTiming.Time(() => { }, repetitions, seconds, warmUp));
    }
}
