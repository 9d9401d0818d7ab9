using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Random;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Triad.Learning.Training;

/// <summary>
/// A change to the gradients between the backward pass and the optimiser step: clipping, noise injection,
/// quantisation of gradients as hardware would see them. Transforms run in the order they were added.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public interface IGradientTransform<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Changes the gradients in place.</summary>
    void Apply(GradientStep<T> step);
}
