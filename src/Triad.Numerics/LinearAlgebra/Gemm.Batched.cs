using System.Numerics;
using Triad.Numerics.Threading;

namespace Triad.Numerics.LinearAlgebra;

public static partial class Gemm
{
    /// <summary>
    /// A batch of independent products, for item i = 0 … batch − 1:
    /// C_i ← α·op(A_i)·op(B_i) + β·C_i, where A_i is the matrix stored from <c>a[aOffset + i·strideA]</c> with row
    /// stride <paramref name="lda"/>, and likewise B_i and C_i.
    /// <para>
    /// A stride of 0 broadcasts one operand to every item (one weight matrix for a batch of inputs); the C items
    /// must not overlap, as each is accumulated in place. Items whose product is small run whole on one thread
    /// each, the items shared out between threads; larger items run one after another, each with the threaded
    /// product. Every item is summed exactly as by <see cref="Multiply{T}(bool, bool, int, int, int, T, T[], int, int, T[], int, int, T, T[], int, int)"/>,
    /// so the result is the same either way, and bit-identical for any <see cref="ThreadSettings.MaxThreads"/>.
    /// With <paramref name="batch"/> = 0 nothing is read or written.
    /// </para>
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A count, dimension, offset or stride is negative; an array is too short for its last item; C shares its
    /// array with A or B; or two C items overlap.
    /// </exception>
    public static void MultiplyBatched<T>(
        int batch, bool transposeA, bool transposeB, int m, int n, int k,
        T alpha, T[] a, int aOffset, int lda, long strideA,
        T[] b, int bOffset, int ldb, long strideB,
        T beta, T[] c, int cOffset, int ldc, long strideC)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        if (batch < 0)
        {
            throw new ArgumentException($"batch {batch} is negative", nameof(batch));
        }
        CheckBatchOperand("A", a.Length, batch, aOffset, strideA, transposeA ? k : m, transposeA ? m : k, lda);
        CheckBatchOperand("B", b.Length, batch, bOffset, strideB, transposeB ? n : k, transposeB ? k : n, ldb);
        CheckBatchOperand("C", c.Length, batch, cOffset, strideC, m, n, ldc);
        CheckNotShared(a, b, c);
        CheckItemsDisjoint(batch, m, n, ldc, strideC);
        if (batch == 0)
        {
            return;
        }

        long work = (long)m * n * k;
        bool wide = UsesWideKernel;
        if (batch > 1 && work < ParallelThreshold && work * batch >= ParallelThreshold)
        {
            ThreadSettings.For(batch, i => Compute(transposeA, transposeB, m, n, k, alpha,
                a, checked((int)(aOffset + (i * strideA))), lda,
                b, checked((int)(bOffset + (i * strideB))), ldb,
                beta, c, checked((int)(cOffset + (i * strideC))), ldc, parallel: false, wide));
            return;
        }
        for (int i = 0; i < batch; i++)
        {
            Compute(transposeA, transposeB, m, n, k, alpha,
                a, checked((int)(aOffset + (i * strideA))), lda,
                b, checked((int)(bOffset + (i * strideB))), ldb,
                beta, c, checked((int)(cOffset + (i * strideC))), ldc, parallel: work >= ParallelThreshold, wide);
        }
    }

    // Every item must lie inside the array; items step by a non-negative stride, so the last is the farthest.
    private static void CheckBatchOperand(string name, int length, int batch, int offset, long stride, int rows, int cols, int ld)
    {
        if (stride < 0)
        {
            throw new ArgumentException($"{name} item stride {stride} is negative", name);
        }
        if (batch == 0)
        {
            CheckOperand(name, int.MaxValue, offset, rows, cols, ld);
            return;
        }
        long last = offset + ((batch - 1) * stride);
        if (last > int.MaxValue)
        {
            throw new ArgumentException(
                $"{name} item {batch - 1} would start at {offset} + {batch - 1}·{stride} = {last}, past any array", name);
        }
        CheckOperand(name, length, offset, rows, cols, ld);
        if (batch > 1)
        {
            long needed = last + Footprint(rows, cols, ld);
            if (length < needed)
            {
                throw new ArgumentException(
                    $"{name} holds {length} elements, but {batch} items of {rows}×{cols} with row stride {ld}, " +
                    $"item stride {stride} and offset {offset} need {needed}", name);
            }
        }
    }

    // Items i < j overlap when (j − i)·strideC = Δr·ldc + Δc for some row step |Δr| < m and column step |Δc| < n.
    // A distance d > 0 can only be reached with Δr ≥ 0 (ldc ≥ n), and only by the two row steps nearest d / ldc.
    // Distances grow with j − i, so the search stops at the first one past the item's footprint.
    private static void CheckItemsDisjoint(int batch, int m, int n, int ldc, long strideC)
    {
        long footprint = Footprint(m, n, ldc);
        if (batch < 2 || footprint == 0)
        {
            return;
        }
        for (long step = 1; step < batch; step++)
        {
            long d = step * strideC;
            if (d >= footprint)
            {
                return;
            }
            long row = m == 1 ? 0 : d / ldc;
            for (long r = row; r <= Math.Min(row + 1, m - 1L); r++)
            {
                if (Math.Abs(d - (r * ldc)) < n)
                {
                    throw new ArgumentException(
                        $"C items overlap: item stride {strideC} with {m}×{n} items of row stride {ldc} puts items 0 and {step} " +
                        $"on the same elements", nameof(strideC));
                }
            }
        }
    }
}
