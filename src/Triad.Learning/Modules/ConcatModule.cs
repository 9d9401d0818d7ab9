using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Modules;

/// <summary>Joins two or more inputs along a sample axis (axis 0 is the first axis after the batch).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ConcatModule<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the join along sample axis <paramref name="axis"/>.</summary>
    public ConcatModule(int[][] inputShapes, int axis) : base("concat", inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        Axis = axis;
        int[] shape = (int[])inputShapes[0].Clone();
        shape[axis] = checked((int)inputShapes.Sum(s => (long)s[axis]));
        OutputShape = shape;
    }

    /// <summary>The sample axis joined along.</summary>
    public int Axis { get; }

    /// <inheritdoc />
    public override int InputCount => InputShapes.Count;

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(IReadOnlyList<Variable<T>> inputs) => Ops.Concat(inputs, Axis + 1);
}
