namespace Triad.Hardware.Synchronization;

/// <summary>
/// A digital loop that steers the ADC sampling instant onto the optical output (a delay-locked loop acting on the
/// sampling clock's phase).
/// </summary>
/// <param name="Order">1: proportional loop (type 1, follows a delay ramp with a constant lag); 2: proportional-integral
/// loop (type 2, follows a ramp with no lag).</param>
/// <param name="BandwidthHertz">Closed-loop −3 dB bandwidth f_L.</param>
/// <param name="UpdateRateHertz">Phase-detector updates per second, 1/T; must exceed 20·f_L so the discrete loop behaves
/// like the continuous one.</param>
/// <param name="Damping">Damping ζ of the order-2 loop; 1/√2 is the usual choice (Gardner, "Phaselock Techniques",
/// 3rd ed., Wiley 2005, ch. 2).</param>
public sealed record LoopSettings(int Order, double BandwidthHertz, double UpdateRateHertz, double Damping = 0.7071067811865476)
{
    /// <summary>Checks the ranges; throws naming the field.</summary>
    /// <exception cref="HardwareDataException">Order not 1 or 2, non-positive rates, update rate below 20·f_L, damping not positive.</exception>
    public void Validate()
    {
        if (Order is not (1 or 2))
        {
            throw new HardwareDataException($"loop order {Order}: must be 1 or 2");
        }
        if (!(BandwidthHertz > 0 && double.IsFinite(BandwidthHertz)))
        {
            throw new HardwareDataException($"loop bandwidth {BandwidthHertz} Hz: must be positive");
        }
        if (!(UpdateRateHertz >= 20 * BandwidthHertz && double.IsFinite(UpdateRateHertz)))
        {
            throw new HardwareDataException($"update rate {UpdateRateHertz} Hz: must be at least 20 × the loop bandwidth {BandwidthHertz} Hz");
        }
        if (!(Damping > 0 && double.IsFinite(Damping)))
        {
            throw new HardwareDataException($"damping {Damping}: must be positive");
        }
    }
}
