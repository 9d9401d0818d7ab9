using System.Numerics;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Triad.Numerics.Tests.TestSupport;
using Xunit.Abstractions;

namespace Triad.Numerics.Tests.LinearAlgebra;

/// <summary>
/// Decompositions checked by their defining identities on random matrices with entries of magnitude below
/// about 1.5. Backward-stable factorizations reproduce A to a few times n·ε·‖A‖; 1e-12 leaves room for that
/// at n ≤ 9 and is still ten orders of magnitude below the error of a wrong layout or conjugation.
/// </summary>
public class DecompositionsTests
{
    private const ulong Seed = 7_000_401;
    private const double Tolerance = 1e-12;

    private readonly ITestOutputHelper _output;

    public DecompositionsTests(ITestOutputHelper output)
    {
        _output = output;
        _output.WriteLine($"seed {Seed}");
    }

    public static TheoryData<int, int, bool> SvdShapes() => new()
    {
        { 7, 4, false }, { 4, 7, false }, { 5, 5, false }, { 1, 6, false }, { 6, 1, false },
        { 7, 4, true }, { 4, 7, true }, { 5, 5, true },
    };

    [Theory]
    [MemberData(nameof(SvdShapes))]
    public void Svd_Real_ReconstructsWithOrthonormalFactors(int m, int n, bool full)
    {
        Tensor<double> a = MatrixAssert.RandomReal(new SeededRandom(Seed + (ulong)((m * 10) + n)), m, n);

        SingularValueDecomposition<double> svd = Decompositions.Svd(a, full);

        CheckSvd(MatrixAssert.ToComplex(a), MatrixAssert.ToComplex(svd.U), svd.SingularValues,
            MatrixAssert.ToComplex(svd.Vh), full);
    }

    [Theory]
    [MemberData(nameof(SvdShapes))]
    public void Svd_Complex_ReconstructsWithUnitaryFactors(int m, int n, bool full)
    {
        Tensor<Complex> a = MatrixAssert.RandomComplex(new SeededRandom(Seed + (ulong)((m * 10) + n)), m, n);

        SingularValueDecomposition<Complex> svd = Decompositions.Svd(a, full);

        CheckSvd(a, svd.U, svd.SingularValues, svd.Vh, full);
    }

    [Fact]
    public void Svd_DiagonalWithNegativeEntry_SingularValuesAreAbsoluteValuesDescending()
    {
        var a = new Tensor<double>(new double[] { 1, 0, 0, 0, -3, 0, 0, 0, 2 }, 3, 3);

        SingularValueDecomposition<double> svd = Decompositions.Svd(a);

        Assert.Equal(3, svd.SingularValues[0], 14);
        Assert.Equal(2, svd.SingularValues[1], 14);
        Assert.Equal(1, svd.SingularValues[2], 14);
    }

