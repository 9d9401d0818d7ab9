namespace Triad.Quantum.Simulation;

/// <summary>
/// The number type of a state vector's amplitudes. complex128 (two IEEE 754 doubles, 16 bytes, unit roundoff
/// 2^−53 ≈ 1.1e−16) is the default; complex64 (two floats, 8 bytes, unit roundoff 2^−24 ≈ 6e−8) halves the memory
/// and the bytes every gate sweeps, for about 7 significant digits (qsim's state vectors are single precision for
/// the same reason).
/// </summary>
public enum Precision
{
    /// <summary>Two 64-bit doubles per amplitude (16 bytes).</summary>
    Complex128,

    /// <summary>Two 32-bit floats per amplitude (8 bytes).</summary>
    Complex64,
}
