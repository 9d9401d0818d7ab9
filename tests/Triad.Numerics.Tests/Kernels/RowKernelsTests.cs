using System.Numerics;
using Triad.Numerics.Kernels;
using Triad.Numerics.Random;
using Triad.Numerics.Tests.TestSupport;
using Xunit.Abstractions;

namespace Triad.Numerics.Tests.Kernels;

/// <summary>
/// RowKernels against naive loops in double, for every row length 1..257 (every SIMD remainder of 128-, 256- and
/// 512-bit vectors) with 0, 1 and an odd number of rows, run once per element type by thin subclasses. Tolerances
/// are relative to each value: one rounding (ε·|x|) for an addition, a few roundings per term for a sum.
/// </summary>
public abstract class RowKernelsTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const ulong Seed = 7_100_001;
    private const int LongestRow = 257;
    private static readonly int[] RowCounts = [0, 1, 3];

    protected RowKernelsTests(ITestOutputHelper output) => output.WriteLine($"seed {Seed}, element type {typeof(T).Name}");

    private static double Eps => Reference.Epsilon<T>();

    [Fact]
    public void AddToEachRow_EveryLength_MatchesNaiveLoop()
    {
        var rng = new SeededRandom(Seed);
        ForEveryShape((rows, cols) =>
        {
            T[] matrix = Random(rng, rows * cols, 100);
            T[] bias = Random(rng, cols, 100);
            T[] original = (T[])matrix.Clone();

            RowKernels.AddToEachRow<T>(matrix, bias);

            for (int p = 0; p < matrix.Length; p++)
            {
                double e = D(original[p]) + D(bias[p % cols]);
                AssertClose(e, D(matrix[p]), Eps * Math.Abs(e), $"{rows}×{cols} [{p / cols}, {p % cols}]");
            }
        });
    }

    [Fact]
    public void AddColumnSums_EveryLength_MatchesNaiveLoop()
    {
        var rng = new SeededRandom(Seed + 1);
        ForEveryShape((rows, cols) =>
        {
            T[] matrix = Random(rng, rows * cols, 10);
            T[] sums = Random(rng, cols, 10);
            T[] original = (T[])sums.Clone();

            RowKernels.AddColumnSums<T>(matrix, sums);

            for (int j = 0; j < cols; j++)
            {
                double e = D(original[j]), scale = Math.Abs(e);
                for (int r = 0; r < rows; r++)
                {
                    e += D(matrix[(r * cols) + j]);
                    scale += Math.Abs(D(matrix[(r * cols) + j]));
                }
                AssertClose(e, D(sums[j]), (rows + 1) * Eps * scale, $"{rows}×{cols} column {j}");
            }
        });
    }

    [Fact]
    public void Softmax_EveryLength_MatchesNaiveLoopAndRowsSumToOne()
    {
        var rng = new SeededRandom(Seed + 2);
        ForEveryShape((rows, cols) =>
        {
            T[] x = Random(rng, rows * cols, 20);
            var y = new T[x.Length];

            RowKernels.Softmax<T>(x, cols, y);

            for (int r = 0; r < rows; r++)
            {
                double max = double.NegativeInfinity, sum = 0, total = 0;
                for (int j = 0; j < cols; j++)
                {
                    max = Math.Max(max, D(x[(r * cols) + j]));
                }
                for (int j = 0; j < cols; j++)
                {
                    sum += Math.Exp(D(x[(r * cols) + j]) - max);
                }
                for (int j = 0; j < cols; j++)
                {
                    // Rounding x − max costs |x − max|·ε relative after exp; exp and the division add a few
                    // ulps; the sum of the row up to cols roundings.
                    double shifted = D(x[(r * cols) + j]) - max;
                    double e = Math.Exp(shifted) / sum;
                    AssertClose(e, D(y[(r * cols) + j]), (cols + 8 + Math.Abs(shifted)) * Eps * e, $"{rows}×{cols} [{r}, {j}]");
                    total += D(y[(r * cols) + j]);
                }
                AssertClose(1.0, total, (cols + 8) * Eps, $"{rows}×{cols} row {r} sum");
            }
        });
    }

    [Fact]
    public void ArgMax_EveryLengthWithTies_ReturnsFirstLargest()
    {
        var rng = new SeededRandom(Seed + 3);
        ForEveryShape((rows, cols) =>
        {
            // Five levels only, so most rows hold their maximum more than once.
            var x = new T[rows * cols];
            for (int p = 0; p < x.Length; p++)
            {
                x[p] = T.CreateTruncating(rng.NextInt(5) - 2);
            }
            var index = new int[rows];

            RowKernels.ArgMax<T>(x, cols, index);

            for (int r = 0; r < rows; r++)
            {
                int best = 0;
                for (int j = 1; j < cols; j++)
                {
                    best = x[(r * cols) + j] > x[(r * cols) + best] ? j : best;
                }
                Assert.True(best == index[r], $"{rows}×{cols} row {r}: {index[r]}, expected {best}");
            }
        });
    }

    [Fact]
    public void Softmax_LargeValues_NoOverflow()
    {
        T[] x = [T.CreateTruncating(1000.0), T.CreateTruncating(999.0), T.CreateTruncating(-1000.0)];
        var y = new T[3];

        RowKernels.Softmax<T>(x, 3, y);

        double e1 = 1 / (1 + Math.Exp(-1));
        AssertClose(e1, D(y[0]), 4 * Eps * e1, "y[0]");
        AssertClose(1 - e1, D(y[1]), 4 * Eps * (1 - e1), "y[1]");
        Assert.Equal(T.Zero, y[2]);
    }

    [Theory]
    [InlineData(7, 3)]
    [InlineData(6, 0)]
    [InlineData(0, 0)]
    public void AddToEachRow_NotWholeRows_ThrowsNamingLengths(int length, int cols)
    {
        var e = Assert.Throws<ArgumentException>(() => RowKernels.AddToEachRow<T>(new T[length], new T[cols]));

        Assert.Contains($"{length} values", e.Message, StringComparison.Ordinal);
        Assert.Contains($"rows of {cols}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Softmax_DestinationLengthDiffers_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => RowKernels.Softmax<T>(new T[6], 3, new T[3]));

        Assert.Equal("destination", e.ParamName);
    }

    [Fact]
    public void ArgMax_DestinationNotOnePerRow_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => RowKernels.ArgMax<T>(new T[6], 3, new int[3]));

        Assert.Equal("destination", e.ParamName);
    }

    private static void ForEveryShape(Action<int, int> body)
    {
        foreach (int rows in RowCounts)
        {
            for (int cols = 1; cols <= LongestRow; cols++)
            {
                body(rows, cols);
            }
        }
    }

    private static T[] Random(SeededRandom rng, int length, double scale)
    {
        T[] values = Reference.RandomArray<T>(rng, length);
        for (int p = 0; p < length; p++)
        {
            values[p] *= T.CreateTruncating(scale);
        }
        return values;
    }

    private static double D(T x) => double.CreateTruncating(x);

    private static void AssertClose(double expected, double actual, double allowed, string what) =>
        Assert.True(Math.Abs(actual - expected) <= allowed, $"{what}: {actual}, expected {expected} ± {allowed:G3}");
}
