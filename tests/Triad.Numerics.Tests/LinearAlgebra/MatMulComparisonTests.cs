using System.Diagnostics;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;

namespace Triad.Numerics.Tests.LinearAlgebra;

public class MatMulComparisonTests
{
    [Fact]
    public void Run_TwoSizes_RowsForDoubleThenFloatWithAgreeingProducts()
    {
        // Measure checks that Triad's and MathNet's products agree and throws if they do not.
        IReadOnlyList<MatMulComparisonRow> rows = MatMulComparison.Run(new[] { 8, 17 }, minimumSeconds: 0.01);

        Assert.Equal(new[] { (8, "double"), (17, "double"), (8, "float"), (17, "float") },
            rows.Select(r => (r.Size, r.ElementType)));
        Assert.All(rows, r =>
        {
            Assert.True(r.TriadGflops > 0 && double.IsFinite(r.TriadGflops), $"Triad {r.TriadGflops}");
            Assert.True(r.MathNetGflops > 0 && double.IsFinite(r.MathNetGflops), $"MathNet {r.MathNetGflops}");
        });
    }

    [Fact]
    public void Gflops_CallsOfKnownDuration_FlopsOverTimedCallsOnly()
    {
        // Each "product" of 10⁶ flops spins 2 ms and records when it started and ended. The figure reported must be
        // flops × k / (end of the last call − start of call N − k) for a suffix of k calls that leaves out the warm-up
        // calls and lasts at least the minimum time: a count that took in the warm-up calls, or a time that included
        // them or missed the last call, matches no such suffix. The check reads the calls' own clock, so a busy machine
        // (which stretches the gaps between calls) cannot make it fail.
        const double spin = 0.002, flops = 1e6, minimumSeconds = 0.05;
        var clock = Stopwatch.StartNew();
        var starts = new List<double>();
        var ends = new List<double>();
        void Product()
        {
            starts.Add(clock.Elapsed.TotalSeconds);
            double until = clock.Elapsed.TotalSeconds + spin;
            while (clock.Elapsed.TotalSeconds < until)
            {
            }
            ends.Add(clock.Elapsed.TotalSeconds);
        }

        double gflops = MatMulComparison.Gflops(Product, flops, minimumSeconds);

        int n = starts.Count;
        Assert.True(n >= 4, $"{n} calls");
        Assert.InRange(gflops, 0, flops / spin / 1e9);
        double last = ends[n - 1];
        var matches = Enumerable.Range(1, n - 2) // at least the two warm-up calls are left out
            .Where(k => last - starts[n - k] >= minimumSeconds * 0.999)
            .Select(k => flops * k / (last - starts[n - k]) / 1e9)
            .Where(expected => Math.Abs(gflops / expected - 1) < 0.02);
        Assert.True(matches.Any(), $"{gflops} GFLOP/s matches no suffix of the {n} calls");
    }

    [Fact]
    public void CheckAgreement_OneWrongElement_ThrowsNamingIt()
    {
        var rng = new SeededRandom(17);
        double[] x = new double[9];
        rng.FillUniform(x, -1, 1);
        double[] y = (double[])x.Clone();
        y[5] += 1e-9;

        MatMulComparison.CheckAgreement(x, (double[])x.Clone(), 3);
        var e = Assert.Throws<InvalidOperationException>(() => MatMulComparison.CheckAgreement(x, y, 3));

        Assert.Contains("[1, 2]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_UnsupportedType_ThrowsNotSupported()
    {
        Assert.Throws<NotSupportedException>(() => MatMulComparison.Measure<Half>(4, 0.01));
    }

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(4, 0.0)]
    [InlineData(4, double.NaN)]
    public void Measure_BadArguments_ThrowsArgumentOutOfRange(int n, double seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MatMulComparison.Measure<double>(n, seconds));
    }
}
