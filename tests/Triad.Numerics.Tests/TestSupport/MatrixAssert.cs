using System.Numerics;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Numerics.Tests.TestSupport;

/// <summary>Random matrices and element-wise assertions for the decomposition tests, all in complex arithmetic.</summary>
internal static class MatrixAssert
{
    public static Tensor<double> RandomReal(SeededRandom rng, int rows, int cols) =>
        new(Reference.RandomArray<double>(rng, rows * cols), rows, cols);

    public static Tensor<Complex> RandomComplex(SeededRandom rng, int rows, int cols) =>
        new(Reference.RandomComplexArray(rng, rows * cols), rows, cols);

    public static Tensor<Complex> ToComplex(Tensor<double> a) =>
        new(a.Data.Select(x => new Complex(x, 0)).ToArray(), a.Shape.ToArray());

    /// <summary>Largest |x[i, j]| of a matrix.</summary>
    public static double MaxAbs(Tensor<Complex> a) => a.Data.Max(Complex.Abs);

    /// <summary>Asserts |actual[i, j] − expected[i, j]| ≤ tolerance for every element.</summary>
    public static void Close(Tensor<Complex> expected, Tensor<Complex> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        int cols = expected.Dim(1);
        for (int p = 0; p < expected.Length; p++)
        {
            double error = Complex.Abs(actual.Data[p] - expected.Data[p]);
            Assert.True(error <= tolerance,
                $"{what}[{p / cols}, {p % cols}] = {actual.Data[p]}, expected {expected.Data[p]} (error {error:G3} > {tolerance:G3})");
        }
    }

    /// <summary>Asserts XᴴX = I: the columns of X are orthonormal.</summary>
    public static void OrthonormalColumns(Tensor<Complex> x, double tolerance, string what)
    {
        Tensor<Complex> gram = MatrixMath.Multiply(x, x, MatrixOperation.ConjugateTranspose);
        Close(Identity(x.Dim(1)), gram, tolerance, $"{what}ᴴ{what}");
    }

    /// <summary>Asserts XXᴴ = I: the rows of X are orthonormal.</summary>
    public static void OrthonormalRows(Tensor<Complex> x, double tolerance, string what)
    {
        Tensor<Complex> gram = MatrixMath.Multiply(x, x, operationB: MatrixOperation.ConjugateTranspose);
        Close(Identity(x.Dim(0)), gram, tolerance, $"{what}{what}ᴴ");
    }

    public static Tensor<Complex> Identity(int n)
    {
        var identity = new Tensor<Complex>(n, n);
        for (int i = 0; i < n; i++)
        {
            identity[i, i] = Complex.One;
        }
        return identity;
    }

    /// <summary>X·diag(d): column j of X scaled by d[j].</summary>
    public static Tensor<Complex> ScaleColumns(Tensor<Complex> x, IReadOnlyList<Complex> d)
    {
        Tensor<Complex> result = x.Clone();
        for (int i = 0; i < x.Dim(0); i++)
        {
            for (int j = 0; j < x.Dim(1); j++)
            {
                result[i, j] *= d[j];
            }
        }
        return result;
    }
}
