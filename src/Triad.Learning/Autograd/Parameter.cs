using System.Numerics;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Autograd;

/// <summary>
/// A trainable leaf: a real tensor owned by a module, with a gradient buffer of the same shape that backward
/// passes add to (every call of the module in a step adds its share) and the trainer clears before each step.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Parameter<T> : Variable<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a parameter holding <paramref name="value"/> (not copied), with a zero gradient.</summary>
    public Parameter(Tensor<T> value) : base(value, isComplex: false, requiresGrad: true, tape: null, generation: 0)
    {
        Grad = new Tensor<T>(value.Shape.ToArray());
    }

    /// <summary>
    /// Whether the trainer's optimiser updates it (default true). A value that is programmed rather than learned (a
    /// photonic layer's attenuator transmissions and electronic gain) is false: no gradient, no weight decay and no
    /// injected gradient noise can then move it. It is still saved and loaded with the rest.
    /// </summary>
    public bool Trainable { get; set; } = true;

    /// <summary>The accumulated gradient, never null.</summary>
    public Tensor<T> Gradient => Grad!;

    /// <summary>Sets the gradient to zero.</summary>
    public void ZeroGrad() => Grad!.Clear();
}
