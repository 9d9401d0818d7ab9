using System.Numerics;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Modules;

/// <summary>
/// Parameter initialisers. Numbers are drawn in double and rounded to T, so the same seed starts float32 and
/// float64 models from the same weights (up to float32 rounding).
/// </summary>
public static class Init
{
    /// <summary>A tensor of <paramref name="shape"/> with entries drawn from N(mean, std²).</summary>
    public static Tensor<T> Gaussian<T>(SeededRandom random, double mean, double std, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        var t = new Tensor<T>(shape);
        double[] values = new double[t.Length];
        random.FillGaussian(values, mean, std);
        Span<T> s = t.Span;
        for (int i = 0; i < values.Length; i++)
        {
            s[i] = T.CreateTruncating(values[i]);
        }
        return t;
    }

    /// <summary>A tensor of <paramref name="shape"/> filled with <paramref name="value"/>.</summary>
    public static Tensor<T> Constant<T>(double value, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T> =>
        Tensor<T>.Filled(T.CreateTruncating(value), shape);
}
