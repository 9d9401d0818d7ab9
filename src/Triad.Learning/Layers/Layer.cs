using Triad.Numerics.Tensors;

namespace Triad.Learning.Layers;

/// <summary>
/// A layer with an explicit forward pass and its backward pass. Tensors carry the batch on axis 0;
/// shapes below are of one sample (without the batch axis).
/// <para>
/// Contract: <see cref="Forward"/> keeps what <see cref="Backward"/> needs; <see cref="Backward"/> takes
/// ∂L/∂output of the last forward, adds ∂L/∂θ to each parameter's gradient, and returns ∂L/∂input.
/// </para>
/// </summary>
public abstract class Layer
{
    /// <summary>The layer's kind as written in model specs, e.g. "dense".</summary>
    public abstract string Kind { get; }

    /// <summary>Trainable parameters (empty for parameter-free layers).</summary>
    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>Shape of one input sample this layer was built for.</summary>
    public int[] InputShape { get; protected init; } = [];

    /// <summary>Shape of one output sample.</summary>
    public int[] OutputShape { get; protected init; } = [];

    /// <summary>Multiply–accumulate operations per sample in the forward pass (for cost estimates).</summary>
    public virtual long MultiplyAccumulatesPerSample => 0;

    /// <summary>Computes the output for a batch.</summary>
    public abstract Tensor<double> Forward(Tensor<double> input, LayerContext context);

    /// <summary>Back-propagates ∂L/∂output of the last forward pass; returns ∂L/∂input.</summary>
    public abstract Tensor<double> Backward(Tensor<double> outputGradient);

    /// <summary>
    /// Like <see cref="Backward"/> but only accumulates the parameter gradients, for the first layer of a
    /// model, whose input gradient nobody needs. Layers whose input gradient is costly override it.
    /// </summary>
    public virtual void BackwardParametersOnly(Tensor<double> outputGradient) => Backward(outputGradient);

    /// <summary>The layer's settings as written in a model spec.</summary>
    public abstract LayerSpec ToSpec();

    /// <summary>Checks that a batch has this layer's sample shape; names the layer and both shapes if not.</summary>
    protected void CheckInput(Tensor<double> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ReadOnlySpan<int> shape = input.Shape;
        if (shape.Length != InputShape.Length + 1 || !shape[1..].SequenceEqual(InputShape))
        {
            throw new ShapeMismatchException(
                $"{Kind} layer expects input [batch, {string.Join(", ", InputShape)}], got {input.ShapeString}");
        }
    }

    /// <summary>Batch shape for this layer's output: [batch, ...OutputShape].</summary>
    protected int[] BatchOutputShape(int batch) => [batch, .. OutputShape];

    /// <summary>Throws unless a forward pass ran first and the gradient fits its output.</summary>
    protected void CheckGradient(Tensor<double>? lastInput, Tensor<double> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (lastInput is null)
        {
            throw new InvalidOperationException($"{Kind} layer: Backward called before Forward");
        }
        int[] expected = BatchOutputShape(lastInput.Dim(0));
        if (!outputGradient.HasShape(expected))
        {
            throw new ShapeMismatchException(
                $"{Kind} layer: output gradient has shape {outputGradient.ShapeString}, expected {Tensor<double>.ShapeToString(expected)}");
        }
    }
}
