using System.Numerics;
using Triad.Photonics.Meshes;

namespace Triad.Photonics.Tests.TestSupport;

/// <summary>
/// Rebuilds a mesh's matrix from its phases through the formula of the issue alone, independently of the library:
/// T(θ, φ) = B·P(θ)·B·P(φ), B = (1/√2)[[1, i], [i, 1]], P(x) = diag(e^{ix}, 1), U = diag(e^{iα})·T_K ⋯ T_1.
/// </summary>
public static class DenseReference
{
    /// <summary>The 2×2 T(θ, φ) as a row-major array of four, by explicit products.</summary>
    public static Complex[] Mzi(double theta, double phi)
    {
        double r = 1 / Math.Sqrt(2);
        Complex[] b = [r, new Complex(0, r), new Complex(0, r), r];
        Complex[] pt = [Complex.FromPolarCoordinates(1, theta), 0, 0, 1];
        Complex[] pp = [Complex.FromPolarCoordinates(1, phi), 0, 0, 1];
        return Mul2(Mul2(Mul2(b, pt), b), pp);
    }

    /// <summary>U by full N×N products of every embedded MZI (O(K·N³): for small N).</summary>
    public static Complex[] FullProduct(MeshPhases phases)
    {
        int n = phases.Layout.Modes;
        Complex[] u = Identity(n);
        for (int k = 0; k < phases.Layout.Count; k++)
        {
            Complex[] t = Identity(n);
            Complex[] m = Mzi(phases.Theta[k], phases.Phi[k]);
            int top = phases.Layout.Top(k);
            t[(top * n) + top] = m[0];
            t[(top * n) + top + 1] = m[1];
            t[((top + 1) * n) + top] = m[2];
            t[((top + 1) * n) + top + 1] = m[3];
            u = MulN(t, u, n);
        }
        Complex[] d = new Complex[n * n];
        for (int i = 0; i < n; i++)
        {
            d[(i * n) + i] = Complex.FromPolarCoordinates(1, phases.Alpha[i]);
        }
        return MulN(d, u, n);
    }

    /// <summary>U by left-multiplying each embedded MZI into the two rows it touches (O(K·N): any N).</summary>
    public static Complex[] RowProduct(MeshPhases phases)
    {
        int n = phases.Layout.Modes;
        Complex[] u = Identity(n);
        for (int k = 0; k < phases.Layout.Count; k++)
        {
            Complex[] m = Mzi(phases.Theta[k], phases.Phi[k]);
            int top = phases.Layout.Top(k);
            for (int j = 0; j < n; j++)
            {
                Complex a = u[(top * n) + j], c = u[((top + 1) * n) + j];
                u[(top * n) + j] = (m[0] * a) + (m[1] * c);
                u[((top + 1) * n) + j] = (m[2] * a) + (m[3] * c);
            }
        }
        for (int i = 0; i < n; i++)
        {
            Complex e = Complex.FromPolarCoordinates(1, phases.Alpha[i]);
            for (int j = 0; j < n; j++)
            {
                u[(i * n) + j] *= e;
            }
        }
        return u;
    }

    public static Complex[] Identity(int n)
    {
        var u = new Complex[n * n];
        for (int i = 0; i < n; i++)
        {
            u[(i * n) + i] = 1;
        }
        return u;
    }

    public static Complex[] MulN(Complex[] a, Complex[] b, int n)
    {
        var c = new Complex[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                Complex aik = a[(i * n) + k];
                if (aik == Complex.Zero)
                {
                    continue;
                }
                for (int j = 0; j < n; j++)
                {
                    c[(i * n) + j] += aik * b[(k * n) + j];
                }
            }
        }
        return c;
    }

    private static Complex[] Mul2(Complex[] a, Complex[] b) =>
    [
        (a[0] * b[0]) + (a[1] * b[2]), (a[0] * b[1]) + (a[1] * b[3]),
        (a[2] * b[0]) + (a[3] * b[2]), (a[2] * b[1]) + (a[3] * b[3]),
    ];
}
