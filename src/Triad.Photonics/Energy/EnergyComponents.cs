using Triad.Photonics.Components;

namespace Triad.Photonics.Energy;

/// <summary>
/// The component figures an <see cref="EnergyModel"/> estimate is built from, each with its source. Energies in
/// joules, powers in watts, times in seconds, losses in dB. Plain data, so that a consumer without a reference to
/// Triad.Photonics (Triad.Hardware) can take the same figures from <c>triad photonic energy --json</c>.
/// <para>Defaults and where they come from:</para>
/// <list type="bullet">
/// <item>ADC Walden figure of merit FOM_W = P/(f_s·2^ENOB) = 34 fJ per conversion step: L. Kull et al., "A 3.1mW 8b
/// 1.2GS/s single-channel asynchronous SAR ADC with alternate comparators for enhanced speed in 32nm digital SOI
/// CMOS", ISSCC 2013, paper 26.4, doi:10.1109/ISSCC.2013.6487818, as entered in B. Murmann's ADC Performance Survey
/// (github.com/bmurmann/ADC-survey, xls/ADCsurvey_latest.xlsx, sheet ISSCC): P = 3.06 mW, f_s = 1.2 GS/s, SNDR
/// 39.3 dB at 600 MHz input, FOMW_hf = 33.8 fJ/conv-step (the abstract: "a FOM of 34fJ/conversion-step"). A journal
/// version (IEEE JSSC 48, 3049 (2013)) was not read. FOM_W is defined by R. H. Walden, IEEE J. Sel. Areas Commun.
/// 17, 539 (1999). Above a few GS/s the survey's envelope rises, so at 10 GS/s this is a lower bound on the ADC
/// energy.</item>
/// <item>DAC: the same Walden form E = FOM·2^bits per sample, with FOM taken equal to the ADC's (an assumption:
/// no DAC datasheet is wired in; give <see cref="DacFomJoulesPerStep"/> from one to replace it).</item>
/// <item>Modulator 0.9 fJ per bit (per symbol driven): E. Timurdogan, C. M. Sorace-Agaskar, J. Sun, E. Shah Hosseini,
/// A. Biberman, M. R. Watts, "An ultralow power athermal silicon modulator", Nat. Commun. 5, 4008 (2014),
/// doi:10.1038/ncomms5008, abstract: 25 Gb/s, 0.5 V_pp, 0.9 fJ per bit error-free. One analog sample is one drive
/// event of the same junction, so the energy per input sample is taken as the energy per bit.</item>
/// <item>Laser wall-plug efficiency η = 0.2: an assumption, no source found (the order of C-band semiconductor
/// lasers at their operating point, as the <see cref="Laser"/> default; give a datasheet figure to replace it).</item>
/// <item>Detector: <see cref="Photodetector"/> defaults (Colace et al. 2007 responsivity and dark current, Yang et
/// al. 2025 TIA noise density); its bandwidth is replaced by the Nyquist band f/2 of the chosen rate.</item>
/// <item>TIA 170 fJ per output sample: the 170 µW/(Gb/s) of S. Saeedi and A. Emami, "A 25Gb/s 170μW/Gb/s optical
/// receiver in 28nm CMOS for chip-to-chip optical communication", IEEE RFIC 2014 (abstract: error-free at 25 Gb/s,
/// 170 fJ/b; the figure is for the whole receiver, TIA front end and decision). That receiver decides binary symbols; a
/// linear front end for 8-bit samples needs more, so this is a lower bound.</item>
/// <item>Heaters: <see cref="ThermoOpticPhaseShifter"/> P_π = 24.77 mW (Harris et al., Opt. Express 22, 10487 (2014)).</item>
/// <item>Per-MZI loss 0.46 dB: two phase shifters of 0.23 dB each (Harris et al. 2014), couplers taken lossless.</item>
/// <item>Propagation: group index 4.2 of a 220 nm × 500 nm silicon strip waveguide at 1550 nm and an MZI length of
/// 300 µm (assumptions of the usual SOI platform, no source found for either number; the propagation delay is
/// picoseconds either way, far below the conversion latency).</item>
/// <item>Conversion latency one sample period each for the DAC and the ADC (a Nyquist converter delivers one
/// sample per period; a pipelined ADC adds more, give it in <see cref="AdcLatencySamples"/>).</item>
/// </list>
/// </summary>
public sealed record EnergyComponents
{
    /// <summary>The defaults listed above.</summary>
    public static EnergyComponents Default { get; } = new();

