using Triad.Numerics.Random;

namespace Triad.Photonics.Components;

/// <summary>
/// A photodiode followed by a transimpedance amplifier (TIA). Photocurrent I = R·P (R responsivity in A/W,
/// P optical power in W) plus dark current I_d. Noise, Gaussian and summed in quadrature over bandwidth B (Hz):
/// shot noise σ²_shot = 2q·(R·P + I_d)·B, and the TIA's input-referred (thermal) noise σ²_TIA = i_n²·B with
/// i_n in A/√Hz. The thermal noise of a feedback resistor R_f alone is i_n = √(4kT/R_f) (<see cref="ResistorNoiseDensity"/>).
/// <para>
/// Defaults: responsivity 1 A/W and dark current 40 nA at −1 V: L. Colace, V. Sorianello, M. Balbi, G. Assanto,
/// "Germanium near infrared detector on silicon-on-insulator", Appl. Phys. Lett. 91, 021107 (2007), abstract
/// ("peak responsivities as high as 1 A/W", "as low as 40 nA at a reverse bias of 1 V"; evaporated Ge on SOI
/// waveguides; 1 A/W is the best value reported, not a typical one). TIA noise 2 pA/√Hz: Y. Yang, D. Li, N. Qi,
/// B. Wang, "A 2 pA/√Hz input-referred noise TIA in 180-nm CMOS with 2.5 GHz bandwidth for optical receiver",
/// IEEE Solid-State Circuits Lett. 8, 189–192 (2025), doi:10.1109/LSSC.2025.3584266 (average input-referred noise
/// over its 2.5 GHz band). Bandwidth 5 GHz: the Nyquist band of the 10 GS/s rate named in the issue (a design
/// choice; at 5 GHz the TIA is used beyond its measured 2.5 GHz band, an assumption).
/// </para>
/// </summary>
/// <param name="ResponsivityAmpsPerWatt">R in A/W.</param>
/// <param name="DarkCurrentAmps">I_d in A.</param>
/// <param name="TiaNoiseAmpsPerRootHertz">i_n in A/√Hz.</param>
/// <param name="BandwidthHertz">B in Hz.</param>
public sealed record Photodetector(
    double ResponsivityAmpsPerWatt = 1.0, double DarkCurrentAmps = 40e-9, double TiaNoiseAmpsPerRootHertz = 2e-12, double BandwidthHertz = 5e9)
{
    /// <summary>Elementary charge q in C (exact, SI 2019).</summary>
    public const double ElementaryCharge = 1.602176634e-19;

    /// <summary>Boltzmann constant k in J/K (exact, SI 2019).</summary>
    public const double Boltzmann = 1.380649e-23;

    /// <summary>Mean current (A) at optical power <paramref name="powerWatts"/>: R·P + I_d.</summary>
    public double MeanCurrentAmps(double powerWatts) => (ResponsivityAmpsPerWatt * powerWatts) + DarkCurrentAmps;

    /// <summary>Shot-noise standard deviation (A): √(2q·(R·P + I_d)·B).</summary>
    public double ShotNoiseAmps(double powerWatts) => Math.Sqrt(2 * ElementaryCharge * MeanCurrentAmps(powerWatts) * BandwidthHertz);

    /// <summary>TIA noise standard deviation (A): i_n·√B.</summary>
    public double TiaNoiseAmps => TiaNoiseAmpsPerRootHertz * Math.Sqrt(BandwidthHertz);

    /// <summary>Total noise standard deviation (A): shot and TIA noise in quadrature.</summary>
    public double NoiseAmps(double powerWatts)
    {
        double shot = ShotNoiseAmps(powerWatts);
        return Math.Sqrt((shot * shot) + (TiaNoiseAmps * TiaNoiseAmps));
    }

    /// <summary>Signal-to-noise power ratio (R·P)²/σ² (linear, not dB).</summary>
    public double SignalToNoise(double powerWatts)
    {
        double signal = ResponsivityAmpsPerWatt * powerWatts, noise = NoiseAmps(powerWatts);
        return signal * signal / (noise * noise);
    }

    /// <summary>One noisy current sample (A) at <paramref name="powerWatts"/>: R·P + I_d + σ·N(0, 1).</summary>
    public double Sample(double powerWatts, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(powerWatts >= 0) || !double.IsFinite(powerWatts))
        {
            throw new ArgumentOutOfRangeException(nameof(powerWatts), powerWatts, "optical power must be a finite number of watts, at least 0");
        }
        return MeanCurrentAmps(powerWatts) + (NoiseAmps(powerWatts) * random.NextGaussian());
    }

    /// <summary>Thermal (Johnson) noise density √(4kT/R) in A/√Hz of a resistor of <paramref name="ohms"/> at <paramref name="kelvin"/>.</summary>
    public static double ResistorNoiseDensity(double ohms, double kelvin = 300) => Math.Sqrt(4 * Boltzmann * kelvin / ohms);
}
