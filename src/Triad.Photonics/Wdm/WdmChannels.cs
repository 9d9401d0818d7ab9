namespace Triad.Photonics.Wdm;

/// <summary>
/// K wavelength channels sharing one mesh, centred on the wavelength the mesh was programmed at:
/// λ_k = λ_0 + (k − (K−1)/2)·Δλ. Defaults: Δλ = 0.8 nm, the 100 GHz spacing of the ITU-T G.694.1 DWDM grid
/// (anchored at 193.1 THz) expressed as Δλ = λ²Δf/c = 0.80 nm at 1550 nm; λ_0 = 1550 nm is a round centre, not
/// itself a grid frequency.
/// <para>
/// Wavelength dependence (the stated model): a phase set by a heater is Δn·L·2π/λ with Δn fixed, so the phase
/// programmed as φ at λ_0 is wrap(φ)·λ_0/λ at λ (phase-shifter dispersion of n_eff neglected). A coupler's coupling
/// angle ψ = π/4 at λ_0 grows as ψ(λ) = (π/4)(1 + D·(λ − λ_0)) with D in nm⁻¹ (0 by default: a broadband MMI), so its
/// bar power cos²ψ = (1 + ε)/2 with ε = −sin((π/2)·D·(λ − λ_0)).
/// Crosstalk: the demultiplexer passes the fraction 10^(−X/10) of each adjacent channel's power (isolation X dB) to a
/// detector; the channels are at different wavelengths, so powers add (direct detection). X = 25 dB is an
/// assumption, no source found (not a measured figure).
/// </para>
/// </summary>
public sealed record WdmChannels
{
    /// <summary>Channels with the defaults above and <paramref name="count"/> channels.</summary>
    public WdmChannels(int count)
    {
        Count = count is >= 1 and <= 256 ? count : throw new ArgumentOutOfRangeException(nameof(count), count, "WDM needs 1 to 256 channels");
    }

    /// <summary>Number of channels K.</summary>
    public int Count { get; }

    /// <summary>Channel spacing Δλ (m).</summary>
    public double SpacingMeters { get; init; } = 0.8e-9;

    /// <summary>Centre wavelength λ_0 at which the mesh was programmed (m).</summary>
    public double CenterMeters { get; init; } = 1.55e-6;

    /// <summary>Isolation X between adjacent channels (dB).</summary>
    public double IsolationDb { get; init; } = 25;

    /// <summary>Coupler dispersion D (relative change of the coupling angle per nm).</summary>
    public double CouplerDispersionPerNm { get; init; }

    /// <summary>λ_k (m).</summary>
    public double Wavelength(int k) => CenterMeters + ((k - ((Count - 1) / 2.0)) * SpacingMeters);

    /// <summary>Fraction of an adjacent channel's power that leaks in: 10^(−X/10).</summary>
    public double LeakFraction => Math.Pow(10, -IsolationDb / 10);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first figure out of range.</summary>
    public void Validate()
    {
        if (!double.IsFinite(SpacingMeters) || SpacingMeters <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SpacingMeters), SpacingMeters, "the channel spacing must be a positive finite length");
        }
        if (!double.IsFinite(CenterMeters) || CenterMeters <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(CenterMeters), CenterMeters, "the centre wavelength must be a positive finite length");
        }
        if (Wavelength(0) <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SpacingMeters), SpacingMeters, "the channels reach a wavelength at or below 0");
        }
        if (!double.IsFinite(IsolationDb) || IsolationDb < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(IsolationDb), IsolationDb, "channel isolation must be a finite number of dB, at least 0");
        }
        if (!double.IsFinite(CouplerDispersionPerNm))
        {
            throw new ArgumentOutOfRangeException(nameof(CouplerDispersionPerNm), CouplerDispersionPerNm, "coupler dispersion must be finite");
        }
    }
}
