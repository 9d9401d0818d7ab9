using Triad.Hardware.Graphs;

namespace Triad.Hardware.Catalog;

/// <summary>
/// A quantum processor: qubit count, connectivity (a named topology and its coupler count), average 1-qubit,
/// 2-qubit and readout error probabilities, gate times (ns) and optionally T1/T2 (µs), readout time (ns) and the
/// shot rate (1/s). It runs only quantum-circuit ops.
/// </summary>
public sealed class QuantumProfile : DeviceProfile
{
    /// <summary>Creates a profile; the reader has checked every value.</summary>
    public QuantumProfile(string id, string name, IReadOnlyDictionary<string, string> sources, IReadOnlyList<DeviceClaim> claims,
        string connectivity, IReadOnlyList<KeyValuePair<string, SourcedValue>> figures)
        : base(id, name, DeviceKind.Qpu, sources, claims)
    {
        Connectivity = connectivity;
        Figures = figures;
    }

    /// <summary>Topology name, e.g. "grid" or "heavy-hex".</summary>
    public string Connectivity { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, SourcedValue>> Figures { get; }

    /// <summary>The named figure, or null when the file leaves it out.</summary>
    public SourcedValue? Figure(string name) => Figures.FirstOrDefault(f => f.Key == name).Value;

    /// <inheritdoc/>
    public override bool CanRun(OpKind kind, Precision precision) => kind == OpKind.QuantumCircuit;
}
