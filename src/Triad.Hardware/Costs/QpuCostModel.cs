using Triad.Hardware.Catalog;

namespace Triad.Hardware.Costs;

/// <summary>
/// A circuit to run on a QPU, described by what its time depends on: the qubits it uses, its depth counted in layers
/// of simultaneous one-qubit gates and of simultaneous two-qubit gates (gates in a layer run in parallel), and the
/// shots wanted before error mitigation.
/// </summary>
/// <param name="Qubits">Qubits the circuit uses (at most the device's).</param>
/// <param name="OneQubitLayers">Layers of one-qubit gates.</param>
/// <param name="TwoQubitLayers">Layers of two-qubit gates.</param>
/// <param name="Shots">Repetitions an unmitigated estimate needs.</param>
public sealed record QuantumCircuitSpec(int Qubits, int OneQubitLayers, int TwoQubitLayers, long Shots);

/// <summary>How the circuit's results are error-mitigated, which multiplies the shots and the executions.</summary>
public abstract record Mitigation;

/// <summary>No mitigation: the circuit runs once for its shots.</summary>
public sealed record NoMitigation : Mitigation;

/// <summary>
/// Probabilistic error cancellation (Temme, Bravyi and Gambetta, PRL 119, 180509 (2017); Endo, Benjamin and Li,
/// PRX 8, 031027 (2018)): the ideal expectation is a quasi-probability mixture of noisy circuits with total weight
/// γ = Σ|q_i| ≥ 1, so its estimator's variance grows by γ² and the same precision needs γ² times the shots.
/// </summary>
/// <param name="Gamma">The circuit's γ (the product of its gates' γ), at least 1.</param>
public sealed record PecMitigation(double Gamma) : Mitigation;

/// <summary>
/// Zero-noise extrapolation by Richardson's method (Temme et al. 2017; done with stretched pulses by Kandala et al.,
/// Nature 567, 491 (2019)): the circuit runs at noise scales c_1, …, c_k (each ≥ 1), its gates stretched c_j times
/// (readout not stretched), and E(0) = Σ_j β_j E(c_j) with β_j = Π_{m≠j} c_m / (c_m − c_j). With the same shots at
/// each scale the estimate's variance is Σ_j β_j² times one run's, so each scale takes Σ_j β_j² times the shots.
/// </summary>
/// <param name="Scales">The noise scale factors, distinct, each at least 1.</param>
public sealed record ZneMitigation(IReadOnlyList<double> Scales) : Mitigation;

/// <summary>The time of a mitigated circuit on a QPU.</summary>
/// <param name="DeviceId">The QPU.</param>
/// <param name="GateSeconds">One unstretched execution's gates, L1·t_1q + L2·t_2q, s.</param>
/// <param name="ReadoutSeconds">One readout, s, or null when the profile gives none.</param>
/// <param name="RepetitionSeconds">1 / the profile's measured shot rate, s, or null when it gives none.</param>
/// <param name="ShotsPerExecution">Shots at each noise scale after the mitigation's sampling overhead.</param>
/// <param name="SamplingOverhead">Shots per execution / the circuit's shots: γ² (PEC), Σβ² (ZNE), 1.</param>
/// <param name="Executions">Circuits run: k noise scales for ZNE, else 1.</param>
/// <param name="Seconds">Total time, s.</param>
/// <param name="CoherenceRatio">Longest execution's gate time over T2 (else T1), or null when the profile gives neither.</param>
/// <param name="Assumptions">What the figure rests on, one line each.</param>
public sealed record QpuCost(string DeviceId, double GateSeconds, double? ReadoutSeconds, double? RepetitionSeconds, double ShotsPerExecution,
    double SamplingOverhead, int Executions, double Seconds, double? CoherenceRatio, IReadOnlyList<string> Assumptions);

