namespace Triad.Hardware.Estimation;

/// <summary>The result of <see cref="TrainingRunEstimator"/>, with every assumption it made, in words.</summary>
/// <param name="Flops">Total training FLOPs.</param>
/// <param name="PeakFlopsPerDevice">Peak rate of one device in the precision, FLOP/s.</param>
/// <param name="WallClockDays">Elapsed days with all devices busy.</param>
/// <param name="DeviceHours">Device-hours.</param>
/// <param name="PowerWattsPerDevice">Power charged per device, W.</param>
/// <param name="EnergyMegawattHours">Facility energy, MWh (device energy × PUE).</param>
/// <param name="TonnesCo2e">Emissions, t CO2e, or null without a carbon intensity.</param>
/// <param name="Assumptions">Every input and rule used, one sentence each.</param>
public sealed record TrainingRunEstimate(double Flops, double PeakFlopsPerDevice, double WallClockDays, double DeviceHours,
    double PowerWattsPerDevice, double EnergyMegawattHours, double? TonnesCo2e, IReadOnlyList<string> Assumptions);
