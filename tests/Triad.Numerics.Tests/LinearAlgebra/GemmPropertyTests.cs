using System.Numerics;
using CsCheck;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;
using Triad.Numerics.Tests.TestSupport;
using Triad.Tests.Shared;
using Xunit.Abstractions;

namespace Triad.Numerics.Tests.LinearAlgebra;

/// <summary>Algebraic identities of the matrix product on random shapes up to 40, checked within rounding bounds.</summary>
public class GemmPropertyTests
{
    private const ulong Seed = 7_000_201;
    private const int Cases = 60;

    private static readonly Gen<(int M, int N, int K, ulong Seed)> Shapes =
        Gen.Select(Gen.Int[1, 40], Gen.Int[1, 40], Gen.Int[1, 40], Gen.ULong);

    private readonly ITestOutputHelper _output;

    public GemmPropertyTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Multiply_TransposeOfProduct_EqualsProductOfTransposesReversed()
    {
        // (A·B)ᵀ = Bᵀ·Aᵀ, with Bᵀ and Aᵀ taken through the transpose flags on the same stored arrays.
        PropertyRunner.Run(Shapes, s =>
        {
            var rng = new SeededRandom(s.Seed);
            double[] a = Reference.RandomArray<double>(rng, s.M * s.K);
            double[] b = Reference.RandomArray<double>(rng, s.K * s.N);
            var ab = new double[s.M * s.N];
            var btat = new double[s.N * s.M];

            Gemm.Multiply(false, false, s.M, s.N, s.K, 1.0, a, s.K, b, s.N, 0.0, ab, s.N);
            Gemm.Multiply(true, true, s.N, s.M, s.K, 1.0, b, s.N, a, s.K, 0.0, btat, s.M);

            double tolerance = 2 * (s.K + 4) * Reference.Epsilon<double>() * s.K;
            for (int i = 0; i < s.M; i++)
            {
                for (int j = 0; j < s.N; j++)
                {
                    double x = ab[(i * s.N) + j], y = btat[(j * s.M) + i];
                    if (Math.Abs(x - y) > tolerance)
                    {
                        throw new InvalidOperationException($"(AB)ᵀ[{j}, {i}] = {x} but (BᵀAᵀ)[{j}, {i}] = {y}");
                    }
                }
            }
        }, Seed, Cases, _output);
    }

    [Fact]
    public void Multiply_DistributesOverAddition()
    {
        // A·(B + B′) = A·B + A·B′, the right side accumulated with β = 1.
        PropertyRunner.Run(Shapes, s =>
        {
            var rng = new SeededRandom(s.Seed);
            double[] a = Reference.RandomArray<double>(rng, s.M * s.K);
            double[] b1 = Reference.RandomArray<double>(rng, s.K * s.N);
            double[] b2 = Reference.RandomArray<double>(rng, s.K * s.N);
            double[] sum = b1.Zip(b2, (x, y) => x + y).ToArray();
            var left = new double[s.M * s.N];
            var right = new double[s.M * s.N];

            Gemm.Multiply(false, false, s.M, s.N, s.K, 1.0, a, s.K, sum, s.N, 0.0, left, s.N);
            Gemm.Multiply(false, false, s.M, s.N, s.K, 1.0, a, s.K, b1, s.N, 0.0, right, s.N);
            Gemm.Multiply(false, false, s.M, s.N, s.K, 1.0, a, s.K, b2, s.N, 1.0, right, s.N);

            // Entries are below 1 in magnitude (2 for B + B′), so Σ|a||b| ≤ 2k bounds every rounding error.
            double tolerance = 3 * (s.K + 4) * Reference.Epsilon<double>() * 2 * s.K;
            AssertAllClose(left, right, tolerance, "A(B + B′)", "AB + AB′");
        }, Seed + 1, Cases, _output);
    }

