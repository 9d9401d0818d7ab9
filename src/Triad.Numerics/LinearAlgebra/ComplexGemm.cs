using System.Buffers;
using System.Numerics;

namespace Triad.Numerics.LinearAlgebra;

/// <summary>
/// Complex general matrix multiply, C ← α·op(A)·op(B) + β·C, for row-major <see cref="Complex"/> matrices,
/// op ∈ {X, Xᵀ, Xᴴ} (<see cref="MatrixOperation"/>).
/// <para>
/// Layout as for <see cref="Gemm"/>: op(A) is m×k, so A is stored m×k (k×m when transposed) with row stride
/// <c>lda</c>; op(B) is k×n, so B is stored k×n (n×k when transposed) with row stride <c>ldb</c>; C is m×n
/// with row stride <c>ldc</c>. All three start at offset 0 of their arrays.
/// </para>
/// <para>
/// Method (the "4M" scheme): A and B are split into real and imaginary parts, op(A) = Aᵣ + i·Aᵢ and
/// op(B) = Bᵣ + i·Bᵢ, with conjugation folded into the sign of the imaginary part while splitting. Then
/// P = op(A)·op(B) = (Aᵣ·Bᵣ − Aᵢ·Bᵢ) + i·(Aᵣ·Bᵢ + Aᵢ·Bᵣ) is four calls of the real <see cref="Gemm"/>, and
/// C ← α·P + β·C element by element. The three-product (Karatsuba, "3M") variant saves a quarter of the work
/// but loses relative accuracy in the smaller of the real and imaginary parts, so it is not used.
/// Results are bit-identical for any <see cref="Threading.ThreadSettings.MaxThreads"/>, as for the real Gemm.
/// </para>
/// </summary>
public static class ComplexGemm
{
    /// <summary>
    /// C ← α·op(A)·op(B) + β·C on row-major arrays. With β = 0, C is overwritten (NaNs in C do not
    /// propagate); with α = 0 or k = 0, A and B are not read and C ← β·C.
    /// </summary>
    /// <param name="operationA">op applied to A.</param>
    /// <param name="operationB">op applied to B.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A) and rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A, row-major with row stride <paramref name="lda"/>.</param>
    /// <param name="lda">Row stride of A, at least its stored column count.</param>
    /// <param name="b">B, row-major with row stride <paramref name="ldb"/>.</param>
    /// <param name="ldb">Row stride of B, at least its stored column count.</param>
    /// <param name="beta">Scale of the old C.</param>
    /// <param name="c">C, row-major with row stride <paramref name="ldc"/>; overwritten with the result.</param>
    /// <param name="ldc">Row stride of C, at least <paramref name="n"/>.</param>
    /// <exception cref="ArgumentException">
    /// A dimension is negative, an operation is not a <see cref="MatrixOperation"/> value, or an array is too
    /// short for its shape and stride.
    /// </exception>
    public static void Multiply(
        MatrixOperation operationA, MatrixOperation operationB, int m, int n, int k,
        Complex alpha, Complex[] a, int lda, Complex[] b, int ldb,
        Complex beta, Complex[] c, int ldc)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        CheckOperation(operationA, nameof(operationA));
        CheckOperation(operationB, nameof(operationB));
        bool transposeA = operationA != MatrixOperation.None;
        bool transposeB = operationB != MatrixOperation.None;
        int rowsA = transposeA ? k : m, colsA = transposeA ? m : k;
        int rowsB = transposeB ? n : k, colsB = transposeB ? k : n;
        CheckOperand("A", a.Length, rowsA, colsA, lda);
        CheckOperand("B", b.Length, rowsB, colsB, ldb);
        CheckOperand("C", c.Length, m, n, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }
        if (k == 0 || alpha == Complex.Zero)
        {
            ScaleC(c, m, n, ldc, beta);
            return;
        }

