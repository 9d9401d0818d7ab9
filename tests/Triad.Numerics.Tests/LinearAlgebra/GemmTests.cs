using System.Numerics;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;
using Triad.Numerics.Tests.TestSupport;
using Xunit.Abstractions;

namespace Triad.Numerics.Tests.LinearAlgebra;

/// <summary>
/// The Gemm suite, run once per element type by thin subclasses. Every result is compared with the triple
/// loop in double, element by element, within (k + 4)·ε·(|α|·Σ|a||b| + |β||c|): a bound for recursive
/// summation with fused or unfused multiply–add, far below the O(1) error a wrong index or a lost term gives.
/// Each element type runs twice: with the micro-kernel this machine picks (AVX-512 where accelerated) and with
/// the portable <see cref="System.Numerics.Vector{T}"/> kernel forced, so the fallback stays tested here too.
/// </summary>
public abstract class GemmTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const ulong Seed = 7_000_001;
    private const int Padding = 3;

    private static readonly T Alpha = T.CreateTruncating(1.5);
    private static readonly T Beta = T.CreateTruncating(-0.75);
    private static readonly T Sentinel = T.CreateTruncating(12345.0);

    private readonly ITestOutputHelper _output;
    private readonly bool _portableKernel;

    protected GemmTests(ITestOutputHelper output, bool portableKernel)
    {
        _output = output;
        _portableKernel = portableKernel;
        // Flows with this test's asynchronous context only, so suites running side by side keep their own kernel.
        Gemm.PortableKernelOnly = portableKernel;
        _output.WriteLine($"seed {Seed}, element type {typeof(T).Name}, AVX-512 kernel {Gemm.UsesWideKernel}");
    }

    [Fact]
    public void KernelChoice_InThisSuite_IsTheOneItWasBuiltFor()
    {
        Assert.Equal(!_portableKernel && System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated, Gemm.UsesWideKernel);
    }

    // m × n × k: trivial, odd, larger than one macro tile, exactly one micro tile row, crossing K-blocks
    // (KC = 256 for the portable kernel, 512 for AVX-512), vectors, outer product, tall K split into chunks
    // (weight gradients: k ≥ 2·8·KC with one or two tiles, the last chunk partial), exactly one AVX-512 tile
    // (12 × 32) and one past it, several row and column blocks, a wide product with several column blocks, three
    // AVX-512 K-blocks, and the empty cases.
    public static TheoryData<int, int, int, bool, bool> Cases()
    {
        int[][] shapes =
        {
            new[] { 1, 1, 1 }, new[] { 7, 13, 5 }, new[] { 129, 257, 65 }, new[] { 4, 16, 256 },
            new[] { 5, 17, 300 }, new[] { 1, 40, 513 }, new[] { 33, 1, 70 }, new[] { 64, 256, 1 },
            new[] { 16, 9, 5003 }, new[] { 70, 200, 5000 }, new[] { 12, 32, 256 }, new[] { 13, 33, 257 },
            new[] { 200, 530, 300 }, new[] { 25, 1100, 40 }, new[] { 40, 70, 1100 },
            new[] { 0, 5, 3 }, new[] { 3, 0, 2 }, new[] { 3, 4, 0 },
        };
        var data = new TheoryData<int, int, int, bool, bool>();
        foreach (int[] s in shapes)
        {
            foreach (bool ta in new[] { false, true })
            {
                foreach (bool tb in new[] { false, true })
                {
                    data.Add(s[0], s[1], s[2], ta, tb);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Multiply_MatchesNaiveLoop(int m, int n, int k, bool transposeA, bool transposeB)
    {
        var rng = new SeededRandom(Seed);
        var (a, lda) = RandomOperand(rng, transposeA ? k : m, transposeA ? m : k, 0);
        var (b, ldb) = RandomOperand(rng, transposeB ? n : k, transposeB ? k : n, 0);
        var (c, ldc) = RandomOperand(rng, m, n, 0);
        var (expected, bound) = Reference.Gemm(transposeA, transposeB, m, n, k, Alpha, a, lda, b, ldb, Beta, c, ldc);

        Gemm.Multiply(transposeA, transposeB, m, n, k, Alpha, a, lda, b, ldb, Beta, c, ldc);

        AssertClose(expected, bound, c, m, n, ldc, k);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Multiply_StridesLargerThanColumns_MatchesNaiveLoopAndLeavesPaddingAlone(
        int m, int n, int k, bool transposeA, bool transposeB)
    {
        var rng = new SeededRandom(Seed + 1);
        var (a, lda) = RandomOperand(rng, transposeA ? k : m, transposeA ? m : k, Padding);
        var (b, ldb) = RandomOperand(rng, transposeB ? n : k, transposeB ? k : n, Padding);
        var (c, ldc) = RandomOperand(rng, m, n, Padding);
        for (int i = 0; i < m; i++)
        {
            c.AsSpan((i * ldc) + n, Padding).Fill(Sentinel);
        }
        var (expected, bound) = Reference.Gemm(transposeA, transposeB, m, n, k, Alpha, a, lda, b, ldb, Beta, c, ldc);

        Gemm.Multiply(transposeA, transposeB, m, n, k, Alpha, a, lda, b, ldb, Beta, c, ldc);

        AssertClose(expected, bound, c, m, n, ldc, k);
        for (int i = 0; i < m; i++)
        {
            Assert.All(c.AsSpan((i * ldc) + n, Padding).ToArray(), x => Assert.Equal(Sentinel, x));
        }
    }

    [Theory]
    [InlineData(9, 21, 35, false, false)]
    [InlineData(9, 21, 35, true, true)]
    public void Multiply_BetaZero_OverwritesNaNInC(int m, int n, int k, bool transposeA, bool transposeB)
    {
        var rng = new SeededRandom(Seed + 2);
        var (a, lda) = RandomOperand(rng, transposeA ? k : m, transposeA ? m : k, 0);
        var (b, ldb) = RandomOperand(rng, transposeB ? n : k, transposeB ? k : n, 0);
        T[] c = Enumerable.Repeat(T.NaN, m * n).ToArray();
        var (expected, bound) = Reference.Gemm(transposeA, transposeB, m, n, k, Alpha, a, lda, b, ldb, T.Zero, new T[m * n], n);

        Gemm.Multiply(transposeA, transposeB, m, n, k, Alpha, a, lda, b, ldb, T.Zero, c, n);

        Assert.All(c, x => Assert.True(T.IsFinite(x)));
        AssertClose(expected, bound, c, m, n, n, k);
    }

    [Fact]
    public void Multiply_AlphaZeroBetaZero_ClearsCWithoutReadingAOrB()
    {
        // α = 0: A and B are not read (a NaN in them must not reach C), and β = 0 clears C's NaNs.
        var rng = new SeededRandom(Seed + 5);
        T[] a = Reference.RandomArray<T>(rng, 8);
        T[] b = Reference.RandomArray<T>(rng, 12);
        a[3] = T.NaN;
        b[7] = T.PositiveInfinity;
        T[] c = Enumerable.Repeat(T.NaN, 6).ToArray();

        Gemm.Multiply(false, false, 2, 3, 4, T.Zero, a, 4, b, 3, T.Zero, c, 3);

        Assert.All(c, x => Assert.Equal(T.Zero, x));
    }

    [Fact]
    public void Multiply_BetaOne_AccumulatesIntoC()
    {
        var rng = new SeededRandom(Seed + 3);
        const int m = 6, n = 10, k = 7;
        T[] a = Reference.RandomArray<T>(rng, m * k);
        T[] b = Reference.RandomArray<T>(rng, k * n);
        T[] c = Reference.RandomArray<T>(rng, m * n);
        var (expected, bound) = Reference.Gemm(false, false, m, n, k, T.One, a, k, b, n, T.One, c, n);

        Gemm.Multiply(false, false, m, n, k, T.One, a, k, b, n, T.One, c, n);

        AssertClose(expected, bound, c, m, n, n, k);
    }

    public static TheoryData<string, int, int, int, int, int, int, int, int, int> BadArguments() => new()
    {
        // name, m, n, k, lengthA, lda, lengthB, ldb, lengthC, ldc  (A is m×k, B is k×n, C is m×n)
        { "negative m", -1, 3, 2, 8, 2, 6, 3, 12, 3 },
        { "negative n", 4, -1, 2, 8, 2, 6, 3, 12, 3 },
        { "negative k", 4, 3, -2, 8, 2, 6, 3, 12, 3 },
        { "short A", 4, 3, 2, 7, 2, 6, 3, 12, 3 },
        { "short B", 4, 3, 2, 8, 2, 5, 3, 12, 3 },
        { "short C", 4, 3, 2, 8, 2, 6, 3, 11, 3 },
        { "lda too small", 4, 3, 2, 8, 1, 6, 3, 12, 3 },
        { "ldb too small", 4, 3, 2, 8, 2, 6, 2, 12, 3 },
        { "ldc too small", 4, 3, 2, 8, 2, 6, 3, 12, 2 },
        { "padded C one short", 4, 3, 2, 8, 2, 6, 3, 17, 5 },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Multiply_BadArguments_ThrowsArgumentException(
        string name, int m, int n, int k, int lengthA, int lda, int lengthB, int ldb, int lengthC, int ldc)
    {
        _output.WriteLine(name);

        Assert.Throws<ArgumentException>(() => Gemm.Multiply(
            false, false, m, n, k, T.One, new T[lengthA], lda, new T[lengthB], ldb, T.Zero, new T[lengthC], ldc));
    }

    [Fact]
    public void Multiply_PaddedCExactLength_AcceptedAndComputed()
    {
        // The last row of C needs only n elements, not a full stride: C is 4×3 with row stride 5 in 18 elements.
        var rng = new SeededRandom(Seed + 6);
        T[] a = Reference.RandomArray<T>(rng, 8);
        T[] b = Reference.RandomArray<T>(rng, 6);
        T[] c = Reference.RandomArray<T>(rng, (3 * 5) + 3);
        T[] before = (T[])c.Clone();
        var (expected, bound) = Reference.Gemm(false, false, 4, 3, 2, Alpha, a, 2, b, 3, Beta, c, 5);

        Gemm.Multiply(false, false, 4, 3, 2, Alpha, a, 2, b, 3, Beta, c, 5);

        AssertClose(expected, bound, c, 4, 3, 5, 2);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(before[(i * 5) + 3], c[(i * 5) + 3]);
            Assert.Equal(before[(i * 5) + 4], c[(i * 5) + 4]);
        }
    }

    [Theory]
    [InlineData(20_000, 3, 2)]
    [InlineData(3, 20_000, 2)]
    public void Multiply_ThinInnerDimension_PackingBuffersSizedByK(int m, int n, int k)
    {
        // The packed panels hold min(k, KC) columns of op(A) and rows of op(B), not a full K-block of 256:
        // a full block here would be 20 000 × 256 elements (20 or 40 MB) for a product that needs 40 000.
        var rng = new SeededRandom(Seed + 4);
        T[] a = Reference.RandomArray<T>(rng, m * k);
        T[] b = Reference.RandomArray<T>(rng, k * n);
        var c = new T[m * n];
        Gemm.Multiply(false, false, 1, 1, 1, T.One, a, k, b, n, T.Zero, c, n);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Gemm.Multiply(false, false, m, n, k, T.One, a, k, b, n, T.Zero, c, n);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        _output.WriteLine($"allocated {allocated} bytes");
        Assert.True(allocated < 4 << 20, $"allocated {allocated} bytes");
        var (expected, bound) = Reference.Gemm(false, false, m, n, k, T.One, a, k, b, n, T.Zero, new T[m * n], n);
        AssertClose(expected, bound, c, m, n, n, k);
    }

    [Fact]
    public void Multiply_NullArray_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => Gemm.Multiply(
            false, false, 1, 1, 1, T.One, null!, 1, new T[1], 1, T.Zero, new T[1], 1));
    }

    private static (T[] Data, int Stride) RandomOperand(SeededRandom rng, int rows, int cols, int padding)
    {
        int stride = cols + padding;
        return (Reference.RandomArray<T>(rng, rows * stride), stride);
    }

    private static void AssertClose(double[] expected, double[] bound, T[] actual, int m, int n, int ldc, int k)
    {
        double tolerance = (k + 4) * Reference.Epsilon<T>();
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double e = expected[(i * n) + j];
                double x = double.CreateTruncating(actual[(i * ldc) + j]);
                double allowed = tolerance * bound[(i * n) + j];
                Assert.True(Math.Abs(x - e) <= allowed, $"C[{i}, {j}] = {x}, expected {e} ± {allowed:G3}");
            }
        }
    }
}
