using System.Numerics;

namespace Triad.Photonics.Components;

/// <summary>
/// A 2×2 complex transfer matrix [[M00, M01], [M10, M11]] acting on the field amplitudes of two waveguide modes
/// (m, m+1) written as a column vector: (out_m, out_m+1)ᵀ = M·(in_m, in_m+1)ᵀ. Amplitudes are in √W (|E|² is the
/// optical power).
/// </summary>
/// <param name="M00">Row 0, column 0.</param>
/// <param name="M01">Row 0, column 1.</param>
/// <param name="M10">Row 1, column 0.</param>
/// <param name="M11">Row 1, column 1.</param>
public readonly record struct Transfer2x2(Complex M00, Complex M01, Complex M10, Complex M11)
{
    /// <summary>The identity.</summary>
    public static Transfer2x2 Identity => new(Complex.One, Complex.Zero, Complex.Zero, Complex.One);

    /// <summary>diag(e^{ix}, 1): a phase shifter of phase x (radians) on the upper arm.</summary>
    public static Transfer2x2 UpperPhase(double x) => new(Complex.FromPolarCoordinates(1, x), Complex.Zero, Complex.Zero, Complex.One);

    /// <summary>The product a·b (b acts first).</summary>
    public static Transfer2x2 operator *(Transfer2x2 a, Transfer2x2 b) => new(
        (a.M00 * b.M00) + (a.M01 * b.M10), (a.M00 * b.M01) + (a.M01 * b.M11),
        (a.M10 * b.M00) + (a.M11 * b.M10), (a.M10 * b.M01) + (a.M11 * b.M11));

    /// <summary>Every entry scaled by <paramref name="s"/>.</summary>
    public static Transfer2x2 operator *(Complex s, Transfer2x2 a) => new(s * a.M00, s * a.M01, s * a.M10, s * a.M11);

    /// <summary>The product a·b (b acts first).</summary>
    public static Transfer2x2 Multiply(Transfer2x2 a, Transfer2x2 b) => a * b;

    /// <summary>The conjugate transpose M†.</summary>
    public Transfer2x2 Adjoint() => new(Complex.Conjugate(M00), Complex.Conjugate(M10), Complex.Conjugate(M01), Complex.Conjugate(M11));

    /// <summary>The determinant M00·M11 − M01·M10.</summary>
    public Complex Determinant => (M00 * M11) - (M01 * M10);

    /// <summary>The inverse adj(M)/det(M).</summary>
    /// <exception cref="InvalidOperationException">The matrix is singular (a device of infinite loss).</exception>
    public Transfer2x2 Inverse()
    {
        Complex det = Determinant;
        if (det == Complex.Zero)
        {
            throw new InvalidOperationException("a 2×2 transfer matrix with zero determinant has no inverse");
        }
        Complex r = Complex.One / det;
        return new Transfer2x2(r * M11, -r * M01, -r * M10, r * M00);
    }
}
