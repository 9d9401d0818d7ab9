using System.Numerics;
using Triad.Numerics.Tensors;

namespace Triad.Numerics.LinearAlgebra;

/// <summary>
/// Matrix products on rank-2 <see cref="Tensor{T}"/>s: shape-checked conveniences over <see cref="Gemm"/> and
/// <see cref="ComplexGemm"/> that allocate the result.
/// </summary>
public static class MatrixMath
{
    /// <summary>
    /// C = op(A)·op(B) with op(X) = Xᵀ when the flag is set: C[i, j] = Σ_p op(A)[i, p]·op(B)[p, j].
    /// </summary>
    /// <param name="a">A matrix (rank 2); op(A) is m×k.</param>
    /// <param name="b">A matrix (rank 2); op(B) is k×n.</param>
    /// <param name="transposeA">Use Aᵀ in place of A.</param>
    /// <param name="transposeB">Use Bᵀ in place of B.</param>
    /// <returns>A new m×n tensor. NaN or infinity in A or B propagates as in IEEE arithmetic.</returns>
    /// <exception cref="ShapeMismatchException">An operand is not a matrix, or the inner dimensions differ.</exception>
    public static Tensor<double> Multiply(Tensor<double> a, Tensor<double> b, bool transposeA = false, bool transposeB = false) =>
        MultiplyReal(a, b, transposeA, transposeB);

    /// <inheritdoc cref="Multiply(Tensor{double}, Tensor{double}, bool, bool)"/>
    public static Tensor<float> Multiply(Tensor<float> a, Tensor<float> b, bool transposeA = false, bool transposeB = false) =>
        MultiplyReal(a, b, transposeA, transposeB);

    /// <summary>
    /// C = op(A)·op(B) for complex matrices, op ∈ {X, Xᵀ, Xᴴ}: C[i, j] = Σ_p op(A)[i, p]·op(B)[p, j].
    /// </summary>
    /// <param name="a">A matrix (rank 2); op(A) is m×k.</param>
    /// <param name="b">A matrix (rank 2); op(B) is k×n.</param>
    /// <param name="operationA">op applied to A.</param>
    /// <param name="operationB">op applied to B.</param>
    /// <returns>A new m×n tensor.</returns>
    /// <exception cref="ShapeMismatchException">An operand is not a matrix, or the inner dimensions differ.</exception>
    public static Tensor<Complex> Multiply(
        Tensor<Complex> a, Tensor<Complex> b,
        MatrixOperation operationA = MatrixOperation.None, MatrixOperation operationB = MatrixOperation.None)
    {
        var (m, n, k) = ProductShape(a, b, operationA != MatrixOperation.None, operationB != MatrixOperation.None);
        var c = new Tensor<Complex>(m, n);
        ComplexGemm.Multiply(
            operationA, operationB, m, n, k, Complex.One, a.Data, a.Dim(1), b.Data, b.Dim(1), Complex.Zero, c.Data, n);
        return c;
    }

    private static Tensor<T> MultiplyReal<T>(Tensor<T> a, Tensor<T> b, bool transposeA, bool transposeB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, n, k) = ProductShape(a, b, transposeA, transposeB);
        var c = new Tensor<T>(m, n);
        Gemm.Multiply(transposeA, transposeB, m, n, k, T.One, a.Data, a.Dim(1), b.Data, b.Dim(1), T.Zero, c.Data, n);
        return c;
    }

    // (m, n, k) of op(A)·op(B), or a ShapeMismatchException naming both shapes.
    private static (int M, int N, int K) ProductShape<T>(Tensor<T> a, Tensor<T> b, bool transposeA, bool transposeB)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        string Describe() =>
            $"A {a.ShapeString}{(transposeA ? " (transposed)" : "")} by B {b.ShapeString}{(transposeB ? " (transposed)" : "")}";
        if (a.Rank != 2 || b.Rank != 2)
        {
            throw new ShapeMismatchException($"cannot multiply {Describe()}: both operands must be matrices (rank 2)");
        }
        int m = transposeA ? a.Dim(1) : a.Dim(0);
        int ka = transposeA ? a.Dim(0) : a.Dim(1);
        int kb = transposeB ? b.Dim(1) : b.Dim(0);
        int n = transposeB ? b.Dim(0) : b.Dim(1);
        if (ka != kb)
        {
            throw new ShapeMismatchException(
                $"cannot multiply {Describe()}: op(A) has {ka} columns but op(B) has {kb} rows");
        }
        return (m, n, ka);
    }
}
