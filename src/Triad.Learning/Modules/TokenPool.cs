using System.Numerics;
using Triad.Learning.Autograd;

namespace Triad.Learning.Modules;

/// <summary>Reduces a token sequence [T, D] to one vector [D]: the first (class) token, or the mean of all tokens.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class TokenPool<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the pool; <paramref name="mode"/> is "class" or "mean".</summary>
    public TokenPool(int[] inputShape, string mode) : base("token-pool", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (mode is not ("class" or "mean"))
        {
            throw new ArgumentException($"token-pool mode '{mode}' must be class or mean", nameof(mode));
        }
        Mode = mode;
        OutputShape = [inputShape[1]];
    }

    /// <summary>"class" or "mean".</summary>
    public string Mode { get; }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input) => Mode == "mean"
        ? Ops.Mean(input, [1])
        : Ops.Reshape(Ops.Slice(input, 1, 0, 1), input.Dim(0), input.Dim(2));
}

/// <summary>Spec kind "token-pool": mode = class | mean.</summary>
internal sealed class TokenPoolFactory : IModuleFactory
{
    public string Kind => "token-pool";

    public string Summary => "[tokens, dim] → [dim]; mode = class|mean";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string mode = context.Settings.ChoiceOr("mode", "class", "class", "mean");
        context.Settings.RejectUnknown("mode");
        return new TokenPool<T>(context.InputOfRank(2, "[tokens, dim]"), mode);
    }
}