    /// <summary>ADC Walden FOM (J per conversion step); energy per sample FOM·2^bits.</summary>
    public double AdcFomJoulesPerStep { get; init; } = 34e-15;

    /// <summary>DAC Walden-form FOM (J per conversion step); energy per sample FOM·2^bits.</summary>
    public double DacFomJoulesPerStep { get; init; } = 34e-15;

    /// <summary>Modulator drive energy per input sample (J).</summary>
    public double ModulatorJoulesPerSample { get; init; } = 0.9e-15;

    /// <summary>TIA energy per output sample (J).</summary>
    public double TiaJoulesPerSample { get; init; } = 170e-15;

    /// <summary>Laser wall-plug efficiency η in (0, 1].</summary>
    public double LaserWallPlugEfficiency { get; init; } = 0.2;

    /// <summary>Detector (responsivity, dark current, TIA noise density); its bandwidth is set from the rate.</summary>
    public Photodetector Detector { get; init; } = new();

    /// <summary>Heater phase shifter (P_π).</summary>
    public ThermoOpticPhaseShifter Heater { get; init; } = new();

    /// <summary>Insertion loss of one MZI (dB).</summary>
    public double MziLossDb { get; init; } = 0.46;

    /// <summary>Loss outside the mesh (modulator, couplers to fibre) in dB; 0 by default (not counted).</summary>
    public double ExtraLossDb { get; init; }

    /// <summary>Waveguide group index.</summary>
    public double GroupIndex { get; init; } = 4.2;

    /// <summary>Length of one MZI along the light path (m).</summary>
    public double MziLengthMeters { get; init; } = 300e-6;

    /// <summary>DAC latency in sample periods.</summary>
    public double DacLatencySamples { get; init; } = 1;

    /// <summary>ADC latency in sample periods.</summary>
    public double AdcLatencySamples { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first figure out of range.</summary>
    public void Validate()
    {
        NonNegative(AdcFomJoulesPerStep, nameof(AdcFomJoulesPerStep));
        NonNegative(DacFomJoulesPerStep, nameof(DacFomJoulesPerStep));
        NonNegative(ModulatorJoulesPerSample, nameof(ModulatorJoulesPerSample));
        NonNegative(TiaJoulesPerSample, nameof(TiaJoulesPerSample));
        if (!(LaserWallPlugEfficiency is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(LaserWallPlugEfficiency), LaserWallPlugEfficiency, "wall-plug efficiency must lie in (0, 1]");
        }
        NonNegative(MziLossDb, nameof(MziLossDb), "an insertion loss must be a finite number of dB, at least 0");
        NonNegative(ExtraLossDb, nameof(ExtraLossDb), "an insertion loss must be a finite number of dB, at least 0");
        if (!(GroupIndex >= 1) || !double.IsFinite(GroupIndex))
        {
            throw new ArgumentOutOfRangeException(nameof(GroupIndex), GroupIndex, "a group index must be a finite number at least 1");
        }
        NonNegative(MziLengthMeters, nameof(MziLengthMeters));
        NonNegative(DacLatencySamples, nameof(DacLatencySamples));
        NonNegative(AdcLatencySamples, nameof(AdcLatencySamples));
        ArgumentNullException.ThrowIfNull(Detector);
        ArgumentNullException.ThrowIfNull(Heater);
    }

    private static void NonNegative(double value, string name, string? rule = null)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, rule ?? $"{name} must be a finite number at least 0");
        }
    }
}
