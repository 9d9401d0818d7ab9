using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Triad.Learning.Models;
using Triad.Numerics.Tensors;
using Triad.Photonics.Meshes;

namespace Triad.Learning.Modules.Photonic;

/// <summary>
/// One dense layer of a model mapped onto hardware: the node's name, its weight as an m×n matrix (y = W·x), the
/// <see cref="PhotonicMatrix"/> that realises it and the reconstruction error ‖W − W_hw‖_F of the ideal meshes.
/// </summary>
/// <param name="Node">The model node the dense layer sits in.</param>
/// <param name="Matrix">The two meshes, attenuators and scale.</param>
/// <param name="ReconstructionError">‖W − s·U·Σ′·V†‖_F (Frobenius, complex) of the ideal meshes (defects left out).</param>
/// <param name="WeightNorm">‖W‖_F, to set the error against.</param>
public sealed record MappedLayer(string Node, PhotonicMatrix Matrix, double ReconstructionError, double WeightNorm)
{
    /// <summary>n, inputs of the layer.</summary>
    public int Inputs => Matrix.Columns;

    /// <summary>m, outputs of the layer.</summary>
    public int Outputs => Matrix.Rows;

    /// <summary>N = max(n, m), modes of each mesh.</summary>
    public int Modes => Matrix.Modes;

    /// <summary>MZIs of both meshes, 2·N(N − 1)/2.</summary>
    public int Mzis => Matrix.InputMesh.Layout.Count + Matrix.OutputMesh.Layout.Count;
}

/// <summary>
/// Weights trained electronically, then mapped (Shen et al., Nat. Photonics 11, 441 (2017)): every dense node of a
/// trained model becomes a <see cref="PhotonicDense{T}"/> programmed from the SVD of its weight by
/// <see cref="PhotonicMatrix.Map"/> (y = x·W + b with W [n, m] is the m×n matrix Wᵀ acting on x); every other node
/// (activations, convolutions, ...) stays electronic. With ideal meshes the photonic model computes what the
/// electronic one does, to rounding (coherent detection reads Re(W·x) = W·x for real x and real W); with
/// <see cref="PhotonicChip.SetDefects{T}"/> it computes what a chip with those defects would.
/// </summary>
public static class PhotonicMapping
{
    /// <summary>The dense nodes of <paramref name="model"/> that own their layer (not shared), in spec order.</summary>
    public static IReadOnlyList<(string Node, Dense<T> Layer)> DenseLayers<T>(Model<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = new List<(string, Dense<T>)>();
        for (int i = 0; i < model.Spec.Nodes.Count; i++)
        {
            if (model.Spec.Nodes[i].Shares is null && model.NodeModules[i] is Dense<T> dense)
            {
                result.Add((model.Spec.Nodes[i].Name, dense));
            }
        }
        return result;
    }

