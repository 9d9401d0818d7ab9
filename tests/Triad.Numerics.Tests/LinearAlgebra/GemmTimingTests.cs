using System.Diagnostics;
using Triad.Numerics.LinearAlgebra;

namespace Triad.Numerics.Tests.LinearAlgebra;

public class GemmTimingTests
{
    [Fact]
    public void Time_CallsOfKnownDuration_ReportTheRepetitionsTimePerCall()
    {
        // Each call spins 5 ms and records when it started and ended. After two warm-up calls and one probe call, the
        // repetitions are the last 3 groups of `calls` calls; each one's seconds per call must be (end of its last call −
        // start of its first) / calls, and best and median the smallest and middle of those. Reading the calls' own
        // clock keeps the check true on a busy machine, which stretches calls and the gaps between them.
        const double spin = 0.005;
        var clock = Stopwatch.StartNew();
        var starts = new List<double>();
        var ends = new List<double>();
        void Call()
        {
            starts.Add(clock.Elapsed.TotalSeconds);
            double until = clock.Elapsed.TotalSeconds + spin;
            while (clock.Elapsed.TotalSeconds < until)
            {
            }
            ends.Add(clock.Elapsed.TotalSeconds);
        }

        var (best, median, calls) = GemmTiming.Time(Call, repetitions: 3, secondsPerRepetition: 0.1, warmUpSeconds: 0);

        Assert.Equal(2 + 1 + (3 * calls), starts.Count);
        double probe = ends[2] - starts[2];
        Assert.InRange(calls, 1, Math.Ceiling(0.1 / probe) + 1); // the probe as Time measured it can only be longer
        double[] perCall = [.. Enumerable.Range(0, 3).Select(r => (ends[3 + ((r + 1) * calls) - 1] - starts[3 + (r * calls)]) / calls).Order()];
        Assert.InRange(best, spin, double.PositiveInfinity);
        Assert.Equal(perCall[0], best, perCall[0] * 0.05);
        Assert.Equal(perCall[1], median, perCall[1] * 0.05);
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
