using System.Numerics;
using System.Numerics.Tensors;

namespace Triad.Numerics.Kernels;

/// <summary>
/// Kernels over the rows of a row-major matrix [rows, cols], used by layers and losses, for float and double.
/// The column count is the length of the per-row vector (bias, sums) or given explicitly; the matrix length must
/// be a whole number of rows (zero rows is allowed). Every sum runs in a fixed order, so results do not depend
/// on the thread count.
/// </summary>
public static class RowKernels
{
    /// <summary>matrix[r, j] += bias[j] for every row r.</summary>
    /// <exception cref="ArgumentException">The bias is empty, or the matrix is not a whole number of rows of its length.</exception>
    public static void AddToEachRow<T>(Span<T> matrix, ReadOnlySpan<T> bias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cols = bias.Length;
        CheckRows(matrix.Length, cols);
        for (int r = 0; r < matrix.Length; r += cols)
        {
            Span<T> row = matrix.Slice(r, cols);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    /// <summary>sums[j] += Σ_r matrix[r, j]; rows are added in order 0, 1, ….</summary>
    /// <exception cref="ArgumentException">The sums are empty, or the matrix is not a whole number of rows of their length.</exception>
    public static void AddColumnSums<T>(ReadOnlySpan<T> matrix, Span<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cols = sums.Length;
        CheckRows(matrix.Length, cols);
        for (int r = 0; r < matrix.Length; r += cols)
        {
            TensorPrimitives.Add(sums, matrix.Slice(r, cols), sums);
        }
    }

    /// <summary>
    /// Row-wise softmax: destination[r, j] = exp(x[r, j] − max_r) / Σ_k exp(x[r, k] − max_r).
    /// Subtracting the row maximum keeps exp from overflowing. A NaN in a row makes that whole row NaN.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="cols"/> is not positive, the matrix is not a whole number of rows, or the destination's length differs.
    /// </exception>
    public static void Softmax<T>(ReadOnlySpan<T> matrix, int cols, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckRows(matrix.Length, cols);
        if (destination.Length != matrix.Length)
        {
            throw new ArgumentException(
                $"softmax destination holds {destination.Length} values, its input {matrix.Length}", nameof(destination));
        }
        for (int r = 0; r < matrix.Length; r += cols)
        {
            ReadOnlySpan<T> row = matrix.Slice(r, cols);
            Span<T> dst = destination.Slice(r, cols);
            T max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, dst);
            TensorPrimitives.Exp(dst, dst);
            T sum = TensorPrimitives.Sum<T>(dst);
            TensorPrimitives.Divide(dst, sum, dst);
        }
    }

    /// <summary>
    /// destination[r] = the index of the largest value in row r (the first on ties; the first NaN if the row has one).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="cols"/> is not positive, the matrix is not a whole number of rows, or the destination does not hold one index per row.
    /// </exception>
    public static void ArgMax<T>(ReadOnlySpan<T> matrix, int cols, Span<int> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckRows(matrix.Length, cols);
        int rows = matrix.Length / cols;
        if (destination.Length != rows)
        {
            throw new ArgumentException(
                $"argmax destination holds {destination.Length} indices for {rows} rows", nameof(destination));
        }
        for (int r = 0, i = 0; r < matrix.Length; r += cols, i++)
        {
            destination[i] = TensorPrimitives.IndexOfMax(matrix.Slice(r, cols));
        }
    }

    private static void CheckRows(int length, int cols)
    {
        if (cols <= 0 || length % cols != 0)
        {
            throw new ArgumentException($"a span of {length} values is not a whole number of rows of {cols}");
        }
    }
}
