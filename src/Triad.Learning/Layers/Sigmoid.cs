namespace Triad.Learning.Layers;

/// <summary>Logistic sigmoid: y = 1 / (1 + e^−x), f′(x) = y(1 − y).</summary>
public sealed class Sigmoid : Activation
{
    /// <summary>Creates the layer for samples of the given shape.</summary>
    public Sigmoid(int[] inputShape) : base(inputShape)
    {
    }

    /// <inheritdoc />
    public override string Kind => "sigmoid";

    /// <inheritdoc />
    protected override void Apply(ReadOnlySpan<double> x, Span<double> destination) =>
        System.Numerics.Tensors.TensorPrimitives.Sigmoid(x, destination);

    /// <inheritdoc />
    protected override void ApplyDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = y[i] * (1.0 - y[i]) * dy[i];
        }
    }
}
