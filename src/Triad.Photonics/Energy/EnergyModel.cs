using Triad.Photonics.Components;
using Triad.Photonics.Meshes;

namespace Triad.Photonics.Energy;

/// <summary>
/// Energy and latency per MAC of one N-mode MZI mesh computing y = U·x for one N-vector per sample period 1/f
/// (N² MACs per vector), from a component list (<see cref="EnergyComponents"/>). Per vector:
/// <list type="bullet">
/// <item>DAC + modulator: N input samples, E_DAC = FOM_DAC·2^b and E_mod each.</item>
/// <item>ADC + TIA: N output samples, E_ADC = FOM_W·2^b (Walden) and E_TIA each.</item>
/// <item>Laser: each detector must see P_det, the optical power at which shot and TIA noise over the Nyquist band
/// B = f/2 equal the quantisation noise of a b-bit converter, SNR = 10^((6.02b + 1.76)/10) (Bennett/Walden):
/// (R·P)² = SNR·(2q(R·P + I_d)B + i_n²B), the positive root of R²P² − 2qRB·SNR·P − SNR·B(2qI_d + i_n²) = 0.
/// The laser feeds N detectors through the path loss (depth·MZI loss + extra loss), so
/// P_laser = N·P_det·10^(loss/10) and it draws P_laser/η for the period 1/f.</item>
/// <item>Heaters: static power Σ P_π·φ/π over every programmed θ, φ and α (each taken into [0, 2π)), for 1/f.</item>
/// <item>Latency: depth·L_MZI·n_g/c (light through the mesh) + (DAC + ADC latency in samples)/f.</item>
/// </list>
/// Energy per MAC is each per-vector energy over N². This is the link-budget form of Al-Qadasi et al.,
/// "Scaling up silicon photonic-based accelerators", APL Photonics 7, 020902 (2022), with a unitary mesh.
/// </summary>
public static class EnergyModel
{
    /// <summary>Speed of light in vacuum (m/s, exact).</summary>
    public const double SpeedOfLight = 299_792_458;

    /// <summary>Linear SNR of an ideal b-bit quantiser on a full-scale sine: 10^((6.02b + 1.76)/10).</summary>
    public static double QuantizationSnr(int bits) => Math.Pow(10, ((6.02 * bits) + 1.76) / 10);

    /// <summary>
    /// Optical power (W) at which <paramref name="detector"/>'s shot plus TIA noise over <paramref name="bandwidthHertz"/>
    /// gives SNR <paramref name="snr"/>: the positive root of R²P² − 2qRB·SNR·P − SNR·B(2qI_d + i_n²) = 0.
    /// </summary>
    public static double RequiredDetectorPower(Photodetector detector, double snr, double bandwidthHertz)
    {
        ArgumentNullException.ThrowIfNull(detector);
        double r = detector.ResponsivityAmpsPerWatt, q = Photodetector.ElementaryCharge, b = bandwidthHertz;
        double i2 = detector.TiaNoiseAmpsPerRootHertz * detector.TiaNoiseAmpsPerRootHertz;
        double a = r * r, bb = 2 * q * r * b * snr, c = snr * b * ((2 * q * detector.DarkCurrentAmps) + i2);
        return (bb + Math.Sqrt((bb * bb) + (4 * a * c))) / (2 * a);
    }

    /// <summary>Total static heater power (W) holding <paramref name="phases"/>: Σ P_π·wrap(φ)/π over θ, φ and α.</summary>
    public static double HeaterPowerWatts(MeshPhases phases, ThermoOpticPhaseShifter heater)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(heater);
        double mw = 0;
        foreach (double t in phases.Theta)
        {
            mw += heater.HeaterPowerMilliwatts(t);
        }
        foreach (double p in phases.Phi)
        {
            mw += heater.HeaterPowerMilliwatts(p);
        }
        foreach (double a in phases.Alpha)
        {
            mw += heater.HeaterPowerMilliwatts(a);
        }
        return mw * 1e-3;
    }

    /// <summary>
    /// The breakdown for the mesh whose programmed phases are <paramref name="phases"/>, at <paramref name="bits"/> bits
    /// and <paramref name="rateHz"/> vectors per second.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Bits outside 1–32, a rate that is not positive and finite, or a component figure out of range.</exception>
    public static EnergyBreakdown Estimate(MeshPhases phases, int bits, double rateHz, EnergyComponents? components = null)
    {
        ArgumentNullException.ThrowIfNull(phases);
        EnergyComponents c = components ?? EnergyComponents.Default;
        c.Validate();
        if (bits is < 1 or > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "a converter needs 1 to 32 bits");
        }
        if (!double.IsFinite(rateHz) || rateHz <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rateHz), rateHz, "the sample rate must be a positive finite number of Hz");
        }
        int n = phases.Layout.Modes;
        int depth = phases.Layout.ColumnCount;
        double macs = (double)n * n;
        double levels = Math.Pow(2, bits);
        double toPj = 1e12 / macs;

        double snr = QuantizationSnr(bits);
        double pDet = RequiredDetectorPower(c.Detector, snr, rateHz / 2);
        double lossDb = (depth * c.MziLossDb) + c.ExtraLossDb;
        double laserOptical = n * pDet * Math.Pow(10, lossDb / 10);
        double laser = laserOptical / c.LaserWallPlugEfficiency / rateHz * toPj;

        double dac = n * c.DacFomJoulesPerStep * levels * toPj;
        double mod = n * c.ModulatorJoulesPerSample * toPj;
        double adc = n * c.AdcFomJoulesPerStep * levels * toPj;
        double tia = n * c.TiaJoulesPerSample * toPj;
        double heaterWatts = HeaterPowerWatts(phases, c.Heater);
        double heaters = heaterWatts / rateHz * toPj;

        double propagation = depth * c.MziLengthMeters * c.GroupIndex / SpeedOfLight;
        double conversion = (c.DacLatencySamples + c.AdcLatencySamples) / rateHz;
        return new EnergyBreakdown(n, bits, rateHz, laser, dac, mod, adc, tia, heaters, snr, pDet, laserOptical, lossDb, heaterWatts, propagation, conversion);
    }
}
