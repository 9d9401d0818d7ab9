using System.Numerics;
using Triad.Numerics.Random;

namespace Triad.Photonics.Meshes;

/// <summary>Helpers for square complex matrices stored row-major (entry (i, j) at i·N + j).</summary>
public static class UnitaryMatrix
{
    /// <summary>
    /// A Haar-random N×N unitary: Gram–Schmidt (applied twice, for orthogonality to rounding) on the columns of a
    /// matrix of independent standard complex Gaussians, which leaves R with a positive real diagonal and so gives
    /// the Haar measure (Mezzadri, "How to generate random matrices from the classical compact groups",
    /// Notices AMS 54, 592 (2007)).
    /// </summary>
    public static Complex[] Haar(int n, SeededRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentNullException.ThrowIfNull(random);
        var a = new Complex[n * n];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = new Complex(random.NextGaussian(), random.NextGaussian()) / Math.Sqrt(2);
        }
        for (int j = 0; j < n; j++)
        {
            for (int pass = 0; pass < 2; pass++)
            {
                for (int k = 0; k < j; k++)
                {
                    Complex dot = Complex.Zero;
                    for (int i = 0; i < n; i++)
                    {
                        dot += Complex.Conjugate(a[(i * n) + k]) * a[(i * n) + j];
                    }
                    for (int i = 0; i < n; i++)
                    {
                        a[(i * n) + j] -= dot * a[(i * n) + k];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++)
            {
                norm += Norm2(a[(i * n) + j]);
            }
            norm = Math.Sqrt(norm);
            for (int i = 0; i < n; i++)
            {
                a[(i * n) + j] /= norm;
            }
        }
        return a;
    }

    /// <summary>‖U†U − I‖_F.</summary>
    public static double UnitarityError(ReadOnlySpan<Complex> u, int n)
    {
        CheckSquare(u, n);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Complex dot = Complex.Zero;
                for (int k = 0; k < n; k++)
                {
                    dot += Complex.Conjugate(u[(k * n) + i]) * u[(k * n) + j];
                }
                if (i == j)
                {
                    dot -= 1;
                }
                sum += Norm2(dot);
            }
        }
        return Math.Sqrt(sum);
    }

    /// <summary>‖A − B‖_F of two matrices of equal size.</summary>
    public static double FrobeniusDistance(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"matrices of {a.Length} and {b.Length} entries cannot be compared", nameof(b));
        }
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += Norm2(a[i] - b[i]);
        }
        return Math.Sqrt(sum);
    }

    /// <summary>Throws unless <paramref name="u"/> holds N×N entries, all finite; the message names the first bad entry.</summary>
    /// <exception cref="ArgumentException">Wrong number of entries, or a NaN or infinite entry.</exception>
    public static void CheckSquareFinite(ReadOnlySpan<Complex> u, int n)
    {
        CheckSquare(u, n);
        for (int i = 0; i < u.Length; i++)
        {
            if (!double.IsFinite(u[i].Real) || !double.IsFinite(u[i].Imaginary))
            {
                throw new ArgumentException(FormattableString.Invariant($"entry ({i / n}, {i % n}) is {u[i]}, not a finite number"));
            }
        }
    }

    private static void CheckSquare(ReadOnlySpan<Complex> u, int n)
    {
        if (n < 0 || (long)n * n != u.Length)
        {
            throw new ArgumentException($"a {n}×{n} matrix needs {(long)n * n} entries, got {u.Length}");
        }
    }

    internal static double Norm2(Complex z) => (z.Real * z.Real) + (z.Imaginary * z.Imaginary);
}
