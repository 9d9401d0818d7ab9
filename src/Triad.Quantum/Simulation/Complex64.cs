using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Triad.Quantum.Simulation;

/// <summary>
/// A complex number as two 32-bit floats (real, imaginary), 8 bytes: one amplitude of a complex64 state vector.
/// Arithmetic is done by the kernels on the interleaved floats; this type only holds and converts values.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Complex64 : IEquatable<Complex64>
{
    /// <summary>Creates re + i·im.</summary>
    public Complex64(float real, float imaginary)
    {
        Real = real;
        Imaginary = imaginary;
    }

    /// <summary>The real part.</summary>
    public float Real { get; }

    /// <summary>The imaginary part.</summary>
    public float Imaginary { get; }

    /// <summary>1 + 0i.</summary>
    public static Complex64 One => new(1f, 0f);

    /// <summary>The value rounded to the nearest floats.</summary>
    public static Complex64 FromComplex(Complex value) => new((float)value.Real, (float)value.Imaginary);

    /// <summary>The value widened to doubles (exact).</summary>
    public Complex ToComplex() => new(Real, Imaginary);

    /// <summary>Widens to complex128 (exact).</summary>
    public static implicit operator Complex(Complex64 value) => value.ToComplex();

    /// <summary>Rounds a complex128 to the nearest floats.</summary>
    public static explicit operator Complex64(Complex value) => FromComplex(value);

    /// <summary>Bitwise equality of both parts (as floats compare).</summary>
    public static bool operator ==(Complex64 left, Complex64 right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Complex64 left, Complex64 right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(Complex64 other) => Real.Equals(other.Real) && Imaginary.Equals(other.Imaginary);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Complex64 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Real, Imaginary);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"<{Real}; {Imaginary}>");
}
