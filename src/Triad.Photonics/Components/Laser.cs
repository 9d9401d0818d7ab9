namespace Triad.Photonics.Components;

/// <summary>
/// A continuous-wave laser: optical output power P_opt (mW) and wall-plug efficiency η = P_opt/P_elec,
/// so the electrical power drawn is P_elec = P_opt/η.
/// <para>
/// Defaults (assumed, to be replaced by a datasheet): 10 mW, a common rating of C-band DFB laser modules;
/// η = 0.2, the order of magnitude of semiconductor lasers at their operating point (total electrical-to-optical
/// efficiency defined as in the LIV procedure of photonica.io, "Wall-plug efficiency from LIV measurements").
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
