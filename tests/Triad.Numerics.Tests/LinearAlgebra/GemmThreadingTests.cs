using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;
using Triad.Numerics.Tests.TestSupport;
using Triad.Numerics.Threading;
using Xunit.Abstractions;

namespace Triad.Numerics.Tests.LinearAlgebra;

[Collection(ThreadSettingsCollection.Name)]
public class GemmThreadingTests
{
    private const ulong Seed = 7_000_101;

    private readonly ITestOutputHelper _output;

    public GemmThreadingTests(ITestOutputHelper output)
    {
        _output = output;
        _output.WriteLine($"seed {Seed}");
    }

    // Several macro tiles in both directions, edge tiles, three K-blocks, a product packed in several passes
    // (700 × 800 × 900), and tall-K products split into chunks (16 × 9 takes the portable kernel, 70 × 200 the
    // AVX-512 one); each also with the portable kernel forced.
    [Theory]
    [InlineData(150, 530, 600, false, false)]
    [InlineData(150, 530, 600, true, true)]
    [InlineData(67, 300, 257, true, false)]
    [InlineData(16, 9, 9000, true, false)]
    [InlineData(700, 800, 900, false, true)]
    [InlineData(70, 200, 9000, true, false)]
    public void Multiply_Double_OneAndTwoThreadsBitIdentical(int m, int n, int k, bool transposeA, bool transposeB)
    {
        foreach (bool portable in new[] { false, true })
        {
            Gemm.PortableKernelOnly = portable;
            AssertThreadCountInvariant<double>(m, n, k, transposeA, transposeB);
        }
    }

    [Theory]
    [InlineData(150, 530, 600, false, true)]
    [InlineData(67, 300, 257, true, false)]
    [InlineData(16, 9, 9000, true, false)]
    [InlineData(700, 800, 900, false, false)]
    [InlineData(70, 200, 9000, true, false)]
    public void Multiply_Float_OneAndTwoThreadsBitIdentical(int m, int n, int k, bool transposeA, bool transposeB)
    {
        foreach (bool portable in new[] { false, true })
        {
            Gemm.PortableKernelOnly = portable;
            AssertThreadCountInvariant<float>(m, n, k, transposeA, transposeB);
        }
    }

    // Many small items shared between threads (each item 9·10·11 multiply–adds), and two items large enough to
    // be threaded each; A broadcast in one, B in the other.
    [Theory]
    [InlineData(1100, 9, 10, 11, true, false)]
    [InlineData(2, 90, 300, 260, false, true)]
    public void MultiplyBatched_FloatAndDouble_OneAndTwoThreadsBitIdentical(int batch, int m, int n, int k, bool broadcastA, bool broadcastB)
    {
        foreach (bool portable in new[] { false, true })
        {
            Gemm.PortableKernelOnly = portable;
            AssertBatchedThreadCountInvariant<float>(batch, m, n, k, broadcastA, broadcastB);
            AssertBatchedThreadCountInvariant<double>(batch, m, n, k, broadcastA, broadcastB);
        }
    }

    [Fact]
    public void ComplexMultiply_OneAndTwoThreadsBitIdentical()
    {
        const int m = 70, n = 290, k = 260;
        var rng = new SeededRandom(Seed);
        Complex[] a = Reference.RandomComplexArray(rng, k * m);
        Complex[] b = Reference.RandomComplexArray(rng, k * n);
        Complex[] c0 = Reference.RandomComplexArray(rng, m * n);
        var alpha = new Complex(0.5, -1.25);
        var beta = new Complex(-0.25, 0.5);

        Complex[] Run(int threads) => WithThreads(threads, () =>
        {
            var c = (Complex[])c0.Clone();
            ComplexGemm.Multiply(
                MatrixOperation.ConjugateTranspose, MatrixOperation.None, m, n, k, alpha, a, m, b, n, beta, c, n);
            return c;
        });

        AssertBitIdentical<Complex>(Run(1), Run(2));
    }

    [Fact]
    public void MaxThreads_BelowOne_ThrowsAndKeepsValue()
    {
        int before = ThreadSettings.MaxThreads;

        Assert.Throws<ArgumentOutOfRangeException>(() => ThreadSettings.MaxThreads = 0);
        Assert.Equal(before, ThreadSettings.MaxThreads);
    }

    private static void AssertThreadCountInvariant<T>(int m, int n, int k, bool transposeA, bool transposeB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new SeededRandom(Seed);
        T[] a = Reference.RandomArray<T>(rng, m * k);
        T[] b = Reference.RandomArray<T>(rng, k * n);
        T[] c0 = Reference.RandomArray<T>(rng, m * n);
        T alpha = T.CreateTruncating(0.75), beta = T.CreateTruncating(-1.5);

        T[] Run(int threads) => WithThreads(threads, () =>
        {
            var c = (T[])c0.Clone();
            Gemm.Multiply(transposeA, transposeB, m, n, k, alpha, a, transposeA ? m : k, b, transposeB ? k : n, beta, c, n);
            return c;
        });

        T[] one = Run(1);
        T[] two = Run(2);
        T[] again = Run(2);

        AssertBitIdentical<T>(one, two);
        AssertBitIdentical<T>(one, again);
    }

    private static void AssertBatchedThreadCountInvariant<T>(int batch, int m, int n, int k, bool broadcastA, bool broadcastB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new SeededRandom(Seed + 1);
        long strideA = broadcastA ? 0 : m * k, strideB = broadcastB ? 0 : k * n;
        T[] a = Reference.RandomArray<T>(rng, (int)Math.Max(m * k, batch * strideA));
        T[] b = Reference.RandomArray<T>(rng, (int)Math.Max(k * n, batch * strideB));
        T[] c0 = Reference.RandomArray<T>(rng, batch * m * n);
        T alpha = T.CreateTruncating(1.25), beta = T.CreateTruncating(0.5);

        T[] Run(int threads) => WithThreads(threads, () =>
        {
            var c = (T[])c0.Clone();
            Gemm.MultiplyBatched(batch, true, false, m, n, k, alpha, a, 0, m, strideA, b, 0, n, strideB, beta, c, 0, n, m * n);
            return c;
        });

        AssertBitIdentical<T>(Run(1), Run(2));
    }

    private static TResult WithThreads<TResult>(int threads, Func<TResult> body)
    {
        int saved = ThreadSettings.MaxThreads;
        try
        {
            ThreadSettings.MaxThreads = threads;
            return body();
        }
        finally
        {
            ThreadSettings.MaxThreads = saved;
        }
    }

    private static void AssertBitIdentical<T>(T[] expected, T[] actual)
        where T : unmanaged
    {
        Assert.Equal(expected.Length, actual.Length);
        ReadOnlySpan<byte> x = MemoryMarshal.AsBytes(expected.AsSpan());
        ReadOnlySpan<byte> y = MemoryMarshal.AsBytes(actual.AsSpan());
        int first = x.CommonPrefixLength(y);
        Assert.True(first == x.Length, $"first difference at element {first / Unsafe.SizeOf<T>()}");
    }
}
