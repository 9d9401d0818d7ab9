using Triad.Learning.Autograd;

namespace Triad.Learning.Models;

/// <summary>One node of a built model.</summary>
/// <param name="Name">Node name ("0", "1", … for the layers form).</param>
/// <param name="Type">Module kind.</param>
/// <param name="Inputs">Input node names ("input" for the model's input).</param>
/// <param name="OutputShape">Shape of one output sample.</param>
/// <param name="Parameters">Scalar parameters the node owns (0 for a node that shares another's module).</param>
/// <param name="Shares">The node whose module it reuses, or null.</param>
public sealed record NodeSummary(string Name, string Type, IReadOnlyList<string> Inputs, int[] OutputShape, long Parameters, string? Shares);