    [Fact]
    public void Svd_RankOne_OneNonZeroSingularValue()
    {
        // u·vᴴ with |u| = √2 and |v| = √3 has the single singular value √6.
        var a = new Tensor<Complex>(new Complex[] { 1, new(1, 1), Complex.ImaginaryOne, new(-1, 1) }, 2, 2);
        var u = new Complex[] { 1, Complex.ImaginaryOne };
        var v = new Complex[] { 1, new(1, -1) };
        var rankOne = new Tensor<Complex>(2, 2);
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                rankOne[i, j] = u[i] * Complex.Conjugate(v[j]);
            }
        }
        MatrixAssert.Close(rankOne, a, 0, "u·vᴴ");

        SingularValueDecomposition<Complex> svd = Decompositions.Svd(a);

        Assert.Equal(Math.Sqrt(6), svd.SingularValues[0], 13);
        Assert.True(svd.SingularValues[1] < 1e-14, $"second singular value {svd.SingularValues[1]}");
    }

    public static TheoryData<int, int> QRShapes() => new() { { 7, 4 }, { 4, 7 }, { 5, 5 }, { 1, 3 }, { 3, 1 } };

    [Theory]
    [MemberData(nameof(QRShapes))]
    public void QR_Real_ReconstructsWithOrthonormalQAndTriangularR(int m, int n)
    {
        Tensor<double> a = MatrixAssert.RandomReal(new SeededRandom(Seed + 100 + (ulong)((m * 10) + n)), m, n);

        QRDecomposition<double> qr = Decompositions.QR(a);

        CheckQR(MatrixAssert.ToComplex(a), MatrixAssert.ToComplex(qr.Q), MatrixAssert.ToComplex(qr.R));
    }

    [Theory]
    [MemberData(nameof(QRShapes))]
    public void QR_Complex_ReconstructsWithUnitaryQAndTriangularR(int m, int n)
    {
        Tensor<Complex> a = MatrixAssert.RandomComplex(new SeededRandom(Seed + 100 + (ulong)((m * 10) + n)), m, n);

        QRDecomposition<Complex> qr = Decompositions.QR(a);

        CheckQR(a, qr.Q, qr.R);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(9)]
    public void SymmetricEigen_RandomSymmetric_AscendingRealValuesOrthonormalVectors(int n)
    {
        Tensor<double> x = MatrixAssert.RandomReal(new SeededRandom(Seed + 200 + (ulong)n), n, n);
        Tensor<double> a = MatrixMath.Multiply(x, x, transposeB: true);
        for (int i = 0; i < n; i++)
        {
            a[i, i] -= 1.0;
        }

        SymmetricEigenDecomposition<double> eig = Decompositions.SymmetricEigen(a);

        CheckSymmetricEigen(MatrixAssert.ToComplex(a), eig.Values, MatrixAssert.ToComplex(eig.Vectors));
    }

    [Fact]
    public void SymmetricEigen_KnownMatrix_KnownValues()
    {
        var a = new Tensor<double>(new double[] { 2, 1, 1, 2 }, 2, 2);

        SymmetricEigenDecomposition<double> eig = Decompositions.SymmetricEigen(a);

        Assert.Equal(1, eig.Values[0], 14);
        Assert.Equal(3, eig.Values[1], 14);
        Assert.Equal(Math.Abs(eig.Vectors[0, 0]), Math.Abs(eig.Vectors[1, 0]), 14);
        Assert.Equal(0.5, -eig.Vectors[0, 0] * eig.Vectors[1, 0], 14);
    }

    [Fact]
    public void SymmetricEigen_AsymmetryWithinTolerance_Accepted()
    {
        var a = new Tensor<double>(new double[] { 2, 1, 1 + 1e-14, 2 }, 2, 2);

        SymmetricEigenDecomposition<double> eig = Decompositions.SymmetricEigen(a);

        Assert.Equal(1, eig.Values[0], 13);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(9)]
    public void HermitianEigen_RandomHermitian_AscendingRealValuesUnitaryVectors(int n)
    {
        Tensor<Complex> x = MatrixAssert.RandomComplex(new SeededRandom(Seed + 300 + (ulong)n), n, n);
        Tensor<Complex> a = MatrixMath.Multiply(x, x, operationB: MatrixOperation.ConjugateTranspose);
        for (int i = 0; i < n; i++)
        {
            // XXᴴ has a diagonal that is real up to rounding; make it exactly real and shift the spectrum.
            a[i, i] = new Complex(a[i, i].Real - 2.0, 0);
        }

        SymmetricEigenDecomposition<Complex> eig = Decompositions.HermitianEigen(a);

        CheckSymmetricEigen(a, eig.Values, eig.Vectors);
    }

    [Fact]
    public void HermitianEigen_PauliY_MinusOneAndOne()
    {
        var a = new Tensor<Complex>(new Complex[] { 0, -Complex.ImaginaryOne, Complex.ImaginaryOne, 0 }, 2, 2);

        SymmetricEigenDecomposition<Complex> eig = Decompositions.HermitianEigen(a);

        Assert.Equal(-1, eig.Values[0], 14);
        Assert.Equal(1, eig.Values[1], 14);
        CheckSymmetricEigen(a, eig.Values, eig.Vectors);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    public void Eigen_RandomReal_EigenpairsSatisfyAvEqualsLambdaV(int n)
    {
        Tensor<double> a = MatrixAssert.RandomReal(new SeededRandom(Seed + 400 + (ulong)n), n, n);

        EigenDecomposition eig = Decompositions.Eigen(a);

        CheckGeneralEigen(MatrixAssert.ToComplex(a), eig);
        int nonReal = eig.Values.Data.Count(l => l.Imaginary != 0);
        _output.WriteLine($"n = {n}: {nonReal} non-real eigenvalues");
        for (int j = 0; j < n; j++)
        {
            // Non-real eigenvalues of a real matrix come in exact conjugate pairs with conjugate vectors.
            Complex lambda = eig.Values[j];
            if (lambda.Imaginary != 0)
            {
                int partner = Array.IndexOf(eig.Values.Data, Complex.Conjugate(lambda));
                Assert.True(partner >= 0 && partner != j, $"no conjugate partner for λ = {lambda}");
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal(Complex.Conjugate(eig.Vectors[i, j]), eig.Vectors[i, partner]);
                }
            }
        }
    }

    [Fact]
    public void Eigen_Rotation_PlusAndMinusI()
    {
        // A quarter turn in the plane and a stretch along z: λ = −i, i, 2 in (Re, Im) order.
        var a = new Tensor<double>(new double[] { 0, -1, 0, 1, 0, 0, 0, 0, 2 }, 3, 3);

        EigenDecomposition eig = Decompositions.Eigen(a);

        Assert.Equal(new Complex[] { -Complex.ImaginaryOne, Complex.ImaginaryOne, 2 }, eig.Values.Data);
        CheckGeneralEigen(MatrixAssert.ToComplex(a), eig);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Eigen_RandomComplex_EigenpairsSatisfyAvEqualsLambdaV(int n)
    {
        Tensor<Complex> a = MatrixAssert.RandomComplex(new SeededRandom(Seed + 500 + (ulong)n), n, n);

        EigenDecomposition eig = Decompositions.Eigen(a);

        CheckGeneralEigen(a, eig);
    }

    [Fact]
    public void Eigen_SortedByRealThenImaginary()
    {
        Tensor<double> a = MatrixAssert.RandomReal(new SeededRandom(Seed + 600), 8, 8);

        Complex[] values = Decompositions.Eigen(a).Values.Data;

        for (int j = 1; j < values.Length; j++)
        {
            Assert.True(values[j - 1].Real < values[j].Real
                || (values[j - 1].Real == values[j].Real && values[j - 1].Imaginary <= values[j].Imaginary),
                $"λ[{j - 1}] = {values[j - 1]} before λ[{j}] = {values[j]}");
        }
    }

    [Fact]
    public void Decompositions_InputNotChanged()
    {
        Tensor<double> a = MatrixAssert.RandomReal(new SeededRandom(Seed + 700), 4, 4);
        Tensor<double> symmetric = MatrixMath.Multiply(a, a, transposeA: true);
        double[] before = (double[])a.Data.Clone();
        double[] symmetricBefore = (double[])symmetric.Data.Clone();

        Decompositions.Svd(a);
        Decompositions.QR(a);
        Decompositions.Eigen(a);
        Decompositions.SymmetricEigen(symmetric);

        Assert.Equal(before, a.Data);
        Assert.Equal(symmetricBefore, symmetric.Data);
    }

    [Fact]
    public void Decompositions_NotAMatrix_ThrowShapeMismatch()
    {
        var vector = new Tensor<double>(3);
        var cube = new Tensor<Complex>(2, 2, 2);

        Assert.Contains("[3]", Assert.Throws<ShapeMismatchException>(() => Decompositions.Svd(vector)).Message);
        Assert.Throws<ShapeMismatchException>(() => Decompositions.QR(vector));
        Assert.Throws<ShapeMismatchException>(() => Decompositions.SymmetricEigen(vector));
        Assert.Throws<ShapeMismatchException>(() => Decompositions.Eigen(vector));
        Assert.Contains("[2, 2, 2]", Assert.Throws<ShapeMismatchException>(() => Decompositions.Svd(cube)).Message);
        Assert.Throws<ShapeMismatchException>(() => Decompositions.QR(cube));
        Assert.Throws<ShapeMismatchException>(() => Decompositions.HermitianEigen(cube));
        Assert.Throws<ShapeMismatchException>(() => Decompositions.Eigen(cube));
    }

    [Fact]
    public void Decompositions_Empty_ThrowShapeMismatch()
    {
        Assert.Throws<ShapeMismatchException>(() => Decompositions.Svd(new Tensor<double>(0, 3)));
        Assert.Throws<ShapeMismatchException>(() => Decompositions.QR(new Tensor<Complex>(3, 0)));
        Assert.Throws<ShapeMismatchException>(() => Decompositions.Eigen(new Tensor<double>(0, 0)));
    }

    [Fact]
    public void Eigen_NotSquare_ThrowsShapeMismatchNamingShape()
    {
        var a = new Tensor<double>(2, 3);
        var c = new Tensor<Complex>(3, 2);

        Assert.Contains("[2, 3]", Assert.Throws<ShapeMismatchException>(() => Decompositions.Eigen(a)).Message);
        Assert.Contains("[2, 3]", Assert.Throws<ShapeMismatchException>(() => Decompositions.SymmetricEigen(a)).Message);
        Assert.Contains("[3, 2]", Assert.Throws<ShapeMismatchException>(() => Decompositions.Eigen(c)).Message);
        Assert.Contains("[3, 2]", Assert.Throws<ShapeMismatchException>(() => Decompositions.HermitianEigen(c)).Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Decompositions_NonFiniteEntry_ThrowsArgumentNamingPosition(double bad)
    {
        var a = new Tensor<double>(3, 3);
        a[1, 2] = bad;
        var c = new Tensor<Complex>(3, 3);
        c[2, 0] = new Complex(0, bad);

        Assert.Contains("a[1, 2]", Assert.Throws<ArgumentException>(() => Decompositions.Svd(a)).Message);
        Assert.Throws<ArgumentException>(() => Decompositions.QR(a));
        Assert.Throws<ArgumentException>(() => Decompositions.SymmetricEigen(a));
        Assert.Throws<ArgumentException>(() => Decompositions.Eigen(a));
        Assert.Contains("a[2, 0]", Assert.Throws<ArgumentException>(() => Decompositions.Svd(c)).Message);
        Assert.Throws<ArgumentException>(() => Decompositions.QR(c));
        Assert.Throws<ArgumentException>(() => Decompositions.HermitianEigen(c));
        Assert.Throws<ArgumentException>(() => Decompositions.Eigen(c));
    }

    [Fact]
    public void SymmetricEigen_NotSymmetric_ThrowsArgumentNamingEntries()
    {
        var a = new Tensor<double>(new double[] { 1, 2, 0, 2, 1, 0, 0, 0.5, 1 }, 3, 3);

        var ex = Assert.Throws<ArgumentException>(() => Decompositions.SymmetricEigen(a));

        Assert.Contains("not symmetric", ex.Message);
        Assert.Contains("a[2, 1] = 0.5", ex.Message);
    }

    [Fact]
    public void HermitianEigen_SymmetricButNotHermitian_ThrowsArgument()
    {
        // Complex symmetric (Aᵀ = A) is not Hermitian (Aᴴ = A): the off-diagonal i is not conjugated.
        var a = new Tensor<Complex>(new Complex[] { 1, Complex.ImaginaryOne, Complex.ImaginaryOne, 1 }, 2, 2);

        var ex = Assert.Throws<ArgumentException>(() => Decompositions.HermitianEigen(a));

        Assert.Contains("not Hermitian", ex.Message);
    }

    [Fact]
    public void HermitianEigen_ComplexDiagonal_ThrowsArgument()
    {
        var a = new Tensor<Complex>(new Complex[] { new(1, 0.5), 0, 0, 1 }, 2, 2);

        Assert.Throws<ArgumentException>(() => Decompositions.HermitianEigen(a));
    }

    private static void CheckSvd(Tensor<Complex> a, Tensor<Complex> u, Tensor<double> s, Tensor<Complex> vh, bool full)
    {
        int m = a.Dim(0), n = a.Dim(1), r = Math.Min(m, n);
        Assert.Equal(new[] { m, full ? m : r }, u.Shape.ToArray());
        Assert.Equal(new[] { r }, s.Shape.ToArray());
        Assert.Equal(new[] { full ? n : r, n }, vh.Shape.ToArray());
        for (int i = 0; i < r; i++)
        {
            Assert.True(s[i] >= 0, $"S[{i}] = {s[i]} is negative");
            if (i > 0)
            {
                Assert.True(s[i] <= s[i - 1], $"S[{i}] = {s[i]} after S[{i - 1}] = {s[i - 1]}");
            }
        }
        MatrixAssert.OrthonormalColumns(u, Tolerance, "U");
        MatrixAssert.OrthonormalRows(vh, Tolerance, "Vᴴ");

        // U[:, :r]·diag(S)·Vᴴ[:r, :] = A.
        var ur = new Tensor<Complex>(m, r);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < r; j++)
            {
                ur[i, j] = u[i, j] * s[j];
            }
        }
        Tensor<Complex> reconstructed = MatrixMath.Multiply(ur, vh.SliceRows(0, r));
        MatrixAssert.Close(a, reconstructed, Tolerance * Math.Max(1, s[0]), "U·diag(S)·Vᴴ");
    }

    private static void CheckQR(Tensor<Complex> a, Tensor<Complex> q, Tensor<Complex> r)
    {
        int m = a.Dim(0), n = a.Dim(1), k = Math.Min(m, n);
        Assert.Equal(new[] { m, k }, q.Shape.ToArray());
        Assert.Equal(new[] { k, n }, r.Shape.ToArray());
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < Math.Min(i, n); j++)
            {
                Assert.Equal(Complex.Zero, r[i, j]);
            }
        }
        MatrixAssert.OrthonormalColumns(q, Tolerance, "Q");
        MatrixAssert.Close(a, MatrixMath.Multiply(q, r), Tolerance * Math.Max(1, MatrixAssert.MaxAbs(a)), "Q·R");
    }

    private static void CheckSymmetricEigen(Tensor<Complex> a, Tensor<double> values, Tensor<Complex> vectors)
    {
        int n = a.Dim(0);
        Assert.Equal(new[] { n }, values.Shape.ToArray());
        Assert.Equal(new[] { n, n }, vectors.Shape.ToArray());
        for (int j = 1; j < n; j++)
        {
            Assert.True(values[j - 1] <= values[j], $"λ[{j - 1}] = {values[j - 1]} > λ[{j}] = {values[j]}");
        }
        MatrixAssert.OrthonormalColumns(vectors, Tolerance, "V");
        Complex[] lambda = values.Data.Select(x => new Complex(x, 0)).ToArray();
        double scale = Math.Max(1, values.Data.Max(Math.Abs));
        MatrixAssert.Close(MatrixAssert.ScaleColumns(vectors, lambda), MatrixMath.Multiply(a, vectors), Tolerance * scale, "A·V");
    }

    private static void CheckGeneralEigen(Tensor<Complex> a, EigenDecomposition eig)
    {
        int n = a.Dim(0);
        Assert.Equal(new[] { n }, eig.Values.Shape.ToArray());
        Assert.Equal(new[] { n, n }, eig.Vectors.Shape.ToArray());
        for (int j = 0; j < n; j++)
        {
            double norm = Math.Sqrt(Enumerable.Range(0, n).Sum(i => Complex.Abs(eig.Vectors[i, j]) * Complex.Abs(eig.Vectors[i, j])));
            Assert.Equal(1.0, norm, 13);
        }
        double scale = Math.Max(1, eig.Values.Data.Max(Complex.Abs));
        MatrixAssert.Close(MatrixAssert.ScaleColumns(eig.Vectors, eig.Values.Data), MatrixMath.Multiply(a, eig.Vectors),
            Tolerance * scale, "A·V");
    }
}
