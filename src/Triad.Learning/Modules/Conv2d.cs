using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Kernels;
using Triad.Numerics.Random;

namespace Triad.Learning.Modules;

/// <summary>
/// 2-D convolution of [C, H, W] samples (see <see cref="Ops.Conv2d{T}"/>): weight [F, C, K, K], bias [F].
/// Initialisation: W ~ N(0, 2/(C·K·K)) (He et al., 2015), b = 0.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Conv2d<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer for [C, H, W] inputs.</summary>
    public Conv2d(int[] inputShape, int filters, int kernel, int stride, int padding, SeededRandom random) : base("conv2d", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(random);
        int c = inputShape[0];
        Stride = stride;
        Padding = padding;
        Weight = AddParameter("weight", Init.Gaussian<T>(random, 0.0, Math.Sqrt(2.0 / (c * kernel * kernel)), filters, c, kernel, kernel));
        Bias = AddParameter("bias", Init.Constant<T>(0.0, filters));
        OutputShape = [filters, Im2Col.OutputSize(inputShape[1], kernel, stride, padding), Im2Col.OutputSize(inputShape[2], kernel, stride, padding)];
    }

    /// <summary>The kernels [F, C, K, K].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>The bias [F].</summary>
    public Parameter<T> Bias { get; }

    /// <summary>Stride S.</summary>
    public int Stride { get; }

    /// <summary>Zero padding P on each side.</summary>
    public int Padding { get; }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input) => Ops.Conv2d(input, Weight, Bias, Stride, Padding);
}

/// <summary>Spec kind "conv2d": filters, kernel, stride = 1, padding = 0.</summary>
internal sealed class Conv2dFactory : IModuleFactory
{
    public string Kind => "conv2d";

    public string Summary => "2-D convolution of [C, H, W]; filters, kernel, stride = 1, padding = 0";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ModuleSettings s = context.Settings;
        int filters = s.PositiveInt("filters"), kernel = s.PositiveInt("kernel");
        int stride = s.IntOr("stride", 1, 1), padding = s.IntOr("padding", 0, 0);
        s.RejectUnknown("filters", "kernel", "stride", "padding");
        int[] input = context.InputOfRank(3, "[channels, height, width]");
        if (padding >= kernel)
        {
            // Padding of K or more only adds output rows and columns that see nothing but zeros.
            throw s.Error($"padding {padding} must be less than the kernel size {kernel}");
        }
        if (kernel > input[1] + (2L * padding) || kernel > input[2] + (2L * padding))
        {
            throw s.Error($"kernel {kernel} does not fit input [{string.Join(", ", input)}] with padding {padding}");
        }
        int oh = Im2Col.OutputSize(input[1], kernel, stride, padding), ow = Im2Col.OutputSize(input[2], kernel, stride, padding);
        Shapes.CheckSize(s, [filters, oh, ow]);
        Shapes.CheckSize(s, [oh, ow, input[0], kernel, kernel]);
        return new Conv2d<T>(input, filters, kernel, stride, padding, context.Random);
    }
}
