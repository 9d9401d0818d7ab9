using Triad.Learning.Autograd;

namespace Triad.Learning.Models;

/// <summary>What the command line and the file format need of a model, whatever its element type.</summary>
public interface IModel
{
    /// <summary>The spec the model was built from.</summary>
    ModelSpec Spec { get; }

    /// <summary>"float32" or "float64".</summary>
    string Precision { get; }

    /// <summary>Number of scalar parameters.</summary>
    long ParameterCount { get; }

    /// <summary>Shape of one input sample.</summary>
    int[] InputShape { get; }

    /// <summary>Shape of one output sample.</summary>
    int[] OutputShape { get; }

    /// <summary>Every parameter's dotted name and shape, in order.</summary>
    IReadOnlyList<KeyValuePair<string, int[]>> ParameterShapes { get; }

    /// <summary>Each node in graph order: name, type, inputs, output shape and parameter count.</summary>
    IReadOnlyList<NodeSummary> Nodes { get; }

    /// <summary>
    /// The operations one forward pass of a batch of <paramref name="batch"/> runs (on zero inputs, in evaluation
    /// mode): the op graph, with shapes, FLOPs and bytes, that the hardware planner reads.
    /// </summary>
    IReadOnlyList<OpRecord> Trace(int batch = 1);
}
