using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Random;

namespace Triad.Learning.Modules;

/// <summary>Adds learned positions [T, D] to a token sequence (ViT); they start at N(0, 0.02²).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class PositionEmbedding<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the module for [T, D] inputs.</summary>
    public PositionEmbedding(int[] inputShape, SeededRandom random) : base("position-embedding", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        Positions = AddParameter("positions", Init.Gaussian<T>(random, 0.0, 0.02, inputShape[0], inputShape[1]));
        OutputShape = (int[])inputShape.Clone();
    }

    /// <summary>The positions [T, D].</summary>
    public Parameter<T> Positions { get; }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input) => Ops.Add(input, Positions);
}

/// <summary>Spec kind "position-embedding".</summary>
internal sealed class PositionEmbeddingFactory : IModuleFactory
{
    public string Kind => "position-embedding";

    public string Summary => "adds learned positions to [tokens, dim]";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        context.Settings.RejectUnknown();
        return new PositionEmbedding<T>(context.InputOfRank(2, "[tokens, dim]"), context.Random);
    }
}
