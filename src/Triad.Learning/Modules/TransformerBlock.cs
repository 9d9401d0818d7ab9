using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Random;

namespace Triad.Learning.Modules;

/// <summary>
/// A pre-norm transformer encoder block over [T, D] (as in ViT, Dosovitskiy et al., ICLR 2021):
/// x ← x + Attention(LayerNorm₁(x)); x ← x + MLP(LayerNorm₂(x)), with optional dropout on each branch.
/// Children: norm1, attention, norm2, mlp.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class TransformerBlock<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly LayerNorm<T> _norm1;
    private readonly MultiHeadAttention<T> _attention;
    private readonly LayerNorm<T> _norm2;
    private readonly Mlp<T> _mlp;
    private readonly Dropout<T>? _dropout;

    /// <summary>Creates the block for [T, D] inputs.</summary>
    public TransformerBlock(int[] inputShape, int heads, int hidden, SeededRandom random, double dropout = 0.0, bool causal = false)
        : base("transformer-block", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(random);
        _norm1 = AddModule("norm1", new LayerNorm<T>(inputShape));
        _attention = AddModule("attention", new MultiHeadAttention<T>(inputShape, heads, random.Fork(0), causal));
        _norm2 = AddModule("norm2", new LayerNorm<T>(inputShape));
        _mlp = AddModule("mlp", new Mlp<T>(inputShape, hidden, random.Fork(1)));
        if (dropout > 0)
        {
            _dropout = AddModule("dropout", new Dropout<T>(inputShape, dropout));
        }
        OutputShape = (int[])inputShape.Clone();
    }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input)
    {
        Variable<T> a = _attention.Forward(_norm1.Forward(input));
        Variable<T> x = Ops.Add(input, _dropout is null ? a : _dropout.Forward(a));
        Variable<T> m = _mlp.Forward(_norm2.Forward(x));
        return Ops.Add(x, _dropout is null ? m : _dropout.Forward(m));
    }
}

/// <summary>Spec kind "transformer-block": heads, hidden = 4·D, dropout = 0, causal = false.</summary>
internal sealed class TransformerBlockFactory : IModuleFactory
{
    public string Kind => "transformer-block";

    public string Summary => "pre-norm encoder block over [tokens, dim]; heads, hidden = 4·dim, dropout = 0, causal = false";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ModuleSettings s = context.Settings;
        int[] input = context.InputOfRank(2, "[tokens, dim]");
        int heads = s.PositiveInt("heads");
        int hidden = s.IntOr("hidden", 4 * input[1], 1);
        double dropout = s.DoubleOr("dropout", 0.0, 0.0, 1.0);
        bool causal = s.BoolOr("causal", false);
        s.RejectUnknown("heads", "hidden", "dropout", "causal");
        if (input[1] % heads != 0)
        {
            throw s.Error($"{heads} heads do not divide the dimension {input[1]}");
        }
        return new TransformerBlock<T>(input, heads, hidden, context.Random, dropout, causal);
    }
}
