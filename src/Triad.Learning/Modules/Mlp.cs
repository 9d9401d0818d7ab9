using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Random;

namespace Triad.Learning.Modules;

/// <summary>The transformer's feed-forward block over the last axis: fc2(GELU(fc1(x))), D → hidden → D.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Mlp<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dense<T> _fc1;
    private readonly Dense<T> _fc2;

    /// <summary>Creates the block with <paramref name="hidden"/> units in the middle.</summary>
    public Mlp(int[] inputShape, int hidden, SeededRandom random) : base("mlp", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(random);
        _fc1 = AddModule("fc1", new Dense<T>(inputShape, hidden, random.Fork(0), init: "xavier"));
        _fc2 = AddModule("fc2", new Dense<T>(_fc1.OutputShape, inputShape[^1], random.Fork(1), init: "xavier"));
        OutputShape = (int[])inputShape.Clone();
    }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input) => _fc2.Forward(Ops.GELU(_fc1.Forward(input)));
}

/// <summary>Spec kind "mlp": hidden.</summary>
internal sealed class MlpFactory : IModuleFactory
{
    public string Kind => "mlp";

    public string Summary => "feed-forward block D → hidden → D with GELU; hidden";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int hidden = context.Settings.PositiveInt("hidden");
        context.Settings.RejectUnknown("hidden");
        int[] input = context.Input;
        if (input.Length == 0)
        {
            throw context.Settings.Error("needs an input with a feature axis");
        }
        return new Mlp<T>(input, hidden, context.Random);
    }
}
