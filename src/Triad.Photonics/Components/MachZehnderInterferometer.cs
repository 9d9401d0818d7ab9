using System.Numerics;

namespace Triad.Photonics.Components;

/// <summary>
/// A Mach–Zehnder interferometer on modes (m, m+1): an external phase shifter φ on the upper input arm, a coupler,
/// an internal phase shifter θ on the upper arm, a second coupler, and the insertion loss of the whole device.
/// <para>
/// Transfer matrix (the Clements convention of neurophox; Clements et al., "Optimal design for universal
/// multiport interferometers", Optica 3, 1460 (2016)):
/// T(θ, φ) = a · B(ε₂)·P(θ)·B(ε₁)·P(φ), P(x) = diag(e^{ix}, 1), B(ε) the coupler (<see cref="DirectionalCoupler"/>),
/// a = 10^(−loss/20) the amplitude transmission. Ideal (ε = 0, no loss):
/// T = i·e^{iθ/2}·[[e^{iφ}·sin(θ/2), cos(θ/2)], [e^{iφ}·cos(θ/2), −sin(θ/2)]], so θ = 0 crosses the modes and
/// θ = π keeps them in their waveguides. Angles in radians.
/// </para>
/// </summary>
/// <param name="Theta">Internal phase θ (radians); sets the splitting.</param>
/// <param name="Phi">External phase φ (radians); sets the relative phase of the inputs.</param>
/// <param name="FirstCoupler">The coupler light meets first.</param>
/// <param name="SecondCoupler">The coupler light meets second.</param>
/// <param name="Loss">Insertion loss of the device, applied equally to both arms.</param>
public sealed record MachZehnderInterferometer(
    double Theta, double Phi, DirectionalCoupler FirstCoupler, DirectionalCoupler SecondCoupler, InsertionLoss Loss)
{
    /// <summary>An ideal, lossless MZI with 50:50 couplers.</summary>
    public MachZehnderInterferometer(double theta, double phi)
        : this(theta, phi, DirectionalCoupler.Ideal, DirectionalCoupler.Ideal, InsertionLoss.None)
    {
    }

    /// <summary>T(θ, φ) as described on the type.</summary>
    public Transfer2x2 Transfer() =>
        Matrix(Theta, Phi, FirstCoupler.SplittingError, SecondCoupler.SplittingError, Loss.AmplitudeTransmission);

    /// <summary>a·B(ε₂)·P(θ)·B(ε₁)·P(φ).</summary>
    internal static Transfer2x2 Matrix(double theta, double phi, double epsilon1, double epsilon2, double amplitude) =>
        new Complex(amplitude, 0) * (DirectionalCoupler.Matrix(epsilon2) * Transfer2x2.UpperPhase(theta)
            * DirectionalCoupler.Matrix(epsilon1) * Transfer2x2.UpperPhase(phi));

    /// <summary>∂T/∂θ = a·B(ε₂)·diag(i·e^{iθ}, 0)·B(ε₁)·P(φ).</summary>
    internal static Transfer2x2 DerivativeTheta(double theta, double phi, double epsilon1, double epsilon2, double amplitude)
    {
        var dp = new Transfer2x2(Complex.ImaginaryOne * Complex.FromPolarCoordinates(1, theta), Complex.Zero, Complex.Zero, Complex.Zero);
        return new Complex(amplitude, 0) * (DirectionalCoupler.Matrix(epsilon2) * dp
            * DirectionalCoupler.Matrix(epsilon1) * Transfer2x2.UpperPhase(phi));
    }

    /// <summary>∂T/∂φ = T·diag(i, 0): the first column of T times i.</summary>
    internal static Transfer2x2 DerivativePhi(Transfer2x2 t) =>
        new(Complex.ImaginaryOne * t.M00, Complex.Zero, Complex.ImaginaryOne * t.M10, Complex.Zero);
}
