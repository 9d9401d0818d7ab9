using System.Numerics;
using System.Runtime.Intrinsics;
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
/// op(A) and op(B) are packed per K-block into panels of MR rows and NR columns (transposition costs nothing:
/// it happens while packing); an MR×NR register-blocked micro-kernel with fused multiply–add runs over the
/// panels; macro tiles of C are shared out to threads. The micro-kernel is the AVX-512 one (12 rows × 2 vectors
/// of 512 bits) where 512-bit vectors are accelerated and the product is wider than 2·<see cref="Vector{T}.Count"/>
/// columns and at least 12 rows, else a portable one on <see cref="Vector{T}"/> (4 rows × 2 vectors). Every element of C is summed over k in the same order whatever the thread count, so
/// results are bit-identical for any <see cref="ThreadSettings.MaxThreads"/> on a given machine.
/// </para>
/// </summary>
public static partial class Gemm
{
    /// <summary>
    /// Products with fewer multiply–adds than this (10–20 µs of work on one core) run on the calling thread:
    /// below it, starting a second thread and waiting for it costs more than it saves, and far more when another
    /// process holds the other core (a 32×128×64 layer took 27 µs on two busy cores, 7 µs on one).
    /// </summary>
    public const long ParallelThreshold = 1L << 20;

    // Test hook: forces the portable Vector<T> kernel for calls made in this asynchronous flow (a test and what it
    // starts), so the suite covers the fallback on machines with AVX-512 too. Read once per call, on the calling
    // thread, and handed down to the workers.
    private static readonly AsyncLocal<bool> s_portableKernelOnly = new();

    /// <summary>Whether calls made in this asynchronous flow use the portable kernel even where AVX-512 is accelerated (tests only).</summary>
    internal static bool PortableKernelOnly
    {
        get => s_portableKernelOnly.Value;
        set => s_portableKernelOnly.Value = value;
    }

    /// <summary>Whether calls made in this asynchronous flow use the AVX-512 micro-kernel.</summary>
    internal static bool UsesWideKernel => Vector512.IsHardwareAccelerated && !s_portableKernelOnly.Value;

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C on row-major arrays. With β = 0, C is overwritten (NaNs in C do not propagate);
    /// with α = 0 or k = 0, A and B are not read and C ← β·C. C must be an array of its own, not A's or B's.
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
    /// B and C. With β = 0, C is overwritten (NaNs in C do not propagate); with α = 0 or k = 0, A and B are not
    /// read and C ← β·C. C must be an array of its own, not A's or B's. Elements of the arrays outside the three
    /// matrices are neither read nor written.
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
            (long)m * n * k >= ParallelThreshold, UsesWideKernel);
    }

    // The product itself, after the checks. `parallel` only allows threads and `wide` picks the micro-kernel;
    // for a given kernel the result does not depend on `parallel`.
    private static void Compute<T>(
        bool transposeA, bool transposeB, int m, int n, int k,
        T alpha, T[] a, int aOffset, int lda, T[] b, int bOffset, int ldb,
        T beta, T[] c, int cOffset, int ldc, bool parallel, bool wide)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0 || alpha == T.Zero)
        {
            ScaleC(c, cOffset, m, n, ldc, beta);
            return;
        }
        // β = 0 is not a scaling: the first K-block stores the product over C, so NaNs in C do not propagate.
        bool overwrite = beta == T.Zero;
        if (!overwrite)
        {
            ScaleC(c, cOffset, m, n, ldc, beta);
        }
        var product = new Product<T>(transposeA, transposeB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, overwrite);
        // The wide kernel's tile is 12 rows × 2 zmm vectors (32 floats, 16 doubles); a product at most as wide as
        // the portable kernel's tile (16 floats, 8 doubles: the first convolution's 16 filters) or shorter than one
        // wide tile would spend most of it on padding, so it takes the portable kernel. The choice depends on
        // the shape alone, never on the thread count.
        if (wide && n > GemmKernelVector<T>.NR && m >= GemmKernel512<T>.MR)
        {
            Blocked<T, GemmKernel512<T>>(product, parallel);
        }
        else
        {
            Blocked<T, GemmKernelVector<T>>(product, parallel);
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
        // Empty arrays are often one shared instance (Array.Empty); with no elements nothing can overlap.
        if (c.Length > 0 && (ReferenceEquals(c, a) || ReferenceEquals(c, b)))
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
}
