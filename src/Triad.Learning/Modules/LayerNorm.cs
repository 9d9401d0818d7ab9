using System.Numerics;
using Triad.Learning.Autograd;

namespace Triad.Learning.Modules;

/// <summary>Layer normalisation over the last axis (see <see cref="Ops.LayerNorm{T}"/>); γ = 1 and β = 0 at the start.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LayerNorm<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer for samples whose last axis is normalised.</summary>
    public LayerNorm(int[] inputShape, double epsilon = 1e-5) : base("layer-norm", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length == 0)
        {
            throw new ArgumentException("layer-norm needs an input with at least one axis", nameof(inputShape));
        }
        Epsilon = epsilon;
        Gamma = AddParameter("weight", Init.Constant<T>(1.0, inputShape[^1]));
        Beta = AddParameter("bias", Init.Constant<T>(0.0, inputShape[^1]));
        OutputShape = (int[])inputShape.Clone();
    }

    /// <summary>Scale γ.</summary>
    public Parameter<T> Gamma { get; }

    /// <summary>Shift β.</summary>
    public Parameter<T> Beta { get; }

    /// <summary>ε added to the variance.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input) => Ops.LayerNorm(input, Gamma, Beta, Epsilon);
}

/// <summary>Spec kind "layer-norm": epsilon = 1e-5.</summary>
internal sealed class LayerNormFactory : IModuleFactory
{
    public string Kind => "layer-norm";

    public string Summary => "layer normalisation over the last axis; epsilon = 1e-5";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double eps = context.Settings.DoubleOr("epsilon", 1e-5, double.Epsilon, 1.0);
        context.Settings.RejectUnknown("epsilon");
        int[] input = context.Input;
        if (input.Length == 0)
        {
            throw context.Settings.Error("needs an input with a feature axis");
        }
        return new LayerNorm<T>(input, eps);
    }
}
