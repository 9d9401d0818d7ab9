using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Triad.Numerics.Threading;

namespace Triad.Numerics.LinearAlgebra;

/// <summary>
/// General matrix multiply, C ← α·op(A)·op(B) + β·C, for row-major double and float matrices.
/// <para>
/// Layout: A is m×k (k×m when transposed) with row stride <c>lda</c>; B is k×n (n×k when transposed)
/// with row stride <c>ldb</c>; C is m×n with row stride <c>ldc</c>. Element (i, j) of a stored matrix X with offset
/// <c>xOffset</c> is <c>x[xOffset + i·ldx + j]</c>; the overloads without offsets start at offset 0.
/// </para>
/// <para>
/// Method (Goto and van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS 34(3), 2008):
/// op(A) and op(B) are packed per K-block of <see cref="KC"/> into panels of <see cref="MR"/> rows and
/// <see cref="NR"/> columns (transposition costs nothing: it happens while packing); an MR×NR register-blocked
/// micro-kernel with fused multiply–add runs over the panels; macro tiles of C are shared out to threads.
/// Every element of C is summed over k in the same order whatever the thread count, so results are
/// bit-identical for any <see cref="ThreadSettings.MaxThreads"/>.
/// </para>
/// </summary>
public static partial class Gemm
{
    // Blocking and threading constants. They are tuning parameters, not physics: chosen so that an A panel
    // (MR·KC doubles = 8 KiB) and a B panel (NR·KC = 16 KiB with AVX2) stay in a 32 KiB L1 cache and a macro tile
    // of packed A (MC·KC = 128 KiB) in L2, as in Goto and van de Geijn (2008), then checked by timing on this
    // project's 2-core AMD EPYC machine with `triad bench` and the scratch shapes of the layers (conv weight
    // gradients were 6× faster with split-K). Only KSplit changes the order of summation, and it depends on k
    // alone, so no constant makes a result depend on the thread count.

    /// <summary>Products with fewer multiply–adds than this (about 5 µs of work) run on the calling thread.</summary>
    public const long ParallelThreshold = 1L << 18;

    /// <summary>Depth of one chunk of K when a tall-K product is split across threads.</summary>
    private const int KSplit = 8 * KC;

    /// <summary>Largest total size of the partial products of a split-K product.</summary>
    private const long MaxSplitElements = 1L << 22;

    /// <summary>Rows of op(A) per micro-kernel tile.</summary>
    public const int MR = 4;

    /// <summary>Depth of one packed K-block.</summary>
    public const int KC = 256;

    /// <summary>Rows of C in one macro tile handed to a thread.</summary>
    private const int MC = 64;

    /// <summary>Columns of C in one macro tile handed to a thread (a multiple of every NR).</summary>
    private const int NCTile = 256;

