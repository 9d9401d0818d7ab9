using System.Numerics;
using Triad.Learning.Autograd;

namespace Triad.Learning.Modules;

/// <summary>An element-wise activation: relu, gelu, tanh or sigmoid (see <see cref="Ops"/>).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ActivationModule<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the activation <paramref name="kind"/> for samples of the given shape.</summary>
    public ActivationModule(string kind, int[] inputShape) : base(kind, inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (kind is not ("relu" or "gelu" or "tanh" or "sigmoid"))
        {
            throw new ArgumentException($"unknown activation '{kind}' (relu, gelu, tanh, sigmoid)", nameof(kind));
        }
        OutputShape = (int[])inputShape.Clone();
    }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input) => Kind switch
    {
        "relu" => Ops.ReLU(input),
        "gelu" => Ops.GELU(input),
        "tanh" => Ops.Tanh(input),
        _ => Ops.Sigmoid(input),
    };
}

/// <summary>Spec kinds "relu", "gelu", "tanh", "sigmoid".</summary>
internal sealed class ActivationFactory(string kind, string summary) : IModuleFactory
{
    public string Kind => kind;

    public string Summary => summary;

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        context.Settings.RejectUnknown();
        return new ActivationModule<T>(kind, context.Input);
    }
}
