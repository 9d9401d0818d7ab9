using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Random;

namespace Triad.Learning.Modules;

/// <summary>
/// Prepends a learned class token to a token sequence: [T, D] → [T + 1, D] (BERT's [CLS], ViT's class token). The
/// token starts at N(0, 0.02²).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ClassToken<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the module for [T, D] inputs.</summary>
    public ClassToken(int[] inputShape, SeededRandom random) : base("class-token", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        Token = AddParameter("token", Init.Gaussian<T>(random, 0.0, 0.02, 1, inputShape[1]));
        OutputShape = [inputShape[0] + 1, inputShape[1]];
    }

    /// <summary>The token [1, D].</summary>
    public Parameter<T> Token { get; }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input)
    {
        Variable<T> tokens = Ops.Repeat(Tape<T>.Of(input), Token, input.Dim(0));
        return Ops.Concat([tokens, input], 1);
    }
}

/// <summary>Spec kind "class-token".</summary>
internal sealed class ClassTokenFactory : IModuleFactory
{
    public string Kind => "class-token";

    public string Summary => "prepends a learned token to [tokens, dim]";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        context.Settings.RejectUnknown();
        return new ClassToken<T>(context.InputOfRank(2, "[tokens, dim]"), context.Random);
    }
}
