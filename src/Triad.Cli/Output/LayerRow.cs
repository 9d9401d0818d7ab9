using System.Globalization;
using Triad.Learning.Layers;
using Triad.Learning.Models;
using Triad.Numerics.Tensors;

namespace Triad.Cli.Output;

/// <summary>One layer of a model as <c>triad info</c> shows it.</summary>
/// <param name="Index">1-based position in the model.</param>
/// <param name="Type">Layer type as written in specs, e.g. "dense".</param>
/// <param name="Settings">The layer's spec settings, e.g. "units=128", or empty.</param>
/// <param name="OutputShape">Shape of one output sample.</param>
/// <param name="Parameters">Number of trainable scalars.</param>
/// <param name="MultiplyAccumulates">Multiply–accumulate operations per sample in the forward pass.</param>
internal sealed record LayerRow(int Index, string Type, string Settings, int[] OutputShape, long Parameters, long MultiplyAccumulates)
{
    /// <summary>The output shape written as "[a, b]".</summary>
    public string OutputShapeText => Tensor<double>.ShapeToString(OutputShape);

    /// <summary>One row per layer of <paramref name="model"/>.</summary>
    public static IReadOnlyList<LayerRow> Describe(Sequential model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = new List<LayerRow>(model.Layers.Count);
        for (int i = 0; i < model.Layers.Count; i++)
        {
            Layer layer = model.Layers[i];
            string settings = string.Join(", ", layer.ToSpec().Settings.Select(kv => $"{kv.Key}={kv.Value.ToString(CultureInfo.InvariantCulture)}"));
            long parameters = layer.Parameters.Sum(p => (long)p.Value.Length);
            rows.Add(new LayerRow(i + 1, layer.Kind, settings, layer.OutputShape, parameters, layer.MultiplyAccumulatesPerSample));
        }
        return rows;
    }
}