    [Fact]
    public void Multiply_AlphaBeta_LinearInBoth()
    {
        // α·op(A)·op(B) + β·C computed in one call equals the product scaled and added afterwards.
        var gen = Gen.Select(Shapes, Gen.Bool, Gen.Bool, Gen.Double[-2, 2], Gen.Double[-2, 2]);
        PropertyRunner.Run(gen, t =>
        {
            var (s, ta, tb, alpha, beta) = t;
            var rng = new SeededRandom(s.Seed);
            double[] a = Reference.RandomArray<double>(rng, s.M * s.K);
            double[] b = Reference.RandomArray<double>(rng, s.K * s.N);
            double[] c = Reference.RandomArray<double>(rng, s.M * s.N);
            int lda = ta ? s.M : s.K, ldb = tb ? s.K : s.N;
            var product = new double[s.M * s.N];
            double[] fused = (double[])c.Clone();

            Gemm.Multiply(ta, tb, s.M, s.N, s.K, 1.0, a, lda, b, ldb, 0.0, product, s.N);
            Gemm.Multiply(ta, tb, s.M, s.N, s.K, alpha, a, lda, b, ldb, beta, fused, s.N);

            double[] separate = product.Zip(c, (p, x) => (alpha * p) + (beta * x)).ToArray();
            double tolerance = 4 * (s.K + 4) * Reference.Epsilon<double>() * ((2 * s.K) + 2);
            AssertAllClose(fused, separate, tolerance, "fused", "separate");
        }, Seed + 2, Cases, _output);
    }

    [Fact]
    public void ComplexMultiply_ConjugateTransposeOfProduct_EqualsProductOfConjugateTransposesReversed()
    {
        // (A·B)ᴴ = Bᴴ·Aᴴ.
        PropertyRunner.Run(Shapes, s =>
        {
            var rng = new SeededRandom(s.Seed);
            Complex[] a = Reference.RandomComplexArray(rng, s.M * s.K);
            Complex[] b = Reference.RandomComplexArray(rng, s.K * s.N);
            var ab = new Complex[s.M * s.N];
            var bhah = new Complex[s.N * s.M];

            ComplexGemm.Multiply(MatrixOperation.None, MatrixOperation.None, s.M, s.N, s.K,
                Complex.One, a, s.K, b, s.N, Complex.Zero, ab, s.N);
            ComplexGemm.Multiply(MatrixOperation.ConjugateTranspose, MatrixOperation.ConjugateTranspose, s.N, s.M, s.K,
                Complex.One, b, s.N, a, s.K, Complex.Zero, bhah, s.M);

            double tolerance = 8 * (s.K + 4) * Reference.Epsilon<double>() * 2 * s.K;
            for (int i = 0; i < s.M; i++)
            {
                for (int j = 0; j < s.N; j++)
                {
                    Complex x = Complex.Conjugate(ab[(i * s.N) + j]), y = bhah[(j * s.M) + i];
                    if (Complex.Abs(x - y) > tolerance)
                    {
                        throw new InvalidOperationException($"(AB)ᴴ[{j}, {i}] = {x} but (BᴴAᴴ)[{j}, {i}] = {y}");
                    }
                }
            }
        }, Seed + 3, Cases, _output);
    }

    [Fact]
    public void Multiply_Associative()
    {
        // (A·B)·C = A·(B·C); Σ|a||b||c| ≤ k·l for entries below 1 bounds both roundings.
        var gen = Gen.Select(Shapes, Gen.Int[1, 40]);
        PropertyRunner.Run(gen, t =>
        {
            var (s, l) = t;
            var rng = new SeededRandom(s.Seed);
            double[] a = Reference.RandomArray<double>(rng, s.M * s.K);
            double[] b = Reference.RandomArray<double>(rng, s.K * l);
            double[] c = Reference.RandomArray<double>(rng, l * s.N);
            var ab = new double[s.M * l];
            var bc = new double[s.K * s.N];
            var left = new double[s.M * s.N];
            var right = new double[s.M * s.N];

            Gemm.Multiply(false, false, s.M, l, s.K, 1.0, a, s.K, b, l, 0.0, ab, l);
            Gemm.Multiply(false, false, s.M, s.N, l, 1.0, ab, l, c, s.N, 0.0, left, s.N);
            Gemm.Multiply(false, false, s.K, s.N, l, 1.0, b, l, c, s.N, 0.0, bc, s.N);
            Gemm.Multiply(false, false, s.M, s.N, s.K, 1.0, a, s.K, bc, s.N, 0.0, right, s.N);

            double tolerance = 4 * (s.K + l + 4) * Reference.Epsilon<double>() * s.K * l;
            AssertAllClose(left, right, tolerance, "(AB)C", "A(BC)");
        }, Seed + 4, Cases, _output);
    }

    private static void AssertAllClose(double[] x, double[] y, double tolerance, string xName, string yName)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (!(Math.Abs(x[i] - y[i]) <= tolerance))
            {
                throw new InvalidOperationException($"{xName}[{i}] = {x[i]} but {yName}[{i}] = {y[i]} (tolerance {tolerance:G3})");
            }
        }
    }
}
