namespace Triad.Photonics.Thermal;

/// <summary>How a temperature change reaches a mesh's phases (see <see cref="ThermalChip"/> and <see cref="ThermalDrift"/>).</summary>
public enum ThermalArms
{
    /// <summary>Every phase shifter on waveguide its partner arm does not share: δ = κ·ΔT_local on θ, φ and α.</summary>
    Unbalanced,

    /// <summary>Equal-length arms and columns: only arm temperature differences, arm-length imbalance and crosstalk remain.</summary>
    Balanced,
}
