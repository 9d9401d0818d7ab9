using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Losses;

/// <summary>Mean squared error over all elements: L = (1/N) Σ (y − t)², ∂L/∂y = 2(y − t)/N, N = element count.</summary>
public sealed class MeanSquaredError : Loss
{
    /// <inheritdoc />
    public override string Name => "mse";

    /// <inheritdoc />
    public override double Evaluate(Tensor<double> prediction, Tensor<double> target, Tensor<double> gradient)
    {
        CheckShapes(prediction, target, gradient);
        Span<double> g = gradient.Span;
        TensorPrimitives.Subtract(prediction.ReadOnlySpan, target.ReadOnlySpan, g);
        double loss = TensorPrimitives.SumOfSquares<double>(g) / g.Length;
        TensorPrimitives.Multiply(g, 2.0 / g.Length, g);
        return loss;
    }
}
