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
    internal static Transfer2x2 Matrix(double theta, double phi, double epsilon1, double epsilon2, double amplitude)
    {
        if (epsilon1 == 0 && epsilon2 == 0)
        {
            // Ideal couplers: the closed form a·i·e^{iθ/2}·[[e^{iφ}·sin(θ/2), cos(θ/2)], [e^{iφ}·cos(θ/2), −sin(θ/2)]].
            (double s, double c) = Math.SinCos(theta / 2);
            Complex g = Complex.FromPolarCoordinates(amplitude, (theta / 2) + (Math.PI / 2));
            Complex ge = g * Complex.FromPolarCoordinates(1, phi);
            return new Transfer2x2(ge * s, g * c, ge * c, -g * s);
        }
        return new Complex(amplitude, 0) * (DirectionalCoupler.Matrix(epsilon2) * Transfer2x2.UpperPhase(theta)
            * DirectionalCoupler.Matrix(epsilon1) * Transfer2x2.UpperPhase(phi));
    }

    /// <summary>
    /// T split at the middle of the device, T = Second·First with First = a·P(θ)·B(ε₁)·P(φ) and Second = B(ε₂):
    /// the adjoint pass reads ∂L/∂θ from the fields there (see <see cref="Meshes.MziMesh"/>).
    /// </summary>
    internal static (Transfer2x2 First, Transfer2x2 Second) Halves(double theta, double phi, double epsilon1, double epsilon2, double amplitude) =>
        (new Complex(amplitude, 0) * (Transfer2x2.UpperPhase(theta) * DirectionalCoupler.Matrix(epsilon1) * Transfer2x2.UpperPhase(phi)),
         DirectionalCoupler.Matrix(epsilon2));
}
