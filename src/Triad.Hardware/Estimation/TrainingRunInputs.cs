namespace Triad.Hardware.Estimation;

/// <summary>What a training-run estimate starts from.</summary>
/// <param name="Parameters">Trained parameters N.</param>
/// <param name="Tokens">Training tokens D.</param>
/// <param name="DeviceId">Catalog id of the accelerator.</param>
/// <param name="DeviceCount">Devices K running in parallel.</param>
/// <param name="Mfu">Model FLOPs utilisation U in (0, 1]: achieved model FLOP/s over the devices' peak.</param>
/// <param name="Precision">Precision whose peak rate the MFU refers to.</param>
/// <param name="Pue">Power usage effectiveness of the facility (≥ 1; 1 counts the devices' power only).</param>
/// <param name="CarbonIntensityKgPerKwh">Grid carbon intensity, kg CO2e per kWh, or null to leave emissions out.</param>
/// <param name="Flops">Total training FLOPs if known (e.g. from the op graph); null for 6·N·D.</param>
/// <param name="PowerWatts">Power per device, W; null for the catalog's TDP.</param>
public sealed record TrainingRunInputs(double Parameters, double Tokens, string DeviceId, int DeviceCount, double Mfu,
    Precision Precision = Precision.Bf16, double Pue = 1.0, double? CarbonIntensityKgPerKwh = null, double? Flops = null,
    double? PowerWatts = null);
