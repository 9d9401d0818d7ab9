using System.Globalization;
using Triad.Hardware.Catalog;

namespace Triad.Hardware.Estimation;

/// <summary>
/// Time, energy and emissions of a training run from its size:
/// C = 6·N·D FLOPs (forward 2·N and backward 4·N per token; Kaplan et al., arXiv:2001.08361, §2.1; Hoffmann et al.,
/// arXiv:2203.15556) unless a total is given; device-seconds = C / (P_peak · U), P_peak the device's dense peak in the
/// precision and U the model FLOPs utilisation (Chowdhery et al., PaLM, arXiv:2204.02311, App. B); wall-clock =
/// device-seconds / K; energy = device-hours · P_device · PUE (P_device the TDP unless given, as in the Llama model
/// cards); emissions = energy · carbon intensity (kg/kWh = t/MWh).
/// </summary>
public static class TrainingRunEstimator
{
    /// <summary>Estimates the run described by <paramref name="inputs"/> on a device of <paramref name="catalog"/>.</summary>
    /// <exception cref="HardwareDataException">An input is out of range (the message names it) or the device is unknown or has no rate for the precision.</exception>
    public static TrainingRunEstimate Estimate(TrainingRunInputs inputs, DeviceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(catalog);
        Require(inputs.Parameters > 0 && double.IsFinite(inputs.Parameters), "--params", inputs.Parameters, "must be positive");
        Require(inputs.Tokens > 0 && double.IsFinite(inputs.Tokens), "--tokens", inputs.Tokens, "must be positive");
        Require(inputs.DeviceCount >= 1, "--count", inputs.DeviceCount, "must be at least 1");
        Require(inputs.Mfu > 0 && inputs.Mfu <= 1, "--mfu", inputs.Mfu, "must lie in (0, 1]");
        Require(inputs.Pue >= 1 && double.IsFinite(inputs.Pue), "--pue", inputs.Pue, "must be at least 1");
        if (inputs.CarbonIntensityKgPerKwh is { } ci)
        {
            Require(ci >= 0 && double.IsFinite(ci), "--carbon-intensity", ci, "must be finite and not negative");
        }
        if (inputs.Flops is { } f)
        {
            Require(f > 0 && double.IsFinite(f), "--flops", f, "must be positive");
        }
        if (inputs.PowerWatts is { } pw)
        {
            Require(pw > 0 && double.IsFinite(pw), "--power", pw, "must be positive");
        }
        DeviceProfile profile = catalog.Get(inputs.DeviceId);
        var device = profile as ElectronicProfile
            ?? throw new HardwareDataException($"--device '{profile.Id}' is a {profile.Kind} device; training runs are estimated for GPUs and CPUs");
        double peak = device.PeakFlopsPerSecond(inputs.Precision);
        string precision = PrecisionNames.Name(inputs.Precision);

        var assumptions = new List<string>();
        double flops;
        if (inputs.Flops is { } given)
        {
            flops = given;
            assumptions.Add($"training FLOPs given: {F(given)}");
        }
        else
        {
            flops = 6 * inputs.Parameters * inputs.Tokens;
            assumptions.Add($"training FLOPs = 6·N·D = 6 × {F(inputs.Parameters)} × {F(inputs.Tokens)} = {F(flops)} (attention FLOPs and recomputation not counted)");
        }
        SourcedValue peakValue = device.PeakTflops[inputs.Precision];
        assumptions.Add($"peak {precision} rate of {device.Id}: {F(peakValue.Value)} TFLOP/s dense per device ({device.Sources[peakValue.Source]})");
        assumptions.Add($"model FLOPs utilisation {F(inputs.Mfu)}: achieved {F(peakValue.Value * inputs.Mfu)} TFLOP/s per device, sustained for the whole run (no restarts, no idle time)");
        double deviceSeconds = flops / (peak * inputs.Mfu);
        if (!double.IsFinite(flops) || !double.IsFinite(deviceSeconds) || deviceSeconds / 3600 > long.MaxValue)
        {
            throw new HardwareDataException($"training FLOPs {F(flops)} are beyond what this estimate can count: check --params, --tokens and --flops");
        }
        double deviceHours = deviceSeconds / 3600;
        double wallDays = deviceSeconds / inputs.DeviceCount / 86400;
        assumptions.Add($"{inputs.DeviceCount.ToString(CultureInfo.InvariantCulture)} devices in parallel with no loss to scaling beyond the MFU");
        double watts;
        if (inputs.PowerWatts is { } p)
        {
            watts = p;
            assumptions.Add($"power per device given: {F(p)} W");
        }
        else
        {
            watts = device.TdpWatts.Value;
            assumptions.Add($"power per device = TDP {F(watts)} W for the whole run ({device.Sources[device.TdpWatts.Source]}); host CPUs, network and storage not counted");
        }
        double energyMwh = deviceHours * watts / 1e6 * inputs.Pue;
        assumptions.Add(inputs.Pue == 1
            ? "PUE 1: facility overhead (cooling, power conversion) not counted"
            : $"PUE {F(inputs.Pue)}: facility energy = device energy × {F(inputs.Pue)}");
        double? tonnes = null;
        if (inputs.CarbonIntensityKgPerKwh is { } intensity)
        {
            tonnes = energyMwh * intensity;
            assumptions.Add($"carbon intensity {F(intensity)} kg CO2e/kWh (location-based, constant over the run)");
        }
        else
        {
            assumptions.Add("no carbon intensity given: emissions not computed");
        }
        return new TrainingRunEstimate(flops, peak, wallDays, deviceHours, watts, energyMwh, tonnes, assumptions);
    }

    private static void Require(bool ok, string option, double value, string rule)
    {
        if (!ok)
        {
            throw new HardwareDataException($"{option} {F(value)}: {rule}");
        }
    }

    private static string F(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
