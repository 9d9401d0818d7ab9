using System.Text.Json.Nodes;

namespace Triad.Learning.Models;

/// <summary>
/// One node of a model graph: a module of <see cref="Type"/> with its <see cref="Settings"/>, applied to the outputs
/// of <see cref="Inputs"/> (node names, or "input" for the model's input). A node that <see cref="Shares"/> another
/// applies that node's module, parameters included, again (weight tying: one module called twice).
/// </summary>
/// <param name="Name">Unique name; parameters are named "{Name}.{path in the module}".</param>
/// <param name="Type">Module kind, lower case.</param>
/// <param name="Inputs">Names of the nodes (or "input") whose outputs it takes, in order.</param>
/// <param name="Settings">The module's settings (every field but type, name, inputs and shares).</param>
/// <param name="Shares">Name of the node whose module this node reuses, or null.</param>
public sealed record NodeSpec(string Name, string Type, IReadOnlyList<string> Inputs, JsonObject Settings, string? Shares = null);
