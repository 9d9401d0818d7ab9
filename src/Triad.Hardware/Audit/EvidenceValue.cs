namespace Triad.Hardware.Audit;

/// <summary>One value a simulation computed for a claim.</summary>
/// <param name="Name">Key the claim's rows refer to, e.g. "pointsLostPerKelvin".</param>
/// <param name="Quantity">What it is, in words, for the audit table.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Value">The number.</param>
public sealed record EvidenceValue(string Name, string Quantity, string Unit, double Value);
