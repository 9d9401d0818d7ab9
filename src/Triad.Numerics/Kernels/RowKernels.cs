using System.Numerics.Tensors;

namespace Triad.Numerics.Kernels;

/// <summary>
/// Kernels over the rows of a row-major matrix [rows, cols], used by layers and losses.
/// Every sum runs in a fixed order, so results do not depend on the thread count.
/// </summary>
public static class RowKernels
{
    /// <summary>matrix[r, j] += bias[j] for every row r.</summary>
    public static void AddToEachRow(Span<double> matrix, ReadOnlySpan<double> bias)
    {
        int cols = bias.Length;
        CheckRows(matrix.Length, cols);
        for (int r = 0; r < matrix.Length; r += cols)
        {
            Span<double> row = matrix.Slice(r, cols);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    /// <summary>sums[j] += Σ_r matrix[r, j]; rows are added in order 0, 1, ….</summary>
    public static void AddColumnSums(ReadOnlySpan<double> matrix, Span<double> sums)
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
    /// Subtracting the row maximum keeps exp from overflowing.
    /// </summary>
    public static void Softmax(ReadOnlySpan<double> matrix, int cols, Span<double> destination)
    {
        CheckRows(matrix.Length, cols);
        if (destination.Length != matrix.Length)
        {
            throw new ArgumentException("softmax destination length differs from its input", nameof(destination));
        }
        for (int r = 0; r < matrix.Length; r += cols)
        {
            ReadOnlySpan<double> row = matrix.Slice(r, cols);
            Span<double> dst = destination.Slice(r, cols);
            double max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, dst);
            TensorPrimitives.Exp(dst, dst);
            double sum = TensorPrimitives.Sum<double>(dst);
            TensorPrimitives.Divide(dst, sum, dst);
        }
    }

    /// <summary>Index of the largest value in each row (the first on ties).</summary>
    public static void ArgMax(ReadOnlySpan<double> matrix, int cols, Span<int> destination)
    {
        CheckRows(matrix.Length, cols);
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
