using System.Numerics;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;
using Triad.Numerics.Tests.TestSupport;
using Xunit.Abstractions;

namespace Triad.Numerics.Tests.LinearAlgebra;

/// <summary>
/// The offset and batched forms of Gemm, run once per element type by thin subclasses. Each item is compared with
/// the triple loop in double within (k + 4)·ε·(|α|·Σ|a||b| + |β||c|), as in <see cref="GemmTests{T}"/>, and every
/// array element outside the items is checked to be left exactly as it was.
/// </summary>
public abstract class GemmBatchedTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const ulong Seed = 7_000_301;
    private const int Gap = 5;

    private static readonly T Alpha = T.CreateTruncating(-1.25);
    private static readonly T Beta = T.CreateTruncating(0.5);

    private readonly ITestOutputHelper _output;

    protected GemmBatchedTests(ITestOutputHelper output, bool portableKernel)
    {
        _output = output;
        Gemm.PortableKernelOnly = portableKernel;
        _output.WriteLine($"seed {Seed}, element type {typeof(T).Name}, AVX-512 kernel {Gemm.UsesWideKernel}");
    }

    // batch, m, n, k, broadcast A, broadcast B: single items, empty batches and items, odd shapes, items big
    // enough to be threaded each (110·100·100 > ParallelThreshold = 2²⁰), and many small items shared between
    // threads (120 items of 20·21·22).
    public static TheoryData<int, int, int, int, bool, bool> BatchCases()
    {
        int[][] shapes =
        {
            new[] { 1, 7, 13, 5 }, new[] { 3, 1, 1, 1 }, new[] { 4, 9, 17, 33 }, new[] { 0, 4, 5, 6 },
            new[] { 3, 0, 5, 3 }, new[] { 3, 4, 0, 3 }, new[] { 3, 4, 5, 0 }, new[] { 2, 110, 100, 100 },
            new[] { 120, 20, 21, 22 }, new[] { 5, 33, 1, 300 },
        };
        var data = new TheoryData<int, int, int, int, bool, bool>();
        foreach (int[] s in shapes)
        {
            data.Add(s[0], s[1], s[2], s[3], false, false);
            data.Add(s[0], s[1], s[2], s[3], true, false);
            data.Add(s[0], s[1], s[2], s[3], false, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BatchCases))]
    public void MultiplyBatched_AnyTransposes_MatchesNaiveLoopPerItemAndLeavesGapsAlone(
        int batch, int m, int n, int k, bool broadcastA, bool broadcastB)
    {
        foreach (bool ta in new[] { false, true })
        {
            foreach (bool tb in new[] { false, true })
            {
                RunBatch(batch, m, n, k, ta, tb, broadcastA, broadcastB);
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 1, 2, 3, 4)]
    [InlineData(9, 21, 35, 7, 0, 11)]
    [InlineData(130, 70, 300, 0, 17, 1)]
    public void Multiply_Offsets_MatchesNaiveLoopAndLeavesRestAlone(int m, int n, int k, int aOffset, int bOffset, int cOffset)
    {
        var rng = new SeededRandom(Seed + 1);
        foreach (bool ta in new[] { false, true })
        {
            foreach (bool tb in new[] { false, true })
            {
                int lda = (ta ? m : k) + 2, ldb = (tb ? k : n) + 1, ldc = n + 3;
                T[] a = Reference.RandomArray<T>(rng, aOffset + ((ta ? k : m) * lda) + Gap);
                T[] b = Reference.RandomArray<T>(rng, bOffset + ((tb ? n : k) * ldb) + Gap);
                T[] c = Reference.RandomArray<T>(rng, cOffset + (m * ldc) + Gap);
                T[] before = (T[])c.Clone();
                var (expected, bound) = Reference.Gemm(ta, tb, m, n, k, Alpha, a, aOffset, lda, b, bOffset, ldb, Beta, c, cOffset, ldc);

                Gemm.Multiply(ta, tb, m, n, k, Alpha, a, aOffset, lda, b, bOffset, ldb, Beta, c, cOffset, ldc);

                AssertItem(expected, bound, c, cOffset, m, n, ldc, k, $"transposes {ta} {tb}");
                AssertOutsideUnchanged(before, c, [cOffset], m, n, ldc);
            }
        }
    }

    [Fact]
    public void MultiplyBatched_InterleavedItemRows_Accepted()
    {
        // C stored [m, batch, n]: item i's row r is at (r·batch + i)·n; items interleave but never overlap.
        const int batch = 3, m = 4, n = 5, k = 6;
        var rng = new SeededRandom(Seed + 2);
        T[] a = Reference.RandomArray<T>(rng, batch * m * k);
        T[] b = Reference.RandomArray<T>(rng, k * n);
        T[] c = Reference.RandomArray<T>(rng, m * batch * n);
        T[] before = (T[])c.Clone();

        Gemm.MultiplyBatched(batch, false, false, m, n, k, Alpha, a, 0, k, m * k, b, 0, n, 0, Beta, c, 0, batch * n, n);

        for (int i = 0; i < batch; i++)
        {
            var (expected, bound) = Reference.Gemm(false, false, m, n, k, Alpha, a, i * m * k, k, b, 0, n, Beta, before, i * n, batch * n);
            AssertItem(expected, bound, c, i * n, m, n, batch * n, k, $"item {i}");
        }
    }

    public static IEnumerable<object[]> BadBatches()
    {
        // why, batch, lengthA, aOffset, strideA, lengthB, strideB, lengthC, cOffset, strideC, ldc, words in the message
        // Items are 2×3 = (2×4)·(4×3) with lda = 4, ldb = 3; one A item needs 8, B 12, C 6 (ldc 3).
        yield return new object[] { "negative batch", -1, 8, 0, 8L, 12, 0L, 6, 0, 6L, 3, new[] { "batch", "-1" } };
        yield return new object[] { "negative A offset", 1, 8, -2, 8L, 12, 0L, 6, 0, 6L, 3, new[] { "A", "offset -2" } };
        yield return new object[] { "A offset past the end", 1, 9, 2, 8L, 12, 0L, 6, 0, 6L, 3, new[] { "A", "offset 2", "needs 10" } };
        yield return new object[] { "negative A stride", 2, 16, 0, -8L, 12, 0L, 12, 0, 6L, 3, new[] { "A", "stride -8" } };
        yield return new object[] { "last A item short", 3, 23, 0, 8L, 12, 0L, 18, 0, 6L, 3, new[] { "A", "3 items", "offset 0", "need 24" } };
        yield return new object[] { "last B item short", 2, 16, 0, 8L, 23, 12L, 12, 0, 6L, 3, new[] { "B", "2 items", "need 24" } };
        yield return new object[] { "C offset pushes last item out", 2, 16, 0, 8L, 12, 0L, 13, 2, 6L, 3, new[] { "C", "offset 2", "need 14" } };
        yield return new object[] { "C broadcast", 2, 16, 0, 8L, 12, 0L, 12, 0, 0L, 3, new[] { "overlap", "stride 0" } };
        yield return new object[] { "C items overlap by a row", 3, 24, 0, 8L, 12, 0L, 20, 0, 3L, 3, new[] { "overlap", "items 0 and 1" } };
        yield return new object[] { "C items overlap inside a row", 2, 16, 0, 8L, 12, 0L, 12, 0, 2L, 4, new[] { "overlap" } };
        yield return new object[] { "C items 0 and 2 overlap, 0 and 1 do not", 3, 24, 0, 8L, 12, 0L, 30, 0, 5L, 10, new[] { "overlap", "items 0 and 2" } };
    }

    [Theory]
    [MemberData(nameof(BadBatches))]
    public void MultiplyBatched_BadArguments_ThrowsNamingOperandAndValue(
        string why, int batch, int lengthA, int aOffset, long strideA, int lengthB, long strideB,
        int lengthC, int cOffset, long strideC, int ldc, string[] words)
    {
        _output.WriteLine(why);

        var e = Assert.Throws<ArgumentException>(() => Gemm.MultiplyBatched(batch, false, false, 2, 3, 4,
            T.One, new T[lengthA], aOffset, 4, strideA, new T[lengthB], 0, 3, strideB, T.Zero, new T[lengthC], cOffset, ldc, strideC));

        _output.WriteLine(e.Message);
        Assert.All(words, w => Assert.Contains(w, e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void MultiplyBatched_CSharesArrayWithB_Throws()
    {
        var shared = new T[64];

        var e = Assert.Throws<ArgumentException>(() => Gemm.MultiplyBatched(2, false, false, 2, 2, 2,
            T.One, new T[16], 0, 2, 4, shared, 0, 2, 4, T.Zero, shared, 32, 2, 4));

        Assert.Contains("must not share", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A", -1, 0, 0)]
    [InlineData("B", 0, 3, 0)]
    [InlineData("C", 0, 0, 7)]
    public void Multiply_OffsetOutOfRange_ThrowsNamingOperandAndOffset(string operand, int aOffset, int bOffset, int cOffset)
    {
        // A 2×3 = (2×4)·(4×3) product on arrays exactly as long as the matrices; any positive offset is too far.
        var e = Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 2, 3, 4,
            T.One, new T[8], aOffset, 4, new T[12], bOffset, 3, T.Zero, new T[6 + Math.Min(cOffset, 1)], cOffset, 3));

        _output.WriteLine(e.Message);
        Assert.StartsWith(operand + " ", e.Message, StringComparison.Ordinal);
        Assert.Contains($"offset {aOffset + bOffset + cOffset}", e.Message, StringComparison.Ordinal);
    }

    private static void RunBatch(int batch, int m, int n, int k, bool ta, bool tb, bool broadcastA, bool broadcastB)
    {
        var rng = new SeededRandom(Seed + (ulong)(batch + m + n + k));
        int rowsA = ta ? k : m, colsA = ta ? m : k, rowsB = tb ? n : k, colsB = tb ? k : n;
        int lda = colsA + 1, ldb = colsB + 2, ldc = n + 1;
        const int aOffset = 3, bOffset = 1, cOffset = 2;
        long strideA = broadcastA ? 0 : (rowsA * lda) + Gap;
        long strideB = broadcastB ? 0 : (rowsB * ldb) + Gap;
        long strideC = (m * ldc) + Gap;
        int items = Math.Max(batch, 1);
        T[] a = Reference.RandomArray<T>(rng, (int)(aOffset + (items * Math.Max(strideA, rowsA * lda))));
        T[] b = Reference.RandomArray<T>(rng, (int)(bOffset + (items * Math.Max(strideB, rowsB * ldb))));
        T[] c = Reference.RandomArray<T>(rng, (int)(cOffset + (items * strideC)));
        T[] before = (T[])c.Clone();

        Gemm.MultiplyBatched(batch, ta, tb, m, n, k, Alpha, a, aOffset, lda, strideA, b, bOffset, ldb, strideB,
            Beta, c, cOffset, ldc, strideC);

        var starts = new int[batch];
        for (int i = 0; i < batch; i++)
        {
            starts[i] = (int)(cOffset + (i * strideC));
            var (expected, bound) = Reference.Gemm(ta, tb, m, n, k, Alpha, a, (int)(aOffset + (i * strideA)), lda,
                b, (int)(bOffset + (i * strideB)), ldb, Beta, before, starts[i], ldc);
            AssertItem(expected, bound, c, starts[i], m, n, ldc, k, $"item {i} of {batch}, transposes {ta} {tb}");
        }
        AssertOutsideUnchanged(before, c, starts, m, n, ldc);
    }

    private static void AssertItem(double[] expected, double[] bound, T[] actual, int offset, int m, int n, int ldc, int k, string what)
    {
        double tolerance = (k + 4) * Reference.Epsilon<T>();
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double e = expected[(i * n) + j];
                double x = double.CreateTruncating(actual[offset + (i * ldc) + j]);
                double allowed = tolerance * bound[(i * n) + j];
                Assert.True(Math.Abs(x - e) <= allowed, $"{what}: C[{i}, {j}] = {x}, expected {e} ± {allowed:G3}");
            }
        }
    }

    private static void AssertOutsideUnchanged(T[] before, T[] after, int[] starts, int m, int n, int ldc)
    {
        var inside = new bool[before.Length];
        foreach (int start in starts)
        {
            for (int i = 0; i < m; i++)
            {
                Array.Fill(inside, true, start + (i * ldc), n);
            }
        }
        for (int p = 0; p < before.Length; p++)
        {
            Assert.True(inside[p] || before[p] == after[p], $"C[{p}] outside every item changed from {before[p]} to {after[p]}");
        }
    }
}
