using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Random;

namespace Triad.Learning.Modules;

/// <summary>
/// Multi-head self-attention over token sequences [T, D] (Vaswani et al., 2017): one projection to queries, keys and
/// values of every head ("qkv", D → 3D), attention per head (see <see cref="Ops.MultiHeadAttention{T}"/>), and an
/// output projection ("output", D → D). Projections start Xavier-normal.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class MultiHeadAttention<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dense<T> _qkv;
    private readonly Dense<T> _output;

    /// <summary>Creates the layer for [T, D] inputs with <paramref name="heads"/> heads (which must divide D).</summary>
    public MultiHeadAttention(int[] inputShape, int heads, SeededRandom random, bool causal = false) : base("multi-head-attention", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(random);
        if (inputShape.Length != 2 || heads < 1 || inputShape[1] % heads != 0)
        {
            throw new ArgumentException($"multi-head attention needs [tokens, dim] input with dim divisible by {heads} heads, got [{string.Join(", ", inputShape)}]");
        }
        Heads = heads;
        Causal = causal;
        int d = inputShape[1];
        _qkv = AddModule("qkv", new Dense<T>(inputShape, 3 * d, random.Fork(0), init: "xavier"));
        _output = AddModule("output", new Dense<T>(inputShape, d, random.Fork(1), init: "xavier"));
        OutputShape = (int[])inputShape.Clone();
    }

    /// <summary>Number of heads.</summary>
    public int Heads { get; }

    /// <summary>Whether token i attends to tokens j ≤ i only.</summary>
    public bool Causal { get; }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input) =>
        _output.Forward(Ops.MultiHeadAttention(_qkv.Forward(input), Heads, Causal));
}

/// <summary>Spec kind "multi-head-attention": heads, causal = false.</summary>
internal sealed class MultiHeadAttentionFactory : IModuleFactory
{
    public string Kind => "multi-head-attention";

    public string Summary => "multi-head self-attention over [tokens, dim]; heads, causal = false";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ModuleSettings s = context.Settings;
        int heads = s.PositiveInt("heads");
        bool causal = s.BoolOr("causal", false);
        s.RejectUnknown("heads", "causal");
        int[] input = context.InputOfRank(2, "[tokens, dim]");
        if (input[1] % heads != 0)
        {
            throw s.Error($"{heads} heads do not divide the dimension {input[1]}");
        }
        return new MultiHeadAttention<T>(input, heads, context.Random, causal);
    }
}
