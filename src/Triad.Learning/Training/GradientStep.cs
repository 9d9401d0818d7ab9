using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Random;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Triad.Learning.Training;

/// <summary>What a gradient transform sees: the parameters with their gradients, where the run is, and its own random stream.</summary>
/// <param name="Parameters">Every parameter by dotted name; <see cref="Parameter{T}.Gradient"/> holds ∂L/∂θ of this step.</param>
/// <param name="Step">Optimiser steps taken before this one (0 for the first).</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Random">A stream for this transform and this step alone: root.Fork(5).Fork(step).Fork(transform index).</param>
public sealed record GradientStep<T>(IReadOnlyList<KeyValuePair<string, Parameter<T>>> Parameters, long Step, int Epoch, SeededRandom Random)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The global L2 norm of all gradients, √(Σ g²), summed in double in parameter order.</summary>
    public double GlobalNorm()
    {
        double sum = 0;
        foreach (var (_, p) in Parameters)
        {
            sum += double.CreateTruncating(TP.SumOfSquares<T>(p.Gradient.Span));
        }
        return Math.Sqrt(sum);
    }
}
