using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Modules.Photonic;

/// <summary>
/// The electro-optic activation of Williamson et al., "Reprogrammable electro-optic nonlinear activation functions for
/// optical neural networks", IEEE J. Sel. Top. Quantum Electron. 26, 7700412 (2020), doi:10.1109/JSTQE.2019.2930455
/// (arXiv:1903.04579); the formula below matches the forward pass of the authors' ElectroOpticActivation in their
/// neuroptica simulator (the equation number was not checked): a fraction α of
/// each mode's power is tapped to a photodiode whose amplified signal drives a phase shifter on the rest of the light,
///   f(z) = i·√(1 − α)·exp(−i(g·|z|² + φ_b)/2)·cos((g·|z|² + φ_b)/2)·z,
/// with g (rad per unit of |z|²) the gain of that loop and φ_b (rad) its bias phase. Written as
/// f(z) = (i·√(1 − α)/2)·(z + e^{−iφ_b}·e^{−ig|z|²}·z) it is a composition of tape operations, so its gradient is
/// theirs. Complex in, complex out; a real input is taken as a real field.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ElectroOptic<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The activation for samples of <paramref name="inputShape"/>.</summary>
    public ElectroOptic(int[] inputShape, double tap, double gain, double bias) : base("electro-optic", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (!(tap >= 0 && tap < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(tap), tap, "the tapped fraction α must lie in [0, 1)");
        }
        if (!double.IsFinite(gain) || !double.IsFinite(bias))
        {
            throw new ArgumentException($"gain {gain} and bias {bias} must be finite");
        }
        Tap = tap;
        Gain = gain;
        Bias = bias;
        OutputShape = (int[])inputShape.Clone();
    }

    /// <summary>α, the fraction of power tapped to the photodiode.</summary>
    public double Tap { get; }

    /// <summary>g, phase per unit of |z|² (rad).</summary>
    public double Gain { get; }

    /// <summary>φ_b, the bias phase (rad).</summary>
    public double Bias { get; }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input)
    {
        Tape<T> tape = Tape<T>.Of(input);
        int features = input.Shape[^1];
        double scale = Math.Sqrt(1 - Tap) / 2;
        // c1 = i·√(1 − α)/2 and c2 = c1·e^{−iφ_b}, one per feature (constants: no gradient).
        var c1 = new Tensor<T>(features, 2);
        var c2 = new Tensor<T>(features, 2);
        for (int j = 0; j < features; j++)
        {
            c1.Span[2 * j] = T.Zero;
            c1.Span[(2 * j) + 1] = T.CreateTruncating(scale);
            c2.Span[2 * j] = T.CreateTruncating(scale * Math.Sin(Bias));
            c2.Span[(2 * j) + 1] = T.CreateTruncating(scale * Math.Cos(Bias));
        }
        Variable<T> rotation = Ops.Polar(null, Ops.Scale(Ops.AbsSquared(input), T.CreateTruncating(-Gain)));
        Variable<T> shifted = Ops.Multiply(Ops.Multiply(rotation, input), tape.Input(c2, isComplex: true));
        return Ops.Add(Ops.Multiply(input, tape.Input(c1, isComplex: true)), shifted);
    }
}

/// <summary>Spec kind "electro-optic": settings tap (α = 0.1), gain (g = π rad per unit power), bias (φ_b = π rad).</summary>
internal sealed class ElectroOpticFactory : IModuleFactory
{
    public string Kind => "electro-optic";

    public string Summary => "electro-optic activation (Williamson et al. 2020); tap = 0.1, gain = π, bias = π";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ModuleSettings s = context.Settings;
        double tap = s.DoubleOr("tap", 0.1, 0, 1);
        double gain = s.DoubleOr("gain", Math.PI, -1e6, 1e6);
        double bias = s.DoubleOr("bias", Math.PI, -1e6, 1e6);
        s.RejectUnknown("tap", "gain", "bias");
        return new ElectroOptic<T>(context.Input, tap, gain, bias);
    }
}