    /// <summary>Columns of op(B) per micro-kernel tile: two SIMD vectors.</summary>
    public static int NR<T>() where T : unmanaged => 2 * Vector<T>.Count;

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C on row-major arrays. With β = 0, C is overwritten (NaNs in C do not propagate).
    /// C must be an array of its own, not A's or B's.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative or an array is too short for its shape and stride.</exception>
    public static void Multiply<T>(
        bool transposeA, bool transposeB, int m, int n, int k,
        T alpha, T[] a, int lda, T[] b, int ldb,
        T beta, T[] c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Multiply(transposeA, transposeB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, ldc);

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C on row-major matrices stored from an offset of their arrays:
    /// op(A)[i, p] is <c>a[aOffset + i·lda + p]</c> (<c>a[aOffset + p·lda + i]</c> when transposed), and so on for
    /// B and C. With β = 0, C is overwritten (NaNs in C do not propagate). C must be an array of its own, not
    /// A's or B's. Elements of the arrays outside the three matrices are neither read nor written.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A dimension or offset is negative, or an array is too short for its offset, shape and stride.
    /// </exception>
    public static void Multiply<T>(
        bool transposeA, bool transposeB, int m, int n, int k,
        T alpha, T[] a, int aOffset, int lda, T[] b, int bOffset, int ldb,
        T beta, T[] c, int cOffset, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        CheckOperand("A", a.Length, aOffset, transposeA ? k : m, transposeA ? m : k, lda);
        CheckOperand("B", b.Length, bOffset, transposeB ? n : k, transposeB ? k : n, ldb);
        CheckOperand("C", c.Length, cOffset, m, n, ldc);
        CheckNotShared(a, b, c);
        Compute(transposeA, transposeB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
            (long)m * n * k >= ParallelThreshold);
    }

    // The product itself, after the checks. `parallel` only allows threads; the result does not depend on it.
    private static void Compute<T>(
        bool transposeA, bool transposeB, int m, int n, int k,
        T alpha, T[] a, int aOffset, int lda, T[] b, int bOffset, int ldb,
        T beta, T[] c, int cOffset, int ldc, bool parallel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        ScaleC(c, cOffset, m, n, ldc, beta);
        if (k == 0 || alpha == T.Zero)
        {
            return;
        }

        int nr = NR<T>();
        int mPanels = (m + MR - 1) / MR;
        int nPanels = (n + nr - 1) / nr;
        int rowTiles = (m + MC - 1) / MC;
        int colTiles = (n + NCTile - 1) / NCTile;
        // A K-block is never deeper than k: sizing the panels by KC alone would make a thin product
        // (k ≪ KC, e.g. a large batch times a few features) pack into buffers KC/k times too large.
        int kcMax = Math.Min(KC, k);
        int splits = (k + KSplit - 1) / KSplit;
        if (rowTiles * colTiles <= 2 && splits >= 2 && (long)splits * m * n <= MaxSplitElements)
        {
            MultiplySplitK(transposeA, transposeB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, splits, parallel);
            return;
        }
        T[] packA = ArrayPool<T>.Shared.Rent(mPanels * MR * kcMax);
        T[] packB = ArrayPool<T>.Shared.Rent(nPanels * nr * kcMax);
        try
        {
            for (int p0 = 0; p0 < k; p0 += KC)
            {
                int kc = Math.Min(KC, k - p0);
                int start = p0;
                // Packing is cut into the same panels as the tiles, so it parallelises without changing results.
                For(parallel, mPanels, ip => PackA(transposeA, a, aOffset, lda, m, start, kc, ip, packA));
                For(parallel, nPanels, jp => PackB(transposeB, b, bOffset, ldb, n, start, kc, jp, packB, nr));
                For(parallel, rowTiles * colTiles, tile =>
                    MacroTile(tile / colTiles, tile % colTiles, m, n, kc, alpha, packA, packB, c, cOffset, ldc, nr));
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(packA);
            ArrayPool<T>.Shared.Return(packB);
        }
    }

    // Tall-K products (a weight gradient: few outputs, a sum over every sample of the batch) have too few
    // tiles to share out, and one parallel region per K-block would cost more than the arithmetic. Instead
    // K is cut into fixed chunks of KSplit, each chunk's partial product is computed by one thread into its
    // own buffer, and the partials are added to C in chunk order. The chunks depend only on k, never on the
    // thread count, so the result is still bit-identical for any number of threads.
    private static void MultiplySplitK<T>(
        bool transposeA, bool transposeB, int m, int n, int k,
        T alpha, T[] a, int aOffset, int lda, T[] b, int bOffset, int ldb, T[] c, int cOffset, int ldc, int splits, bool parallel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nr = NR<T>();
        int mPanels = (m + MR - 1) / MR;
        int nPanels = (n + nr - 1) / nr;
        int rowTiles = (m + MC - 1) / MC;
        int colTiles = (n + NCTile - 1) / NCTile;
        int size = m * n;
        T[] partial = ArrayPool<T>.Shared.Rent(splits * size);
        try
        {
            For(parallel, splits, s =>
            {
                T[] packA = ArrayPool<T>.Shared.Rent(mPanels * MR * KC);
                T[] packB = ArrayPool<T>.Shared.Rent(nPanels * nr * KC);
                Array.Clear(partial, s * size, size);
                try
                {
                    int end = Math.Min(k, (s + 1) * KSplit);
                    for (int p0 = s * KSplit; p0 < end; p0 += KC)
                    {
                        int kc = Math.Min(KC, end - p0);
                        for (int ip = 0; ip < mPanels; ip++)
                        {
                            PackA(transposeA, a, aOffset, lda, m, p0, kc, ip, packA);
                        }
                        for (int jp = 0; jp < nPanels; jp++)
                        {
                            PackB(transposeB, b, bOffset, ldb, n, p0, kc, jp, packB, nr);
                        }
                        for (int tile = 0; tile < rowTiles * colTiles; tile++)
                        {
                            MacroTile(tile / colTiles, tile % colTiles, m, n, kc, alpha, packA, packB, partial, s * size, n, nr);
                        }
                    }
                }
                finally
                {
                    ArrayPool<T>.Shared.Return(packA);
                    ArrayPool<T>.Shared.Return(packB);
                }
            });
            for (int s = 0; s < splits; s++)
            {
                for (int i = 0; i < m; i++)
                {
                    Span<T> row = c.AsSpan(cOffset + (i * ldc), n);
                    System.Numerics.Tensors.TensorPrimitives.Add(row, partial.AsSpan((s * size) + (i * n), n), row);
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(partial);
        }
    }

    private static void For(bool parallel, int pieces, Action<int> body)
    {
        if (parallel)
        {
            ThreadSettings.For(pieces, body);
            return;
        }
        for (int i = 0; i < pieces; i++)
        {
            body(i);
        }
    }

    /// <summary>Checks one operand's dimensions, stride and array length; shared with <see cref="ComplexGemm"/>.</summary>
    internal static void CheckOperand(string name, int length, int rows, int cols, int stride) =>
        CheckOperand(name, length, 0, rows, cols, stride);

    /// <summary>Checks one operand's dimensions, offset, stride and array length.</summary>
    internal static void CheckOperand(string name, int length, int offset, int rows, int cols, int stride)
    {
        if (rows < 0 || cols < 0)
        {
            throw new ArgumentException($"{name} would be {rows}×{cols}: dimensions must be non-negative", name);
        }
        if (offset < 0)
        {
            throw new ArgumentException($"{name} offset {offset} is negative", name);
        }
        if (rows > 0 && stride < cols)
        {
            throw new ArgumentException($"{name} row stride {stride} is less than its {cols} columns", name);
        }
        long needed = Footprint(rows, cols, stride);
        if (length - (long)offset < needed)
        {
            string from = offset == 0 ? "" : $" from offset {offset}";
            throw new ArgumentException(
                $"{name} holds {length} elements, but a {rows}×{cols} matrix with row stride {stride}{from} needs {offset + needed}", name);
        }
    }

    /// <summary>Elements from the first to one past the last of a rows×cols matrix with row stride <paramref name="stride"/>.</summary>
    private static long Footprint(int rows, int cols, int stride) =>
        rows == 0 || cols == 0 ? 0 : ((long)(rows - 1) * stride) + cols;

    private static void CheckNotShared<T>(T[] a, T[] b, T[] c)
    {
        if (ReferenceEquals(c, a) || ReferenceEquals(c, b))
        {
            throw new ArgumentException("C must not share its array with A or B: the product is accumulated in place", nameof(c));
        }
    }

    private static void ScaleC<T>(T[] c, int cOffset, int m, int n, int ldc, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (beta == T.One)
        {
            return;
        }
        for (int i = 0; i < m; i++)
        {
            Span<T> row = c.AsSpan(cOffset + (i * ldc), n);
            if (beta == T.Zero)
            {
                row.Clear();
            }
            else
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }

    // packA holds panel ip at [ip·MR·kc, (ip+1)·MR·kc): for each p, MR consecutive rows, zero past m.
    private static void PackA<T>(bool transposeA, T[] a, int aOffset, int lda, int m, int p0, int kc, int ip, T[] packA)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i0 = ip * MR;
        int rows = Math.Min(MR, m - i0);
        Span<T> dst = packA.AsSpan(ip * MR * kc, MR * kc);
        if (rows < MR)
        {
            dst.Clear();
        }
        if (transposeA)
        {
            // op(A)[i, p] = A[p, i]: each p is a contiguous run of rows in memory.
            for (int p = 0; p < kc; p++)
            {
                ReadOnlySpan<T> src = a.AsSpan(aOffset + ((p0 + p) * lda) + i0, rows);
                src.CopyTo(dst.Slice(p * MR, rows));
            }
        }
        else
        {
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<T> src = a.AsSpan(aOffset + ((i0 + r) * lda) + p0, kc);
                for (int p = 0; p < kc; p++)
                {
                    dst[(p * MR) + r] = src[p];
                }
            }
        }
    }

    // packB holds panel jp at [jp·nr·kc, (jp+1)·nr·kc): for each p, nr consecutive columns, zero past n.
    private static void PackB<T>(bool transposeB, T[] b, int bOffset, int ldb, int n, int p0, int kc, int jp, T[] packB, int nr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j0 = jp * nr;
        int cols = Math.Min(nr, n - j0);
        Span<T> dst = packB.AsSpan(jp * nr * kc, nr * kc);
        if (cols < nr)
        {
            dst.Clear();
        }
        if (transposeB)
        {
            for (int j = 0; j < cols; j++)
            {
                ReadOnlySpan<T> src = b.AsSpan(bOffset + ((j0 + j) * ldb) + p0, kc);
                for (int p = 0; p < kc; p++)
                {
                    dst[(p * nr) + j] = src[p];
                }
            }
        }
        else
        {
            for (int p = 0; p < kc; p++)
            {
                b.AsSpan(bOffset + ((p0 + p) * ldb) + j0, cols).CopyTo(dst.Slice(p * nr, cols));
            }
        }
    }

    private static unsafe void MacroTile<T>(
        int rowTile, int colTile, int m, int n, int kc, T alpha,
        T[] packA, T[] packB, T[] c, int cOffset, int ldc, int nr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int iEnd = Math.Min(m, (rowTile + 1) * MC);
        int jEnd = Math.Min(n, (colTile + 1) * NCTile);
        Span<T> edge = stackalloc T[MR * 2 * Vector<T>.Count];
        fixed (T* pa = packA)
        fixed (T* pb = packB)
        fixed (T* pc0 = c)
        fixed (T* pEdge = edge)
        {
            T* pc = pc0 + cOffset;
            for (int j0 = colTile * NCTile; j0 < jEnd; j0 += nr)
            {
                T* bPanel = pb + ((j0 / nr) * nr * kc);
                int cols = Math.Min(nr, n - j0);
                for (int i0 = rowTile * MC; i0 < iEnd; i0 += MR)
                {
                    T* aPanel = pa + ((i0 / MR) * MR * kc);
                    int rows = Math.Min(MR, m - i0);
                    if (rows == MR && cols == nr)
                    {
                        MicroKernel(aPanel, bPanel, kc, alpha, pc + ((long)i0 * ldc) + j0, ldc);
                    }
                    else
                    {
                        // Edge tile: compute the full tile into a scratch block, then add the valid part.
                        new Span<T>(pEdge, MR * nr).Clear();
                        MicroKernel(aPanel, bPanel, kc, alpha, pEdge, nr);
                        for (int r = 0; r < rows; r++)
                        {
                            T* dstRow = pc + ((long)(i0 + r) * ldc) + j0;
                            for (int j = 0; j < cols; j++)
                            {
                                dstRow[j] += pEdge[(r * nr) + j];
                            }
                        }
                    }
                }
            }
        }
    }

    // The MR×NR micro-kernel: C[0..4, 0..2V] += α·Σ_p aPanel[p, 0..4] ⊗ bPanel[p, 0..2V].
    // Eight accumulators plus two B vectors and one broadcast fit in the sixteen AVX registers.
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe void MicroKernel<T>(T* a, T* b, int kc, T alpha, T* c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int v = Vector<T>.Count;
        Vector<T> c00 = Vector<T>.Zero, c01 = Vector<T>.Zero;
        Vector<T> c10 = Vector<T>.Zero, c11 = Vector<T>.Zero;
        Vector<T> c20 = Vector<T>.Zero, c21 = Vector<T>.Zero;
        Vector<T> c30 = Vector<T>.Zero, c31 = Vector<T>.Zero;
        int stride = 2 * v;
        for (int p = 0; p < kc; p++)
        {
            Vector<T> b0 = Vector.Load(b);
            Vector<T> b1 = Vector.Load(b + v);
            Vector<T> a0 = new(a[0]);
            c00 = Fma(a0, b0, c00);
            c01 = Fma(a0, b1, c01);
            Vector<T> a1 = new(a[1]);
            c10 = Fma(a1, b0, c10);
            c11 = Fma(a1, b1, c11);
            Vector<T> a2 = new(a[2]);
            c20 = Fma(a2, b0, c20);
            c21 = Fma(a2, b1, c21);
            Vector<T> a3 = new(a[3]);
            c30 = Fma(a3, b0, c30);
            c31 = Fma(a3, b1, c31);
            a += MR;
            b += stride;
        }
        Vector<T> al = new(alpha);
        Store(c, c00, c01, al, v);
        Store(c + ldc, c10, c11, al, v);
        Store(c + (2L * ldc), c20, c21, al, v);
        Store(c + (3L * ldc), c30, c31, al, v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store<T>(T* row, Vector<T> s0, Vector<T> s1, Vector<T> alpha, int v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector.Store(Fma(alpha, s0, Vector.Load(row)), row);
        Vector.Store(Fma(alpha, s1, Vector.Load(row + v)), row + v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Fma<T>(Vector<T> x, Vector<T> y, Vector<T> addend)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            return Vector.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), addend.As<T, double>()).As<double, T>();
        }
        if (typeof(T) == typeof(float))
        {
            return Vector.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), addend.As<T, float>()).As<float, T>();
        }
        return (x * y) + addend;
    }
}
