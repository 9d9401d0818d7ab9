namespace Triad.Photonics.Pcm;

/// <summary>
/// A Ge₂Sb₂Te₅ (GST) cell on a waveguide used as a non-volatile attenuator. A cell with amorphous fraction f_a
/// transmits T = exp(−[(1 − f_a)·D_c + f_a·D_a]) of the power, with optical densities D_c = −ln T_c (crystalline)
/// and D_a = −ln T_a (amorphous). It is programmed to one of <see cref="Levels"/> transmissions evenly spaced from
/// T_c to T_a, with Gaussian programming noise σ in transmission, and holds it with no power.
/// <para>
/// Levels: 8 as in C. Ríos et al., "Integrated all-photonic non-volatile multi-level memory", Nat. Photonics 9, 725
/// (2015), doi:10.1038/nphoton.2015.182 (abstract: "bit storage of up to eight levels in a single device")
/// (<see cref="Rios2015"/>); 34 as in X. Li et al., "Fast and reliable storage using a 5 bit, nonvolatile photonic
/// memory cell", Optica 6, 1–6 (2019), doi:10.1364/OPTICA.6.000001 (abstract: "up to 34 nonvolatile reliable and
/// repeatable levels") (<see cref="Li2019"/>).
/// Drift: amorphous GST relaxes structurally, and its resistance drifts as R ∝ (t/t_0)^ν with ν ≈ 0.1. Cited from
/// memory as Ielmini et al., "Recovery and drift dynamics of resistance and threshold voltages in phase-change
/// memories", IEEE Trans. Electron Devices 54, 308 (2007), which could not be read here; the value is borne out by
/// Khan, Dirisaglik et al., "Resistance drift in Ge₂Sb₂Te₅ phase change memory line cells at low temperatures and
/// its response to photoexcitation" (abstract: drift coefficients 0.07–0.11 in the dark from 125 K to 300 K, "similar
/// to commonly observed drift coefficients (~0.1) at and above room temperature"). Here the same power law is
/// applied to the amorphous optical density, D_a(t) = D_a·(t/t_0)^(−ν) for t > t_0 (a stated assumption, no source
/// found: relaxation widens the gap and lowers absorption), so an amorphous-rich cell grows more transparent with
/// time and a fully crystalline one does not move.
/// The contrast T_a = 0.95, T_c = 0.05 is an assumption, no source found: a stated cell design (a GST patch long
/// enough to absorb 95 % when crystalline), not a measured figure; so is the drift onset t_0 = 1 s; σ = 0 by default.
/// </para>
/// </summary>
public sealed record PcmCell
{
    /// <summary>Number of levels (at least 2).</summary>
    public int Levels { get; init; } = 8;

    /// <summary>Power transmission of the fully amorphous cell T_a.</summary>
    public double AmorphousTransmission { get; init; } = 0.95;

    /// <summary>Power transmission of the fully crystalline cell T_c.</summary>
    public double CrystallineTransmission { get; init; } = 0.05;

    /// <summary>Programming noise σ (power transmission).</summary>
    public double ProgrammingNoise { get; init; }

    /// <summary>Drift exponent ν of the amorphous phase.</summary>
    public double DriftExponent { get; init; } = 0.1;

    /// <summary>Time t_0 after programming from which the drift is counted (s).</summary>
    public double DriftOnsetSeconds { get; init; } = 1;

    /// <summary>8 levels (Ríos et al. 2015).</summary>
    public static PcmCell Rios2015 { get; } = new() { Levels = 8 };

    /// <summary>34 levels (Li et al. 2019).</summary>
    public static PcmCell Li2019 { get; } = new() { Levels = 34 };

    /// <summary>Spacing of the levels in transmission: (T_a − T_c)/(levels − 1).</summary>
    public double LevelStep => (AmorphousTransmission - CrystallineTransmission) / (Levels - 1);

    /// <summary>Transmission of level <paramref name="i"/>: T_c + i·step.</summary>
    public double Level(int i) => CrystallineTransmission + (i * LevelStep);

    /// <summary>Amorphous fraction that transmits <paramref name="transmission"/>: (D_c + ln T)/(D_c − D_a).</summary>
    public double AmorphousFraction(double transmission)
    {
        double dc = -Math.Log(CrystallineTransmission), da = -Math.Log(AmorphousTransmission);
        return (dc + Math.Log(transmission)) / (dc - da);
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first figure out of range.</summary>
    public void Validate()
    {
        if (Levels is < 2 or > 1 << 20)
        {
            throw new ArgumentOutOfRangeException(nameof(Levels), Levels, "a PCM cell needs 2 to 2^20 levels");
        }
        if (!(AmorphousTransmission is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(AmorphousTransmission), AmorphousTransmission, "a transmission must lie in (0, 1]");
        }
        if (!(CrystallineTransmission > 0 && CrystallineTransmission < AmorphousTransmission))
        {
            throw new ArgumentOutOfRangeException(nameof(CrystallineTransmission), CrystallineTransmission, "the crystalline transmission must lie in (0, T_a)");
        }
        if (!double.IsFinite(ProgrammingNoise) || ProgrammingNoise < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ProgrammingNoise), ProgrammingNoise, "programming noise must be a finite σ, at least 0");
        }
        if (!double.IsFinite(DriftExponent) || DriftExponent < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DriftExponent), DriftExponent, "the drift exponent must be finite and at least 0");
        }
        if (!double.IsFinite(DriftOnsetSeconds) || DriftOnsetSeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DriftOnsetSeconds), DriftOnsetSeconds, "the drift onset must be a positive finite time");
        }
    }
}
