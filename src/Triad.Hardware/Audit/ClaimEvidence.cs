namespace Triad.Hardware.Audit;

/// <summary>What a simulation run for a claim gives: named values and the assumptions (chip, model, seeds, sizes) behind them.</summary>
/// <param name="Values">The computed values, each with its name, quantity and unit.</param>
/// <param name="Assumptions">Every input and rule the simulation used, one line each.</param>
public sealed record ClaimEvidence(IReadOnlyList<EvidenceValue> Values, IReadOnlyList<string> Assumptions)
{
    /// <summary>The value called <paramref name="name"/>.</summary>
    /// <exception cref="HardwareDataException">The simulation gave no such value (the message lists those it gave).</exception>
    public EvidenceValue Get(string name) =>
        Values.FirstOrDefault(v => v.Name == name)
        ?? throw new HardwareDataException($"the simulation gives no value '{name}' (it gives {string.Join(", ", Values.Select(v => v.Name))})");
}