/// <summary>
/// The QPU cost model: time = Σ over executions j of N' · τ_j, with N' = N · (sampling overhead) the shots at each
/// execution and τ_j the time of one shot at noise scale c_j (c = 1 without ZNE):
/// τ_j = max(c_j · (L1 · t_1q + L2 · t_2q) + t_readout, 1 / R), where t_readout is the profile's readout time and R its
/// measured shot rate (which includes reset, control and data transfer). With no readout time the shot time is 1 / R; a
/// profile with neither cannot be priced. Energy is not computed: no device file cites the power of a QPU's cryostat
/// and control electronics.
/// </summary>
public static class QpuCostModel
{
    /// <summary>The time of <paramref name="circuit"/> on <paramref name="device"/> with <paramref name="mitigation"/>.</summary>
    /// <exception cref="HardwareDataException">A bad circuit or mitigation, or a profile that gives neither readout time nor shot rate.</exception>
    public static QpuCost Cost(QuantumCircuitSpec circuit, QuantumProfile device, Mitigation mitigation)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(mitigation);
        double qubits = device.Figure("qubits")!.Value;
        if (circuit.Qubits < 1 || circuit.Qubits > qubits)
        {
            throw new HardwareDataException($"circuit: {circuit.Qubits} qubits; '{device.Id}' has {qubits}");
        }
        if (circuit.OneQubitLayers < 0 || circuit.TwoQubitLayers < 0 || circuit.Shots < 1)
        {
            throw new HardwareDataException(
                $"circuit: layers ({circuit.OneQubitLayers}, {circuit.TwoQubitLayers}) must not be negative and shots ({circuit.Shots}) at least 1");
        }
        double gates = circuit.OneQubitLayers * device.Figure("singleQubitGateNanoseconds")!.Value * 1e-9
            + circuit.TwoQubitLayers * device.Figure("twoQubitGateNanoseconds")!.Value * 1e-9;
        double? readout = device.Figure("readoutNanoseconds")?.Value * 1e-9;
        double? repetition = device.Figure("shotsPerSecond") is { } rate ? 1 / rate.Value : null;
        if (readout is null && repetition is null)
        {
            throw new HardwareDataException($"device '{device.Id}' gives neither readoutNanoseconds nor shotsPerSecond: its shots cannot be timed");
        }
        var assumptions = new List<string>
        {
            $"gates: {circuit.OneQubitLayers} one-qubit layers × {device.Figure("singleQubitGateNanoseconds")!.Value} ns + {circuit.TwoQubitLayers} two-qubit layers × {device.Figure("twoQubitGateNanoseconds")!.Value} ns",
            readout is not null ? $"readout {device.Figure("readoutNanoseconds")!.Value} ns per shot" : "no readout time in the profile: a shot takes 1 / its measured shot rate",
        };
        if (repetition is { } rep)
        {
            assumptions.Add($"a shot takes at least 1 / {1 / rep} shots/s (the profile's measured rate, with reset and control)");
        }
        (double overhead, double[] scales) = mitigation switch
        {
            NoMitigation => (1.0, new[] { 1.0 }),
            PecMitigation pec => (PecOverhead(pec.Gamma), new[] { 1.0 }),
            ZneMitigation zne => (RichardsonOverhead(zne.Scales), zne.Scales.ToArray()),
            _ => throw new HardwareDataException($"unknown mitigation {mitigation}"),
        };
        assumptions.Add(mitigation switch
        {
            PecMitigation pec => $"PEC: shots × γ² = × {overhead} (γ = {pec.Gamma})",
            ZneMitigation zne => $"ZNE (Richardson) at scales {string.Join(", ", zne.Scales)}: gates stretched c times, shots × Σβ² = × {overhead} at each scale",
            _ => "no error mitigation",
        });
        double shots = circuit.Shots * overhead;
        double seconds = 0;
        foreach (double c in scales)
        {
            double shot = Math.Max(c * gates + (readout ?? 0), repetition ?? 0);
            seconds += shots * shot;
        }
        double? coherence = (device.Figure("t2Microseconds") ?? device.Figure("t1Microseconds")) is { } t ? scales.Max() * gates / (t.Value * 1e-6) : null;
        return new QpuCost(device.Id, gates, readout, repetition, shots, overhead, scales.Length, seconds, coherence, assumptions);
    }

    /// <summary>PEC's sampling overhead γ².</summary>
    /// <exception cref="HardwareDataException">γ below 1 or not finite.</exception>
    public static double PecOverhead(double gamma) =>
        gamma >= 1 && double.IsFinite(gamma) ? gamma * gamma : throw new HardwareDataException($"PEC: γ {gamma} must be finite and at least 1");

    /// <summary>Σ_j β_j² of Richardson extrapolation to zero noise from <paramref name="scales"/>, β_j = Π_{m≠j} c_m / (c_m − c_j).</summary>
    /// <exception cref="HardwareDataException">Fewer than two scales, a scale below 1, or two equal scales.</exception>
    public static double RichardsonOverhead(IReadOnlyList<double> scales)
    {
        ArgumentNullException.ThrowIfNull(scales);
        if (scales.Count < 2 || scales.Any(c => !(c >= 1 && double.IsFinite(c))) || scales.Distinct().Count() != scales.Count)
        {
            throw new HardwareDataException($"ZNE: scales ({string.Join(", ", scales)}) must be at least two distinct finite factors, each at least 1");
        }
        double sum = 0;
        for (int j = 0; j < scales.Count; j++)
        {
            double beta = 1;
            for (int m = 0; m < scales.Count; m++)
            {
                if (m != j)
                {
                    beta *= scales[m] / (scales[m] - scales[j]);
                }
            }
            sum += beta * beta;
        }
        return sum;
    }
}
