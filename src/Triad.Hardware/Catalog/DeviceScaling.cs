namespace Triad.Hardware.Catalog;

/// <summary>
/// What-if profiles: a catalog device with some figures changed, every changed value marked in its note so that it is
/// never mistaken for a cited one.
/// </summary>
/// <remarks>
/// <c>factors</c> multiply named figures (the names <see cref="DeviceProfile.Figures"/> lists, e.g.
/// <c>memoryBandwidthGigabytesPerSecond</c>, <c>peakTflops.bf16</c>, <c>heaterPiPowerMilliwatts</c>). A mesh size N sets
/// <c>meshSize</c> = N and <c>mziCount</c> = N(N−1)/2 (a rectangular mesh, Clements et al., Optica 3, 1460, 2016). A qubit
/// count Q sets <c>qubits</c> = Q and scales <c>couplers</c> by Q/Q₀ (the same couplers per qubit, i.e. the same
/// topology).
/// </remarks>
public static class DeviceScaling
{
    /// <summary>The profile of <paramref name="device"/> with the changes applied.</summary>
    /// <exception cref="HardwareDataException">An unknown figure, a factor not positive and finite, a mesh size or qubit count on a
    /// device of another kind, or one below 1 (2 for a mesh).</exception>
    public static DeviceProfile Scale(DeviceProfile device, IReadOnlyList<KeyValuePair<string, double>> factors, int? meshSize = null, int? qubits = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(factors);
        var figures = device.Figures.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        foreach ((string field, double factor) in factors)
        {
            if (!figures.TryGetValue(field, out SourcedValue? v))
            {
                throw new HardwareDataException($"--factor {field}: '{device.Id}' has no such figure; it has {string.Join(", ", figures.Keys)}");
            }
            if (field is "meshSize" or "mziCount" or "dacBits" or "adcBits" or "qubits" or "couplers")
            {
                throw new HardwareDataException($"--factor {field}: a count is not scaled by a factor; use {(field is "qubits" or "couplers" ? "--qubits" : field is "meshSize" or "mziCount" ? "--mesh-size" : "another device file")}");
            }
            if (!(factor > 0 && double.IsFinite(factor)))
            {
                throw new HardwareDataException($"--factor {field}={factor}: the factor must be positive and finite");
            }
            figures[field] = Changed(v, v.Value * factor, $"×{factor}");
        }
        if (meshSize is { } n)
        {
            if (device is not PhotonicProfile)
            {
                throw new HardwareDataException($"--mesh-size: '{device.Id}' is not a photonic device");
            }
            if (n < 2)
            {
                throw new HardwareDataException($"--mesh-size {n}: must be at least 2");
            }
            figures["meshSize"] = Changed(figures["meshSize"], n, $"set to {n}");
            figures["mziCount"] = Changed(figures["mziCount"], (double)n * (n - 1) / 2, $"N(N−1)/2 for N = {n}");
        }
        if (qubits is { } q)
        {
            if (device is not QuantumProfile)
            {
                throw new HardwareDataException($"--qubits: '{device.Id}' is not a QPU");
            }
            if (q < 1)
            {
                throw new HardwareDataException($"--qubits {q}: must be at least 1");
            }
            double q0 = figures["qubits"].Value;
            figures["qubits"] = Changed(figures["qubits"], q, $"set to {q}");
            figures["couplers"] = Changed(figures["couplers"], Math.Round(figures["couplers"].Value * q / q0), $"×{q}/{q0} qubits, same couplers per qubit");
        }
        return device switch
        {
            ElectronicProfile e => Electronic(e, figures),
            PhotonicProfile p => new PhotonicProfile(p.Id, p.Name + " (what-if)", p.Sources, p.Claims,
                [.. p.Figures.Select(f => new KeyValuePair<string, SourcedValue>(f.Key, figures[f.Key]))]),
            QuantumProfile qp => new QuantumProfile(qp.Id, qp.Name + " (what-if)", qp.Sources, qp.Claims, qp.Connectivity,
                [.. qp.Figures.Select(f => new KeyValuePair<string, SourcedValue>(f.Key, figures[f.Key]))]),
            _ => throw new HardwareDataException($"device '{device.Id}': no what-if for {device.Kind}"),
        };
    }

    private static SourcedValue Changed(SourcedValue v, double value, string how) =>
        new(value, v.Source, $"what-if: {how} (cited value {v.Value}{(v.Note is null ? "" : $"; {v.Note}")})");

    private static ElectronicProfile Electronic(ElectronicProfile e, Dictionary<string, SourcedValue> f)
    {
        Dictionary<Precision, SourcedValue> PerPrecision(string prefix) => PrecisionNames.All
            .Where(p => f.ContainsKey(prefix + p.Name))
            .ToDictionary(p => p.Precision, p => f[prefix + p.Name]);
        SourcedValue? Optional(string key) => f.TryGetValue(key, out SourcedValue? v) ? v : null;
        return new ElectronicProfile(e.Id, e.Name + " (what-if)", e.Kind, e.Sources, e.Claims, PerPrecision("peakTflops."), f["memoryGigabytes"],
            f["memoryBandwidthGigabytesPerSecond"], f["tdpWatts"], Optional("interconnectGigabytesPerSecond"), Optional("cores"),
            Optional("baseClockGigahertz"), PerPrecision("energy.picojoulesPerFlop."), Optional("energy.memoryPicojoulesPerByte"))
        {
            DieAreaSquareMillimeters = Optional("dieAreaSquareMillimeters"),
        };
    }
}
