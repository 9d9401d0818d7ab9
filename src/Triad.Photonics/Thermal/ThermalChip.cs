namespace Triad.Photonics.Thermal;

/// <summary>
/// The thermal description of a silicon mesh chip. A temperature change ΔT (K) under a phase shifter of length L
/// changes its phase by Δφ = 2π·L·(dn/dT)·ΔT/λ (the thermo-optic effect; all phases of the mesh, θ, φ and α, are
/// taken to see the same length L of unbalanced waveguide). The local ΔT of an MZI at column c, top mode m is
/// ΔT_ambient + G_modes·(m + ½)/(N − 1) + G_columns·c/(C − 1) (linear gradients across the chip, K from one edge to the
/// other); output phase α_m sits at the last column, at position m/(N − 1).
/// Thermal crosstalk: each θ (φ) shifter picks up the fraction <see cref="CrosstalkFraction"/> of the phase that the
/// θ (φ) heaters of its vertical neighbours in the same column (tops m ± 2) are programmed to.
/// <para>
/// dn/dT = 1.8e-4 K⁻¹ for silicon at 1550 nm and room temperature: J. Komma, C. Schwarz, G. Hofmann, D. Heinert,
/// R. Nawrodt, "Thermo-optic coefficient of silicon at 1550 nm and cryogenic temperatures", Appl. Phys. Lett. 101,
/// 041905 (2012). The paper itself was not readable here; the value is the one other works quote from it
/// (docs/sources.md). The chip is stated, not sourced (assumptions): heater length 100 µm and λ = 1550 nm, so
/// Δφ/ΔT = 0.0730 rad/K and a π error needs 43 K.
/// </para>
/// <para>
/// <see cref="Arms"/> picks the arm model. <see cref="ThermalArms.Unbalanced"/> (the default, kept so earlier results
/// stand) is the paragraph above: every phase shifter sits on waveguide that its partner arm does not share, so the
/// whole κ·ΔT shows up in θ, φ and α. <see cref="ThermalArms.Balanced"/> is the usual layout of a mesh: both arms of an
/// MZI, and every mode's waveguide in every column, have the same length L, so a uniform ΔT adds the same phase
/// everywhere, cancels in θ and φ, and leaves only a global phase. What remains (see <see cref="ThermalDrift"/>):
/// (a) the temperature difference between the two arms under a gradient across the chip, (b) the arm-length
/// imbalance ΔL (<see cref="ArmLengthImbalanceMeters"/>), and (c) heater crosstalk.
/// </para>
/// </summary>
public sealed record ThermalChip
{
    /// <summary>Heater (phase-shifter) length L in m.</summary>
    public double HeaterLengthMeters { get; init; } = 100e-6;

    /// <summary>Wavelength λ in m.</summary>
    public double WavelengthMeters { get; init; } = 1.55e-6;

    /// <summary>Thermo-optic coefficient dn/dT in K⁻¹.</summary>
    public double ThermoOpticPerKelvin { get; init; } = 1.8e-4;

    /// <summary>Temperature difference (K) across the chip from mode 0 to mode N − 1.</summary>
    public double GradientAcrossModesKelvin { get; init; }

    /// <summary>Temperature difference (K) along the chip from the first column to the last.</summary>
    public double GradientAlongColumnsKelvin { get; init; }

    /// <summary>Fraction of a neighbouring heater's phase seen by a shifter (0 = no crosstalk).</summary>
    public double CrosstalkFraction { get; init; }

    /// <summary>The arm model (default <see cref="ThermalArms.Unbalanced"/>, see the type's remarks).</summary>
    public ThermalArms Arms { get; init; } = ThermalArms.Unbalanced;

    /// <summary>
    /// Balanced arms only: the upper internal arm of every MZI is longer than the lower one by ΔL (m), from
    /// fabrication. Default 1 µm, 1 % of the 100 µm arm: an assumption chosen to show the term, not a sourced figure
    /// (a balanced design has ΔL = 0; width and etch variation give an effective imbalance of this order or less).
    /// </summary>
    public double ArmLengthImbalanceMeters { get; init; } = 1e-6;

    /// <summary>Δφ per kelvin: 2π·L·(dn/dT)/λ (rad/K).</summary>
    public double PhasePerKelvin => 2 * Math.PI * HeaterLengthMeters * ThermoOpticPerKelvin / WavelengthMeters;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first figure out of range.</summary>
    public void Validate()
    {
        Positive(HeaterLengthMeters, nameof(HeaterLengthMeters));
        Positive(WavelengthMeters, nameof(WavelengthMeters));
        Finite(ThermoOpticPerKelvin, nameof(ThermoOpticPerKelvin));
        Finite(GradientAcrossModesKelvin, nameof(GradientAcrossModesKelvin));
        Finite(GradientAlongColumnsKelvin, nameof(GradientAlongColumnsKelvin));
        Finite(ArmLengthImbalanceMeters, nameof(ArmLengthImbalanceMeters));
        if (Arms is not (ThermalArms.Unbalanced or ThermalArms.Balanced))
        {
            throw new ArgumentOutOfRangeException(nameof(Arms), Arms, "the arm model must be Unbalanced or Balanced");
        }
        if (ArmLengthImbalanceMeters <= -HeaterLengthMeters)
        {
            throw new ArgumentOutOfRangeException(nameof(ArmLengthImbalanceMeters), ArmLengthImbalanceMeters, "the arm-length imbalance must leave the upper arm a positive length");
        }
        if (!(CrosstalkFraction is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(CrosstalkFraction), CrosstalkFraction, "thermal crosstalk must be a fraction in [0, 1)");
        }
    }

    private static void Positive(double v, string name)
    {
        if (!double.IsFinite(v) || v <= 0)
        {
            throw new ArgumentOutOfRangeException(name, v, $"{name} must be a positive finite number");
        }
    }

    private static void Finite(double v, string name)
    {
        if (!double.IsFinite(v))
        {
            throw new ArgumentOutOfRangeException(name, v, $"{name} must be finite");
        }
    }
}
