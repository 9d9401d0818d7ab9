using System.Numerics;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Tensors;

namespace Triad.Numerics.Tests.LinearAlgebra;

public class MatrixMathTests
{
    private static readonly Tensor<double> A = new(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
    private static readonly Tensor<double> B = new(new double[] { 7, 8, 9, 10, 11, 12 }, 3, 2);

    [Fact]
    public void Multiply_Double_SmallExample()
    {
        Tensor<double> c = MatrixMath.Multiply(A, B);

        Assert.Equal(new[] { 2, 2 }, c.Shape.ToArray());
        Assert.Equal(new double[] { 58, 64, 139, 154 }, c.Data);
    }

    [Fact]
    public void Multiply_Double_TransposeFlags()
    {
        // Aᵀ·Bᵀ = (B·A)ᵀ: 3×3.
        Tensor<double> c = MatrixMath.Multiply(A, B, transposeA: true, transposeB: true);
        Tensor<double> ba = MatrixMath.Multiply(B, A);

        Assert.Equal(new[] { 3, 3 }, c.Shape.ToArray());
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(ba[j, i], c[i, j]);
            }
        }
        Assert.Equal(new double[] { 17, 22, 27, 22, 29, 36, 27, 36, 45 }, MatrixMath.Multiply(A, A, transposeA: true).Data);
        Assert.Equal(new double[] { 14, 32, 32, 77 }, MatrixMath.Multiply(A, A, transposeB: true).Data);
    }

    [Fact]
    public void Multiply_Float_SmallExample()
    {
        var a = new Tensor<float>(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var b = new Tensor<float>(new float[] { 7, 8, 9, 10, 11, 12 }, 3, 2);

        Assert.Equal(new float[] { 58, 64, 139, 154 }, MatrixMath.Multiply(a, b).Data);
        Assert.Equal(new float[] { 14, 32, 32, 77 }, MatrixMath.Multiply(a, a, transposeB: true).Data);
    }

    [Fact]
    public void Multiply_Complex_ConjugateTranspose()
    {
        var a = new Tensor<Complex>(new Complex[] { new(1, 1), new(0, 2) }, 1, 2);

        // Aᴴ·A = [[2, 2 + 2i], [2 − 2i, 4]]; A·Aᴴ = |1 + i|² + |2i|² = 6.
        Tensor<Complex> outer = MatrixMath.Multiply(a, a, MatrixOperation.ConjugateTranspose);
        Tensor<Complex> inner = MatrixMath.Multiply(a, a, operationB: MatrixOperation.ConjugateTranspose);

        Assert.Equal(new Complex[] { 2, new(2, 2), new(2, -2), 4 }, outer.Data);
        Assert.Equal(new Complex[] { 6 }, inner.Data);
    }

    [Fact]
    public void Multiply_EmptyInnerDimension_ZeroMatrix()
    {
        Tensor<double> c = MatrixMath.Multiply(new Tensor<double>(2, 0), new Tensor<double>(0, 3));

        Assert.Equal(new[] { 2, 3 }, c.Shape.ToArray());
        Assert.All(c.Data, x => Assert.Equal(0.0, x));
    }

    [Fact]
    public void Multiply_InnerDimensionsDiffer_ThrowsShapeMismatchNamingBothShapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => MatrixMath.Multiply(A, A));

        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("3 columns", ex.Message);
        Assert.Contains("2 rows", ex.Message);
    }

    [Fact]
    public void Multiply_TransposedInnerDimensionsDiffer_ThrowsShapeMismatchNamingBothShapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => MatrixMath.Multiply(A, B, transposeB: true));

        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[3, 2] (transposed)", ex.Message);
    }

    [Fact]
    public void Multiply_ComplexMismatch_ThrowsShapeMismatch()
    {
        var a = new Tensor<Complex>(2, 3);

        var ex = Assert.Throws<ShapeMismatchException>(() => MatrixMath.Multiply(a, a));
        Assert.Contains("[2, 3]", ex.Message);
    }

    [Fact]
    public void Multiply_NotMatrices_ThrowsShapeMismatch()
    {
        var vector = new Tensor<float>(3);
        var matrix = new Tensor<float>(3, 3);

        var ex = Assert.Throws<ShapeMismatchException>(() => MatrixMath.Multiply(vector, matrix));
        Assert.Contains("[3]", ex.Message);
        Assert.Contains("[3, 3]", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => MatrixMath.Multiply(matrix, new Tensor<float>(3, 3, 1)));
    }
}
