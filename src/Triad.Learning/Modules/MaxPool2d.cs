using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Kernels;

namespace Triad.Learning.Modules;

/// <summary>Max pooling of [C, H, W] samples over K×K windows with stride S (see <see cref="Ops.MaxPool2d{T}"/>).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class MaxPool2d<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer for [C, H, W] inputs.</summary>
    public MaxPool2d(int[] inputShape, int size, int stride) : base("maxpool2d", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        Size = size;
        Stride = stride;
        OutputShape = [inputShape[0], Im2Col.OutputSize(inputShape[1], size, stride, 0), Im2Col.OutputSize(inputShape[2], size, stride, 0)];
    }

    /// <summary>Window side K.</summary>
    public int Size { get; }

    /// <summary>Stride S.</summary>
    public int Stride { get; }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input) => Ops.MaxPool2d(input, Size, Stride);
}

/// <summary>Spec kind "maxpool2d": size, stride = size.</summary>
internal sealed class MaxPool2dFactory : IModuleFactory
{
    public string Kind => "maxpool2d";

    public string Summary => "max pooling of [C, H, W]; size, stride = size";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ModuleSettings s = context.Settings;
        int size = s.PositiveInt("size");
        int stride = s.IntOr("stride", size, 1);
        s.RejectUnknown("size", "stride");
        int[] input = context.InputOfRank(3, "[channels, height, width]");
        if (size > input[1] || size > input[2])
        {
            throw s.Error($"window {size} does not fit input [{string.Join(", ", input)}]");
        }
        return new MaxPool2d<T>(input, size, stride);
    }
}
