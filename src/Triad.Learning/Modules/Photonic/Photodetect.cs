using System.Numerics;
using Triad.Learning.Autograd;

namespace Triad.Learning.Modules.Photonic;

/// <summary>
/// Direct detection: each mode's photocurrent is proportional to its optical power, and the receiver's gain (the
/// photodiode's responsivity times the transimpedance amplifier's gain, in output units per unit of |z|²) scales it:
/// y = G·|z|². Complex in, real out: the square-law nonlinearity that ends an optical network. Backward: ∂z = 2G·∂y·z.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Photodetect<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Detection for samples of <paramref name="inputShape"/>.</summary>
    public Photodetect(int[] inputShape, double gain = 1) : base("photodetect", inputShape)
    {
        if (!(gain > 0) || !double.IsFinite(gain))
        {
            throw new ArgumentOutOfRangeException(nameof(gain), gain, "the receiver gain must be a finite number above 0");
        }
        Gain = gain;
        OutputShape = (int[])(inputShape ?? throw new ArgumentNullException(nameof(inputShape))).Clone();
    }

    /// <summary>G, output units per unit of optical power |z|².</summary>
    public double Gain { get; }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input) =>
        Gain == 1 ? Ops.AbsSquared(input) : Ops.Scale(Ops.AbsSquared(input), T.CreateTruncating(Gain));
}

/// <summary>Spec kind "photodetect": gain (G = 1, output units per unit of |z|²).</summary>
internal sealed class PhotodetectFactory : IModuleFactory
{
    public string Kind => "photodetect";

    public string Summary => "direct detection, gain·|z|² per mode (complex in, real out); gain = 1";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double gain = context.Settings.DoubleOr("gain", 1, 1e-9, 1e9);
        context.Settings.RejectUnknown("gain");
        return new Photodetect<T>(context.Input, gain);
    }
}
