using System.Text.Json.Nodes;
using Triad.Learning.Autograd;
using Triad.Learning.Models;
using Triad.Numerics.Tensors;

namespace Triad.Cli.Output;

/// <summary>One node of a model as <c>triad info</c> and the train report show it.</summary>
/// <param name="Index">1-based position in graph order.</param>
/// <param name="Name">Node name ("0", "1", … for the layers form).</param>
/// <param name="Type">Module type, e.g. "dense".</param>
/// <param name="Inputs">Input node names ("input" for the model's input).</param>
/// <param name="Settings">The node's spec settings as compact JSON (e.g. "units=128"), or empty.</param>
/// <param name="OutputShape">Shape of one output sample.</param>
/// <param name="Parameters">Scalar parameters the node owns.</param>
/// <param name="Flops">Floating-point operations per sample in the forward pass, from a traced pass.</param>
/// <param name="Shares">The node whose module it reuses, or null.</param>
internal sealed record NodeRow(int Index, string Name, string Type, IReadOnlyList<string> Inputs, string Settings, int[] OutputShape,
    long Parameters, long Flops, string? Shares)
{
    /// <summary>The output shape written as "[a, b]".</summary>
    public string OutputShapeText => Tensor<double>.ShapeToString(OutputShape);

    /// <summary>One row per node of <paramref name="model"/>, in graph order, with FLOPs from one traced sample.</summary>
    public static IReadOnlyList<NodeRow> Describe(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        IReadOnlyList<OpRecord> ops = model.Trace(batch: 1);
        var flops = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (OpRecord op in ops)
        {
            string node = op.Node;
            flops[node] = flops.GetValueOrDefault(node) + op.Flops;
        }
        var settings = model.Spec.Nodes.ToDictionary(n => n.Name, n => n.Settings, StringComparer.Ordinal);
        return model.Nodes.Select((n, i) => new NodeRow(i + 1, n.Name, n.Type, n.Inputs, SettingsText(settings[n.Name]), n.OutputShape, n.Parameters,
            flops.GetValueOrDefault(n.Name), n.Shares)).ToArray();
    }

    private static string SettingsText(JsonObject settings) =>
        string.Join(", ", settings.Select(kv => $"{kv.Key}={(kv.Value is JsonValue v && v.TryGetValue(out string? s) ? s : kv.Value?.ToJsonString() ?? "null")}"));
}
