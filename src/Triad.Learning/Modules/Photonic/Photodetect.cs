using System.Numerics;
using Triad.Learning.Autograd;

namespace Triad.Learning.Modules.Photonic;

/// <summary>
/// Direct detection: each mode's photocurrent is proportional to its optical power, y = |z|² (in units of the field's
/// power; a photodiode's responsivity R in A/W would scale it). Complex in, real out: the square-law nonlinearity that
/// ends an optical network. Backward: ∂z = 2·∂y·z.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Photodetect<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Detection for samples of <paramref name="inputShape"/>.</summary>
    public Photodetect(int[] inputShape) : base("photodetect", inputShape) =>
        OutputShape = (int[])(inputShape ?? throw new ArgumentNullException(nameof(inputShape))).Clone();

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input) => Ops.AbsSquared(input);
}

/// <summary>Spec kind "photodetect": no settings.</summary>
internal sealed class PhotodetectFactory : IModuleFactory
{
    public string Kind => "photodetect";

    public string Summary => "direct detection, |z|² per mode (complex in, real out)";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        context.Settings.RejectUnknown();
        return new Photodetect<T>(context.Input);
    }
}
