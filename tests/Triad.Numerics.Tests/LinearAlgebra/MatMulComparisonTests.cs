using Triad.Numerics.LinearAlgebra;

namespace Triad.Numerics.Tests.LinearAlgebra;

public class MatMulComparisonTests
{
    [Fact]
    public void Run_TwoSizes_RowsForDoubleThenFloat()
    {
        IReadOnlyList<MatMulComparisonRow> rows = MatMulComparison.Run(new[] { 8, 17 }, minimumSeconds: 0.01);

        Assert.Equal(new[] { (8, "double"), (17, "double"), (8, "float"), (17, "float") },
            rows.Select(r => (r.Size, r.ElementType)));
        Assert.All(rows, r =>
        {
            Assert.True(r.TriadGflops > 0 && double.IsFinite(r.TriadGflops), $"Triad {r.TriadGflops}");
            Assert.True(r.MathNetGflops > 0 && double.IsFinite(r.MathNetGflops), $"MathNet {r.MathNetGflops}");
            Assert.Equal(r.TriadGflops / r.MathNetGflops, r.Ratio);
        });
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
