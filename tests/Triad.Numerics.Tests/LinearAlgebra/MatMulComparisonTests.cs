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
    public void Gflops_CallOfKnownDuration_FlopsOverTimedCallsOnly()
    {
        // A "product" of 10⁶ flops that spins 2 ms runs at 0.5 GFLOP/s at most; a count that took in the warm-up
        // calls, or a time that missed the last call, would report more. Under a busy machine it can run slower,
        // never faster.
        const double spin = 0.002, flops = 1e6;
        void Product()
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < spin)
            {
            }
        }

        double gflops = MatMulComparison.Gflops(Product, flops, minimumSeconds: 0.05);

        Assert.InRange(gflops, 0.25 * flops / spin / 1e9, flops / spin / 1e9);
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