    /// <summary>
    /// The m×n matrix W of <paramref name="dense"/> (row-major, y = W·x) mapped to meshes of <paramref name="kind"/>
    /// with optional <paramref name="defects"/> (see <see cref="PhotonicMatrix.Map"/>).
    /// </summary>
    public static MappedLayer Map<T>(string node, Dense<T> dense, MeshKind kind, MeshDefects? defects = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dense);
        Complex[] w = Matrix(dense, out int rows, out int columns);
        PhotonicMatrix matrix = PhotonicMatrix.Map(w, rows, columns, kind, defects);
        Complex[] ideal = (defects is null || !defects.Any) ? matrix.Matrix() : PhotonicMatrix.Map(w, rows, columns, kind).Matrix();
        double error = 0, norm = 0;
        for (int i = 0; i < w.Length; i++)
        {
            Complex d = w[i] - ideal[i];
            error += (d.Real * d.Real) + (d.Imaginary * d.Imaginary);
            norm += w[i].Real * w[i].Real;
        }
        return new MappedLayer(node, matrix, Math.Sqrt(error), Math.Sqrt(norm));
    }

    /// <summary>Maps every dense node of <paramref name="model"/> (see <see cref="DenseLayers{T}"/>).</summary>
    public static IReadOnlyList<MappedLayer> MapAll<T>(Model<T> model, MeshKind kind, MeshDefects? defects = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. DenseLayers(model).Select(d => Map(d.Node, d.Layer, kind, defects))];

    /// <summary>
    /// The spec of the photonic twin: every dense node of <paramref name="spec"/> becomes a photonic-dense node of the
    /// same name, inputs, units and bias, on meshes of <paramref name="kind"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The spec has no dense node.</exception>
    public static ModelSpec PhotonicSpec(ModelSpec spec, MeshKind kind)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.Nodes.Any(n => n.Type == "dense"))
        {
            throw new ArgumentException($"model '{spec.Name}' has no dense layer to map");
        }
        NodeSpec[] nodes = [.. spec.Nodes.Select(n =>
        {
            if (n.Type != "dense")
            {
                return n;
            }
            var settings = new JsonObject
            {
                ["units"] = n.Settings["units"]?.DeepClone(),
                ["mesh"] = kind == MeshKind.Reck ? "reck" : "clements",
            };
            if (n.Settings["bias"] is { } bias)
            {
                settings["bias"] = bias.DeepClone();
            }
            return n with { Type = "photonic-dense", Settings = settings };
        })];
        return new ModelSpec(spec.Name, spec.InputShape, nodes, spec.Output, spec.Loss, spec.Source, spec.IsSequential, anyName: true);
    }

    /// <summary>
    /// The photonic twin of a trained <paramref name="electronic"/> model: built from <see cref="PhotonicSpec"/>, every
    /// parameter of a node that is not dense copied by name, every dense node programmed from its mapping (returned in
    /// <paramref name="layers"/>, in spec order). Ideal meshes; put defects on with <see cref="PhotonicChip.SetDefects{T}"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The model has no dense layer.</exception>
    /// <exception cref="ModelSpecException">A dense layer does not take samples [features] (e.g. on token sequences).</exception>
    public static Model<T> ToPhotonic<T>(Model<T> electronic, MeshKind kind, out IReadOnlyList<MappedLayer> layers) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(electronic);
        Model<T> photonic = Model<T>.Build(PhotonicSpec(electronic.Spec, kind), 0);
        var source = electronic.NamedParameters().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (name, parameter) in photonic.NamedParameters())
        {
            if (source.TryGetValue(name, out var value) && value.Value.Shape.SequenceEqual(parameter.Value.Shape))
            {
                value.Value.CopyTo(parameter.Value);
            }
        }
        var mapped = new List<MappedLayer>();
        foreach (var (node, dense) in DenseLayers(electronic))
        {
            MappedLayer layer = Map(node, dense, kind);
            int index = IndexOf(photonic.Spec, node);
            var target = (PhotonicDense<T>)photonic.NodeModules[index];
            double[] bias = dense.Bias is { } b ? [.. ToDouble(b.Value)] : [];
            target.Program(layer.Matrix, bias);
            mapped.Add(layer);
        }
        layers = mapped;
        return photonic;
    }

    /// <summary>The m×n matrix W, row-major, of a dense layer whose weight is stored [n, m].</summary>
    public static Complex[] Matrix<T>(Dense<T> dense, out int rows, out int columns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dense);
        Tensor<T> weight = dense.Weight.Value;
        columns = weight.Dim(0);
        rows = weight.Dim(1);
        var w = new Complex[rows * columns];
        ReadOnlySpan<T> s = weight.Span;
        for (int j = 0; j < columns; j++)
        {
            for (int i = 0; i < rows; i++)
            {
                w[(i * columns) + j] = double.CreateTruncating(s[(j * rows) + i]);
            }
        }
        return w;
    }

    private static int IndexOf(ModelSpec spec, string node)
    {
        for (int i = 0; i < spec.Nodes.Count; i++)
        {
            if (spec.Nodes[i].Name == node)
            {
                return i;
            }
        }
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"no node '{node}'"));
    }

    private static double[] ToDouble<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> s = t.Span;
        double[] d = new double[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            d[i] = double.CreateTruncating(s[i]);
        }
        return d;
    }
}