        int sizeA = rowsA * colsA, sizeB = rowsB * colsB, sizeC = m * n;
        double[] ar = ArrayPool<double>.Shared.Rent(sizeA);
        double[] ai = ArrayPool<double>.Shared.Rent(sizeA);
        double[] br = ArrayPool<double>.Shared.Rent(sizeB);
        double[] bi = ArrayPool<double>.Shared.Rent(sizeB);
        double[] pr = ArrayPool<double>.Shared.Rent(sizeC);
        double[] pi = ArrayPool<double>.Shared.Rent(sizeC);
        try
        {
            Split(a, lda, rowsA, colsA, operationA == MatrixOperation.ConjugateTranspose, ar, ai);
            Split(b, ldb, rowsB, colsB, operationB == MatrixOperation.ConjugateTranspose, br, bi);
            Gemm.Multiply(transposeA, transposeB, m, n, k, 1.0, ar, colsA, br, colsB, 0.0, pr, n);
            Gemm.Multiply(transposeA, transposeB, m, n, k, -1.0, ai, colsA, bi, colsB, 1.0, pr, n);
            Gemm.Multiply(transposeA, transposeB, m, n, k, 1.0, ar, colsA, bi, colsB, 0.0, pi, n);
            Gemm.Multiply(transposeA, transposeB, m, n, k, 1.0, ai, colsA, br, colsB, 1.0, pi, n);
            Combine(pr, pi, m, n, alpha, beta, c, ldc);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(ar);
            ArrayPool<double>.Shared.Return(ai);
            ArrayPool<double>.Shared.Return(br);
            ArrayPool<double>.Shared.Return(bi);
            ArrayPool<double>.Shared.Return(pr);
            ArrayPool<double>.Shared.Return(pi);
        }
    }

    private static void CheckOperation(MatrixOperation operation, string name)
    {
        if (operation is not (MatrixOperation.None or MatrixOperation.Transpose or MatrixOperation.ConjugateTranspose))
        {
            throw new ArgumentOutOfRangeException(name, operation, "expected None, Transpose or ConjugateTranspose");
        }
    }

    private static void CheckOperand(string name, int length, int rows, int cols, int stride)
    {
        Gemm.CheckOperand(name, length, rows, cols, stride);
        if ((long)rows * cols > Array.MaxLength)
        {
            throw new ArgumentException($"{name} is {rows}×{cols}, too large to split into real and imaginary parts", name);
        }
    }

    // Copies the stored rows×cols matrix into compact real and imaginary parts (row stride cols).
    private static void Split(Complex[] x, int stride, int rows, int cols, bool conjugate, double[] re, double[] im)
    {
        double sign = conjugate ? -1.0 : 1.0;
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<Complex> src = x.AsSpan(i * stride, cols);
            int o = i * cols;
            for (int j = 0; j < src.Length; j++)
            {
                re[o + j] = src[j].Real;
                im[o + j] = sign * src[j].Imaginary;
            }
        }
    }

    private static void Combine(double[] pr, double[] pi, int m, int n, Complex alpha, Complex beta, Complex[] c, int ldc)
    {
        bool overwrite = beta == Complex.Zero;
        for (int i = 0; i < m; i++)
        {
            Span<Complex> row = c.AsSpan(i * ldc, n);
            int o = i * n;
            for (int j = 0; j < row.Length; j++)
            {
                Complex product = alpha * new Complex(pr[o + j], pi[o + j]);
                row[j] = overwrite ? product : product + (beta * row[j]);
            }
        }
    }

    private static void ScaleC(Complex[] c, int m, int n, int ldc, Complex beta)
    {
        if (beta == Complex.One)
        {
            return;
        }
        for (int i = 0; i < m; i++)
        {
            Span<Complex> row = c.AsSpan(i * ldc, n);
            if (beta == Complex.Zero)
            {
                row.Clear();
            }
            else
            {
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] *= beta;
                }
            }
        }
    }
}
