using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Modules;

/// <summary>Element-wise sum of two or more inputs of one shape (a residual connection in a graph).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class AddModule<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the join for inputs of one sample shape.</summary>
    public AddModule(int[][] inputShapes) : base("add", inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        OutputShape = (int[])inputShapes[0].Clone();
    }

    /// <inheritdoc />
    public override int InputCount => InputShapes.Count;

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(IReadOnlyList<Variable<T>> inputs)
    {
        Variable<T> sum = Ops.Add(inputs[0], inputs[1]);
        for (int i = 2; i < inputs.Count; i++)
        {
            sum = Ops.Add(sum, inputs[i]);
        }
        return sum;
    }
}

/// <summary>Spec kind "add": two or more inputs of one shape.</summary>
internal sealed class AddFactory : IModuleFactory
{
    public string Kind => "add";

    public string Summary => "sum of two or more inputs of one shape (graph join)";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        context.Settings.RejectUnknown();
        IReadOnlyList<int[]> shapes = context.InputShapes;
        if (shapes.Count < 2)
        {
            throw context.Settings.Error($"needs two or more inputs, got {shapes.Count}");
        }
        foreach (int[] s in shapes)
        {
            if (!s.AsSpan().SequenceEqual(shapes[0]))
            {
                throw context.Settings.Error($"inputs do not meet: {string.Join(" and ", shapes.Select(x => Tensor<double>.ShapeToString(x)))} (all must have one shape)");
            }
        }
        return new AddModule<T>([.. shapes]);
    }
}

/// <summary>Spec kind "concat": axis = 0 (a sample axis).</summary>
internal sealed class ConcatFactory : IModuleFactory
{
    public string Kind => "concat";

    public string Summary => "joins two or more inputs along a sample axis; axis = 0";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        IReadOnlyList<int[]> shapes = context.InputShapes;
        int rank = shapes.Count == 0 ? 0 : shapes[0].Length;
        int axis = context.Settings.IntOr("axis", 0, -rank);
        context.Settings.RejectUnknown("axis");
        if (shapes.Count < 2)
        {
            throw context.Settings.Error($"needs two or more inputs, got {shapes.Count}");
        }
        if (axis < 0)
        {
            axis += rank;
        }
        if (axis >= rank)
        {
            throw context.Settings.Error($"axis {axis} is outside samples of rank {rank}");
        }
        foreach (int[] s in shapes)
        {
            bool fits = s.Length == rank;
            for (int d = 0; fits && d < rank; d++)
            {
                fits = d == axis || s[d] == shapes[0][d];
            }
            if (!fits)
            {
                throw context.Settings.Error($"inputs do not meet along axis {axis}: {string.Join(" and ", shapes.Select(x => Tensor<double>.ShapeToString(x)))}");
            }
        }
        long joined = shapes.Sum(s => (long)s[axis]);
        int[] output = (int[])shapes[0].Clone();
        output[axis] = (int)Math.Min(joined, int.MaxValue);
        if (joined > int.MaxValue)
        {
            throw context.Settings.Error($"would join {joined} values along axis {axis}, more than one axis holds");
        }
        Shapes.CheckSize(context.Settings, output);
        return new ConcatModule<T>([.. shapes], axis);
    }
}
