namespace Triad.Photonics.Energy;

/// <summary>
/// Energy per multiply-accumulate (pJ/MAC) of an N-mode mesh doing N×N matrix-vector products at one vector per
/// sample period, split by component, with the figures it was worked from. Plain data (see <see cref="EnergyComponents"/>).
/// </summary>
/// <param name="Modes">Mesh size N (N² MACs per vector).</param>
/// <param name="Bits">Converter bit width.</param>
/// <param name="RateHz">Sample rate f (vectors per second).</param>
/// <param name="LaserPjPerMac">Laser electrical energy.</param>
/// <param name="DacPjPerMac">DAC energy.</param>
/// <param name="ModulatorPjPerMac">Modulator drive energy.</param>
/// <param name="AdcPjPerMac">ADC energy.</param>
/// <param name="TiaPjPerMac">TIA energy.</param>
/// <param name="HeaterPjPerMac">Static heater power over the sample period.</param>
/// <param name="RequiredSnr">Linear SNR wanted at each detector, 10^((6.02·bits + 1.76)/10).</param>
/// <param name="DetectorPowerWatts">Optical power needed at each detector for that SNR.</param>
/// <param name="LaserOpticalWatts">Laser optical power: N·P_det·10^(loss/10).</param>
/// <param name="PathLossDb">Loss along the light path: depth·MZI loss + extra loss.</param>
/// <param name="HeaterWatts">Total static heater power.</param>
/// <param name="PropagationSeconds">Time of flight through the mesh: depth·L_MZI·n_g/c.</param>
/// <param name="ConversionSeconds">DAC plus ADC latency.</param>
public sealed record EnergyBreakdown(
    int Modes, int Bits, double RateHz,
    double LaserPjPerMac, double DacPjPerMac, double ModulatorPjPerMac, double AdcPjPerMac, double TiaPjPerMac, double HeaterPjPerMac,
    double RequiredSnr, double DetectorPowerWatts, double LaserOpticalWatts, double PathLossDb, double HeaterWatts,
    double PropagationSeconds, double ConversionSeconds)
{
    /// <summary>Sum of all components (pJ/MAC).</summary>
    public double TotalPjPerMac => LaserPjPerMac + DacPjPerMac + ModulatorPjPerMac + AdcPjPerMac + TiaPjPerMac + HeaterPjPerMac;

    /// <summary>Latency of one vector: propagation plus conversion (s).</summary>
    public double LatencySeconds => PropagationSeconds + ConversionSeconds;

    /// <summary>Throughput N²·f (MAC/s).</summary>
    public double MacsPerSecond => (double)Modes * Modes * RateHz;

    /// <summary>The components by name, in a fixed order, for tables and JSON.</summary>
    public IReadOnlyList<(string Name, double PjPerMac)> Components =>
    [
        ("laser", LaserPjPerMac), ("dac", DacPjPerMac), ("modulator", ModulatorPjPerMac),
        ("adc", AdcPjPerMac), ("tia", TiaPjPerMac), ("heaters", HeaterPjPerMac),
    ];
}
