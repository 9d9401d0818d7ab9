namespace Triad.Learning.Layers;

/// <summary>Hyperbolic tangent: y = tanh x, f′(x) = 1 − y².</summary>
public sealed class Tanh : Activation
{
    /// <summary>Creates the layer for samples of the given shape.</summary>
    public Tanh(int[] inputShape) : base(inputShape)
    {
    }

    /// <inheritdoc />
    public override string Kind => "tanh";

    /// <inheritdoc />
    protected override void Apply(ReadOnlySpan<double> x, Span<double> destination) =>
        System.Numerics.Tensors.TensorPrimitives.Tanh(x, destination);

    /// <inheritdoc />
    protected override void ApplyDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = (1.0 - (y[i] * y[i])) * dy[i];
        }
    }
}
