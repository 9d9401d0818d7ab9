namespace Triad.Photonics.Components;

/// <summary>
/// A continuous-wave laser: optical output power P_opt (mW) and wall-plug efficiency η = P_opt/P_elec,
/// so the electrical power drawn is P_elec = P_opt/η.
/// <para>
/// Defaults are assumptions, no source found for either number (see docs/sources.md): 10 mW, taken as a common
/// rating of C-band DFB laser modules; η = 0.2, taken as the order of magnitude of semiconductor lasers at their
/// operating point. The photonica.io page "Wall-plug efficiency from LIV measurements" defines η (total
/// electrical-to-optical efficiency); it is not a source for the value 0.2. Replace both from a datasheet.
/// </para>
/// </summary>
/// <param name="PowerMilliwatts">Optical output power (mW), positive.</param>
/// <param name="WallPlugEfficiency">η in (0, 1].</param>
public sealed record Laser(double PowerMilliwatts = 10.0, double WallPlugEfficiency = 0.2)
{
    /// <summary>Optical output power (mW), positive and finite.</summary>
    public double PowerMilliwatts { get; } = double.IsFinite(PowerMilliwatts) && PowerMilliwatts > 0
        ? PowerMilliwatts
        : throw new ArgumentOutOfRangeException(nameof(PowerMilliwatts), PowerMilliwatts, "laser power must be a positive finite number of mW");

    /// <summary>Wall-plug efficiency η in (0, 1].</summary>
    public double WallPlugEfficiency { get; } = WallPlugEfficiency is > 0 and <= 1
        ? WallPlugEfficiency
        : throw new ArgumentOutOfRangeException(nameof(WallPlugEfficiency), WallPlugEfficiency, "wall-plug efficiency must lie in (0, 1]");

    /// <summary>Electrical power drawn (mW): P_opt/η.</summary>
    public double ElectricalPowerMilliwatts => PowerMilliwatts / WallPlugEfficiency;
}
