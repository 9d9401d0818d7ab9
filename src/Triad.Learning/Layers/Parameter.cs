using Triad.Numerics.Tensors;

namespace Triad.Learning.Layers;

/// <summary>A trainable tensor and the gradient of the loss with respect to it (same shape).</summary>
public sealed class Parameter
{
    /// <summary>Creates a parameter with a zero gradient.</summary>
    public Parameter(string name, Tensor<double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
        Gradient = new Tensor<double>(value.Shape.ToArray());
    }

    /// <summary>Name, unique within its model once prefixed by the layer (e.g. "0.weight").</summary>
    public string Name { get; }

    /// <summary>Current value.</summary>
    public Tensor<double> Value { get; }

    /// <summary>Accumulated ∂loss/∂value; layers add to it in Backward, the trainer clears it per step.</summary>
    public Tensor<double> Gradient { get; }
}
