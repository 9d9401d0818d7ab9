using System.Numerics;
using Triad.Learning.Autograd;

namespace Triad.Learning.Modules;

/// <summary>Reshapes [B, d1, d2, …] to [B, d1·d2·…]; shares storage.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Flatten<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer for samples of the given shape.</summary>
    public Flatten(int[] inputShape) : base("flatten", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        OutputShape = [inputShape.Aggregate(1, (a, b) => checked(a * b))];
    }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input) => Ops.Reshape(input, input.Dim(0), OutputShape[0]);
}

/// <summary>Spec kind "flatten".</summary>
internal sealed class FlattenFactory : IModuleFactory
{
    public string Kind => "flatten";

    public string Summary => "flattens each sample to one axis";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        context.Settings.RejectUnknown();
        int[] input = context.Input;
        Shapes.CheckSize(context.Settings, input);
        return new Flatten<T>(input);
    }
}
