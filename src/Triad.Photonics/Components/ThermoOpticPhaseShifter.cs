namespace Triad.Photonics.Components;

/// <summary>
/// A thermo-optic phase shifter: a heater above a silicon waveguide. The phase grows linearly with heater power,
/// Δφ = π·P/P_π (P in mW), and follows a power step as a first-order low-pass with time constant τ:
/// φ(t) = φ_target + (φ_start − φ_target)·e^{−t/τ}, τ = 1/(2π·f₋₃dB).
/// <para>
/// Defaults: N. C. Harris et al., "Efficient, compact and low loss thermo-optic phase shifter in silicon",
/// Opt. Express 22, 10487 (2014) (arXiv:1410.3616), abstract: P_π = 24.77 ± 0.43 mW, −3 dB modulation bandwidth
/// 130.0 ± 5.59 kHz (τ ≈ 1.22 µs), insertion loss 0.23 ± 0.13 dB, device length 61.6 µm (checked against the
/// abstract; see docs/sources.md).
/// </para>
/// </summary>
/// <param name="PiPowerMilliwatts">P_π, heater power for a π shift (mW).</param>
/// <param name="BandwidthHertz">−3 dB modulation bandwidth f₋₃dB (Hz).</param>
/// <param name="LossDb">Insertion loss (dB).</param>
public sealed record ThermoOpticPhaseShifter(double PiPowerMilliwatts = 24.77, double BandwidthHertz = 130e3, double LossDb = 0.23)
{
    /// <summary>P_π in mW; must be positive and finite.</summary>
    public double PiPowerMilliwatts { get; } = Positive(PiPowerMilliwatts, nameof(PiPowerMilliwatts));

    /// <summary>f₋₃dB in Hz; must be positive and finite.</summary>
    public double BandwidthHertz { get; } = Positive(BandwidthHertz, nameof(BandwidthHertz));

    /// <summary>Insertion loss in dB; must be at least 0.</summary>
    public double LossDb { get; } = new InsertionLoss(LossDb).LossDb;

    /// <summary>Response time constant τ = 1/(2π·f₋₃dB) in seconds.</summary>
    public double ResponseTimeSeconds => 1.0 / (2 * Math.PI * BandwidthHertz);

    /// <summary>Heater power (mW) that holds phase <paramref name="phaseRadians"/>, taken modulo 2π into [0, 2π): P_π·φ/π.</summary>
    public double HeaterPowerMilliwatts(double phaseRadians) => PiPowerMilliwatts * Wrap(phaseRadians) / Math.PI;

    /// <summary>Phase (radians) <paramref name="seconds"/> after the heater is switched from <paramref name="startRadians"/> to <paramref name="targetRadians"/>.</summary>
    public double PhaseAfter(double seconds, double startRadians, double targetRadians) =>
        targetRadians + ((startRadians - targetRadians) * Math.Exp(-Math.Max(seconds, 0) / ResponseTimeSeconds));

    /// <summary><paramref name="phase"/> taken into [0, 2π).</summary>
    internal static double Wrap(double phase)
    {
        double w = phase % (2 * Math.PI);
        w = w < 0 ? w + (2 * Math.PI) : w;
        return w >= 2 * Math.PI ? 0 : w;
    }

    private static double Positive(double value, string name) => double.IsFinite(value) && value > 0
        ? value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number");
}
