using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Random;

namespace Triad.Learning.Modules;

/// <summary>
/// Fully connected layer over the last axis: y = x·W + b with W [in, out], b [out]; works on [in] samples and on
/// token sequences [T, in] alike. Initialisation (<c>init</c>): "he" W ~ N(0, 2/in) (He et al., ICCV 2015; for
/// ReLU), "xavier" W ~ N(0, 2/(in + out)) (Glorot and Bengio, 2010); b = 0.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Dense<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer for samples whose last axis has <c>inputShape[^1]</c> features.</summary>
    public Dense(int[] inputShape, int units, SeededRandom random, bool bias = true, string init = "he") : base("dense", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        if (inputShape.Length == 0 || inputShape[^1] < 1)
        {
            throw new ArgumentException($"dense needs an input with a last axis of at least 1 feature, got [{string.Join(", ", inputShape)}]", nameof(inputShape));
        }
        int inputs = inputShape[^1];
        double std = init == "xavier" ? Math.Sqrt(2.0 / (inputs + units)) : Math.Sqrt(2.0 / inputs);
        Weight = AddParameter("weight", Init.Gaussian<T>(random, 0.0, std, inputs, units));
        Bias = bias ? AddParameter("bias", Init.Constant<T>(0.0, units)) : null;
        OutputShape = [.. inputShape[..^1], units];
    }

    /// <summary>The weight matrix [in, out].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>The bias [out], or null without one.</summary>
    public Parameter<T>? Bias { get; }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input) => Ops.Linear(input, Weight, Bias);
}

/// <summary>Spec kind "dense": settings units, bias (true), init (he | xavier).</summary>
internal sealed class DenseFactory : IModuleFactory
{
    public string Kind => "dense";

    public string Summary => "fully connected over the last axis; units, bias = true, init = he|xavier";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ModuleSettings s = context.Settings;
        int units = s.PositiveInt("units");
        bool bias = s.BoolOr("bias", true);
        string init = s.ChoiceOr("init", "he", "he", "xavier");
        s.RejectUnknown("units", "bias", "init");
        int[] input = context.Input;
        if (input.Length == 0)
        {
            throw s.Error("needs an input with a feature axis");
        }
        Shapes.CheckSize(s, [.. input[..^1], units]);
        return new Dense<T>(input, units, context.Random, bias, init);
    }
}
