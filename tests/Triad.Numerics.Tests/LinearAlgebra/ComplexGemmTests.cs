using System.Numerics;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;
using Triad.Numerics.Tests.TestSupport;
using Xunit.Abstractions;

namespace Triad.Numerics.Tests.LinearAlgebra;

public class ComplexGemmTests
{
    private const ulong Seed = 7_000_301;
    private const int Padding = 2;

    private static readonly Complex Alpha = new(1.5, -0.5);
    private static readonly Complex Beta = new(-0.25, 0.75);

    private readonly ITestOutputHelper _output;

    public ComplexGemmTests(ITestOutputHelper output)
    {
        _output = output;
        _output.WriteLine($"seed {Seed}");
    }

    public static TheoryData<int, int, int, MatrixOperation, MatrixOperation> Cases()
    {
        int[][] shapes =
        {
            new[] { 1, 1, 1 }, new[] { 7, 13, 5 }, new[] { 33, 20, 70 }, new[] { 5, 3, 300 },
            new[] { 0, 4, 3 }, new[] { 3, 4, 0 },
        };
        MatrixOperation[] operations = { MatrixOperation.None, MatrixOperation.Transpose, MatrixOperation.ConjugateTranspose };
        var data = new TheoryData<int, int, int, MatrixOperation, MatrixOperation>();
        foreach (int[] s in shapes)
        {
            foreach (MatrixOperation opA in operations)
            {
                foreach (MatrixOperation opB in operations)
                {
                    data.Add(s[0], s[1], s[2], opA, opB);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Multiply_MatchesNaiveLoop(int m, int n, int k, MatrixOperation operationA, MatrixOperation operationB)
    {
        var rng = new SeededRandom(Seed);
        bool ta = operationA != MatrixOperation.None, tb = operationB != MatrixOperation.None;
        int lda = (ta ? m : k) + Padding, ldb = (tb ? k : n) + Padding, ldc = n + Padding;
        Complex[] a = Reference.RandomComplexArray(rng, (ta ? k : m) * lda);
        Complex[] b = Reference.RandomComplexArray(rng, (tb ? n : k) * ldb);
        Complex[] c = Reference.RandomComplexArray(rng, m * ldc);
        Complex[] before = (Complex[])c.Clone();
        var (expected, bound) = Reference.ComplexGemm(operationA, operationB, m, n, k, Alpha, a, lda, b, ldb, Beta, c, ldc);

        ComplexGemm.Multiply(operationA, operationB, m, n, k, Alpha, a, lda, b, ldb, Beta, c, ldc);

        AssertClose(expected, bound, c, m, n, ldc, k);
        for (int i = 0; i < m; i++)
        {
            Assert.Equal(before.AsSpan((i * ldc) + n, Padding).ToArray(), c.AsSpan((i * ldc) + n, Padding).ToArray());
        }
    }

    [Fact]
    public void Multiply_ConjugateTranspose_DiffersFromTranspose()
    {
        // Guards against conjugation being dropped: for A = [i], Aᴴ·A = 1 but Aᵀ·A = −1.
        Complex[] a = { Complex.ImaginaryOne };
        var ct = new Complex[1];
        var t = new Complex[1];

        ComplexGemm.Multiply(MatrixOperation.ConjugateTranspose, MatrixOperation.None, 1, 1, 1,
            Complex.One, a, 1, a, 1, Complex.Zero, ct, 1);
        ComplexGemm.Multiply(MatrixOperation.Transpose, MatrixOperation.None, 1, 1, 1,
            Complex.One, a, 1, a, 1, Complex.Zero, t, 1);

        Assert.Equal(Complex.One, ct[0]);
        Assert.Equal(-Complex.One, t[0]);
    }

    [Fact]
    public void Multiply_BetaZero_OverwritesNaNInC()
    {
        var rng = new SeededRandom(Seed + 1);
        const int m = 6, n = 9, k = 11;
        Complex[] a = Reference.RandomComplexArray(rng, m * k);
        Complex[] b = Reference.RandomComplexArray(rng, k * n);
        Complex[] c = Enumerable.Repeat(new Complex(double.NaN, double.NaN), m * n).ToArray();
        var (expected, bound) = Reference.ComplexGemm(MatrixOperation.None, MatrixOperation.None, m, n, k,
            Alpha, a, k, b, n, Complex.Zero, new Complex[m * n], n);

        ComplexGemm.Multiply(MatrixOperation.None, MatrixOperation.None, m, n, k, Alpha, a, k, b, n, Complex.Zero, c, n);

        AssertClose(expected, bound, c, m, n, n, k);
    }

    [Fact]
    public void Multiply_AlphaZero_ScalesCOnly()
    {
        Complex[] c = { new(1, 2), new(3, -4) };
        Complex[] a = { new(double.NaN, 0), Complex.One };

        ComplexGemm.Multiply(MatrixOperation.None, MatrixOperation.None, 1, 2, 1,
            Complex.Zero, a, 1, a, 2, Complex.ImaginaryOne, c, 2);

        Assert.Equal(new Complex(-2, 1), c[0]);
        Assert.Equal(new Complex(4, 3), c[1]);
    }

    // The same bad shapes as the real product: both check their operands with one routine.
    [Theory]
    [MemberData(nameof(GemmTests<double>.BadArguments), MemberType = typeof(GemmDoubleTests))]
    public void Multiply_BadArguments_ThrowsArgumentException(
        string name, int m, int n, int k, int lengthA, int lda, int lengthB, int ldb, int lengthC, int ldc)
    {
        _output.WriteLine(name);

        Assert.Throws<ArgumentException>(() => ComplexGemm.Multiply(MatrixOperation.None, MatrixOperation.None,
            m, n, k, Complex.One, new Complex[lengthA], lda, new Complex[lengthB], ldb, Complex.Zero, new Complex[lengthC], ldc));
    }

    [Fact]
    public void Multiply_UndefinedOperation_ThrowsArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ComplexGemm.Multiply((MatrixOperation)7, MatrixOperation.None,
            1, 1, 1, Complex.One, new Complex[1], 1, new Complex[1], 1, Complex.Zero, new Complex[1], 1));
        Assert.Equal("operationA", ex.ParamName);
    }

    private static void AssertClose(Complex[] expected, double[] bound, Complex[] actual, int m, int n, int ldc, int k)
    {
        // Four real products each within (k + 4)·ε of their bound, then complex scaling and addition.
        double tolerance = 4 * (k + 8) * Reference.Epsilon<double>();
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Complex e = expected[(i * n) + j], x = actual[(i * ldc) + j];
                double allowed = tolerance * bound[(i * n) + j];
                Assert.True(Complex.Abs(x - e) <= allowed, $"C[{i}, {j}] = {x}, expected {e} ± {allowed:G3}");
            }
        }
    }
}
