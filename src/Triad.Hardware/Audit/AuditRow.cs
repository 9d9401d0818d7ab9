namespace Triad.Hardware.Audit;

/// <summary>One checked quantity of an article claim: what it says, what Triad computes, their ratio and the verdict.</summary>
/// <param name="ClaimId">"A1" … "A30".</param>
/// <param name="Text">The claim as stated.</param>
/// <param name="Quantity">What is compared, e.g. "wall-clock days"; empty when nothing is computed.</param>
/// <param name="Unit">Unit of the values, or empty.</param>
/// <param name="Claimed">The claim's number, or null.</param>
/// <param name="Computed">Triad's number, or null.</param>
/// <param name="Ratio">Claimed / computed, or null.</param>
/// <param name="Verdict">"consistent", "optimistic by N×", "inconsistent (…)", "unverifiable: why" or "waits for …".</param>
/// <param name="Assumptions">Every input and rule the computation used.</param>
public sealed record AuditRow(string ClaimId, string Text, string Quantity, string Unit, double? Claimed, double? Computed, double? Ratio,
    string Verdict, IReadOnlyList<string> Assumptions);
