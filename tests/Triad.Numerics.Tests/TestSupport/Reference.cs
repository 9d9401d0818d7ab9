using System.Numerics;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;

namespace Triad.Numerics.Tests.TestSupport;

/// <summary>Naive reference implementations and random inputs shared by the linear-algebra tests.</summary>
internal static class Reference
{
    /// <summary>Machine epsilon (spacing of numbers just above 1): 2⁻⁵² for double, 2⁻²³ for float.</summary>
    public static double Epsilon<T>()
        where T : unmanaged, IFloatingPointIeee754<T> => double.CreateTruncating(T.BitIncrement(T.One) - T.One);

    /// <summary>Uniform values in [−1, 1), rounded to <typeparamref name="T"/>.</summary>
    public static T[] RandomArray<T>(SeededRandom rng, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateTruncating(rng.NextDouble(-1.0, 1.0));
        }
        return values;
    }

    /// <summary>Complex values with real and imaginary parts uniform in [−1, 1).</summary>
    public static Complex[] RandomComplexArray(SeededRandom rng, int length)
    {
        var values = new Complex[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = new Complex(rng.NextDouble(-1.0, 1.0), rng.NextDouble(-1.0, 1.0));
        }
        return values;
    }

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C by the triple loop, in double, together with an error scale for each element,
    /// bound[i, j] = |α|·Σ_p |op(A)[i, p]|·|op(B)[p, j]| + |β|·|C[i, j]|.
    /// </summary>
    public static (double[] Result, double[] Bound) Gemm<T>(
        bool transposeA, bool transposeB, int m, int n, int k,
        T alpha, T[] a, int lda, T[] b, int ldb, T beta, T[] c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Gemm(transposeA, transposeB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, ldc);

    /// <summary>As <see cref="Gemm{T}(bool, bool, int, int, int, T, T[], int, T[], int, T, T[], int)"/>, with each matrix stored from an offset.</summary>
    public static (double[] Result, double[] Bound) Gemm<T>(
        bool transposeA, bool transposeB, int m, int n, int k,
        T alpha, T[] a, int aOffset, int lda, T[] b, int bOffset, int ldb, T beta, T[] c, int cOffset, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double al = double.CreateTruncating(alpha), be = double.CreateTruncating(beta);
        var result = new double[m * n];
        var bound = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0, abs = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = double.CreateTruncating(transposeA ? a[aOffset + (p * lda) + i] : a[aOffset + (i * lda) + p]);
                    double y = double.CreateTruncating(transposeB ? b[bOffset + (j * ldb) + p] : b[bOffset + (p * ldb) + j]);
                    sum += x * y;
                    abs += Math.Abs(x * y);
                }
                double old = double.CreateTruncating(c[cOffset + (i * ldc) + j]);
                result[(i * n) + j] = (al * sum) + (be == 0 ? 0 : be * old);
                bound[(i * n) + j] = (Math.Abs(al) * abs) + (be == 0 ? 0 : Math.Abs(be * old));
            }
        }
        return (result, bound);
    }

    /// <summary>Element op(X)[i, j] of a stored complex matrix with row stride <paramref name="ld"/>.</summary>
    public static Complex Op(MatrixOperation operation, Complex[] x, int ld, int i, int j) => operation switch
    {
        MatrixOperation.None => x[(i * ld) + j],
        MatrixOperation.Transpose => x[(j * ld) + i],
        _ => Complex.Conjugate(x[(j * ld) + i]),
    };

    /// <summary>Complex C ← α·op(A)·op(B) + β·C by the triple loop, with the error scale as in <see cref="Gemm{T}(bool, bool, int, int, int, T, T[], int, T[], int, T, T[], int)"/>.</summary>
    public static (Complex[] Result, double[] Bound) ComplexGemm(
        MatrixOperation operationA, MatrixOperation operationB, int m, int n, int k,
        Complex alpha, Complex[] a, int lda, Complex[] b, int ldb, Complex beta, Complex[] c, int ldc)
    {
        var result = new Complex[m * n];
        var bound = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Complex sum = Complex.Zero;
                double abs = 0;
                for (int p = 0; p < k; p++)
                {
                    Complex x = Op(operationA, a, lda, i, p);
                    Complex y = Op(operationB, b, ldb, p, j);
                    sum += x * y;
                    abs += Complex.Abs(x) * Complex.Abs(y);
                }
                Complex old = c[(i * ldc) + j];
                bool keep = beta != Complex.Zero;
                result[(i * n) + j] = (alpha * sum) + (keep ? beta * old : Complex.Zero);
                bound[(i * n) + j] = (Complex.Abs(alpha) * abs) + (keep ? Complex.Abs(beta) * Complex.Abs(old) : 0);
            }
        }
        return (result, bound);
    }
}
