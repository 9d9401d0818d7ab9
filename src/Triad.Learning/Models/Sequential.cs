using Triad.Learning.Layers;
using Triad.Learning.Losses;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Models;

/// <summary>
/// Layers applied in order, with a loss. Parameters are named "{layer index}.{name}", e.g. "0.weight".
/// </summary>
public sealed class Sequential
{
    private readonly Layer[] _layers;
    private readonly Parameter[] _parameters;
    private readonly string[] _parameterNames;

    private Sequential(ModelSpec spec, Layer[] layers)
    {
        Spec = spec;
        _layers = layers;
        var parameters = new List<Parameter>();
        var names = new List<string>();
        for (int i = 0; i < layers.Length; i++)
        {
            foreach (Parameter p in layers[i].Parameters)
            {
                parameters.Add(p);
                names.Add($"{i}.{p.Name}");
            }
        }
        _parameters = [.. parameters];
        _parameterNames = [.. names];
        Loss = Losses.Loss.Create(spec.Loss);
    }

    /// <summary>The spec the model was built from.</summary>
    public ModelSpec Spec { get; }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>All trainable parameters, layer by layer.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Model-unique names of <see cref="Parameters"/>, e.g. "0.weight".</summary>
    public IReadOnlyList<string> ParameterNames => _parameterNames;

    /// <summary>The loss the model is trained with.</summary>
    public Loss Loss { get; }

    /// <summary>Shape of one input sample.</summary>
    public int[] InputShape => Spec.InputShape;

    /// <summary>Shape of one output sample.</summary>
    public int[] OutputShape => _layers[^1].OutputShape;

    /// <summary>Number of scalar parameters.</summary>
    public long ParameterCount => _parameters.Sum(p => (long)p.Value.Length);

    /// <summary>
    /// Builds the model, checking that each layer fits the previous one's output, and initialises the
    /// weights from <paramref name="seed"/> (layer i draws from stream i, so adding a layer at the end
    /// leaves the earlier layers' initial weights unchanged).
    /// </summary>
    /// <exception cref="ModelSpecException">A layer is unknown, mis-set, or does not fit its input.</exception>
    public static Sequential Build(ModelSpec spec, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Layers.Count == 0)
        {
            throw new ModelSpecException($"model '{spec.Name}' has no layers");
        }
        var init = new SeededRandom(seed).Fork(0);
        var layers = new Layer[spec.Layers.Count];
        int[] shape = spec.InputShape;
        for (int i = 0; i < layers.Length; i++)
        {
            layers[i] = LayerFactory.Create(spec.Layers[i], shape, init.Fork((ulong)i), $"{spec.Source} layer {i + 1}");
            shape = layers[i].OutputShape;
        }
        return new Sequential(spec, layers);
    }

    /// <summary>
    /// Forward pass over a batch [B, ...InputShape]. While training, layer i draws its random numbers
    /// from <paramref name="batchRandom"/>.Fork(i).
    /// </summary>
    public Tensor<double> Forward(Tensor<double> input, bool training, SeededRandom? batchRandom = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (training && batchRandom is null)
        {
            throw new ArgumentNullException(nameof(batchRandom), "training needs a random stream for the batch");
        }
        Tensor<double> x = input;
        for (int i = 0; i < _layers.Length; i++)
        {
            var context = training ? new LayerContext(true, batchRandom!.Fork((ulong)i)) : LayerContext.Inference;
            x = _layers[i].Forward(x, context);
        }
        return x;
    }

    /// <summary>Back-propagates ∂L/∂output through every layer, accumulating parameter gradients.</summary>
    public Tensor<double> Backward(Tensor<double> outputGradient)
    {
        Tensor<double> g = outputGradient;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            g = _layers[i].Backward(g);
        }
        return g;
    }

    /// <summary>
    /// Back-propagates ∂L/∂output, accumulating parameter gradients, without computing ∂L/∂input or any
    /// gradient below the first layer with parameters (what training needs; saves that layer's costliest product).
    /// </summary>
    public void BackwardParametersOnly(Tensor<double> outputGradient)
    {
        // Below the first layer with parameters no gradient is needed at all.
        int first = Array.FindIndex(_layers, l => l.Parameters.Count > 0);
        if (first < 0)
        {
            return;
        }
        Tensor<double> g = outputGradient;
        for (int i = _layers.Length - 1; i > first; i--)
        {
            g = _layers[i].Backward(g);
        }
        _layers[first].BackwardParametersOnly(g);
    }

    /// <summary>Sets every parameter gradient to zero.</summary>
    public void ZeroGradients()
    {
        foreach (Parameter p in _parameters)
        {
            p.Gradient.Clear();
        }
    }

    /// <summary>Outputs for a whole data tensor, computed in batches of <paramref name="batchSize"/> without dropout.</summary>
    public Tensor<double> Predict(Tensor<double> inputs, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        int n = inputs.Dim(0);
        int outLength = OutputShape.Aggregate(1, (a, b) => a * b);
        var result = new Tensor<double>([n, .. OutputShape]);
        for (int start = 0; start < n; start += batchSize)
        {
            int count = Math.Min(batchSize, n - start);
            Tensor<double> y = Forward(inputs.SliceRows(start, count), training: false);
            y.ReadOnlySpan.CopyTo(result.Span.Slice(start * outLength, count * outLength));
        }
        return result;
    }

    /// <summary>Copies all parameter values (for keeping the best weights).</summary>
    public Tensor<double>[] SnapshotWeights() => _parameters.Select(p => p.Value.Clone()).ToArray();

    /// <summary>Restores values taken by <see cref="SnapshotWeights"/> or read from a file.</summary>
    public void RestoreWeights(IReadOnlyList<Tensor<double>> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count != _parameters.Length)
        {
            throw new ShapeMismatchException($"{weights.Count} weight tensors given for {_parameters.Length} parameters");
        }
        for (int i = 0; i < weights.Count; i++)
        {
            _parameters[i].Value.EnsureSameShape(weights[i], $"weights for '{_parameterNames[i]}'");
            weights[i].CopyTo(_parameters[i].Value);
        }
    }
}
