using System.Numerics;

namespace Triad.Learning.Layers;

/// <summary>Rectified linear unit: y = max(0, x), f′(x) = 1 for x &gt; 0, else 0.</summary>
public sealed class ReLU : Activation
{
    /// <summary>Creates the layer for samples of the given shape.</summary>
    public ReLU(int[] inputShape) : base(inputShape)
    {
    }

    /// <inheritdoc />
    public override string Kind => "relu";

    /// <inheritdoc />
    protected override void Apply(ReadOnlySpan<double> x, Span<double> destination) =>
        System.Numerics.Tensors.TensorPrimitives.Max(x, 0.0, destination);

    /// <inheritdoc />
    protected override void ApplyDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> destination)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // dy where x > 0, else 0: a compare mask and a select, no branch per element.
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var xv = new Vector<double>(x[i..]);
                Vector.ConditionalSelect(Vector.GreaterThan(xv, Vector<double>.Zero), new Vector<double>(dy[i..]), Vector<double>.Zero)
                    .CopyTo(destination[i..]);
            }
        }
        for (; i < x.Length; i++)
        {
            destination[i] = x[i] > 0.0 ? dy[i] : 0.0;
        }
    }
}
