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
    [ThreadStatic]
    private static LoadingScope? t_loading;

    /// <summary>
    /// Builds that will be overwritten by stored weights: until the result is disposed, initialisers on this thread
    /// return zeros without drawing numbers, and all of them together may allocate at most
    /// <paramref name="maxElements"/> values; one more is a <see cref="Models.ModelSpecException"/> naming
    /// <paramref name="what"/>, raised before the allocation. So a small file whose spec describes a huge model is
    /// refused instead of exhausting memory.
    /// </summary>
    public static IDisposable ForLoading(long maxElements, string what)
    {
        var scope = new LoadingScope(maxElements, what, t_loading);
        t_loading = scope;
        return scope;
    }

    /// <summary>A tensor of <paramref name="shape"/> with entries drawn from N(mean, std²).</summary>
    public static Tensor<T> Gaussian<T>(SeededRandom random, double mean, double std, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        return Drawn<T>(shape, values => random.FillGaussian(values, mean, std));
    }

    /// <summary>A tensor of <paramref name="shape"/> with entries drawn uniformly from [low, high).</summary>
    public static Tensor<T> Uniform<T>(SeededRandom random, double low, double high, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        return Drawn<T>(shape, values => random.FillUniform(values, low, high));
    }

    /// <summary>Values drawn in double by <paramref name="draw"/>, rounded to T; zeros without drawing while loading.</summary>
    private static Tensor<T> Drawn<T>(int[] shape, Action<double[]> draw) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (t_loading is { } loading)
        {
            loading.Take(shape);
            return new Tensor<T>(shape);
        }
        var t = new Tensor<T>(shape);
        double[] values = new double[t.Length];
        draw(values);
        Span<T> s = t.Span;
        for (int i = 0; i < values.Length; i++)
        {
            s[i] = T.CreateTruncating(values[i]);
        }
        return t;
    }

    /// <summary>A tensor of <paramref name="shape"/> filled with <paramref name="value"/>.</summary>
    public static Tensor<T> Constant<T>(double value, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        t_loading?.Take(shape);
        return Tensor<T>.Filled(T.CreateTruncating(value), shape);
    }

    private sealed class LoadingScope(long maxElements, string what, LoadingScope? outer) : IDisposable
    {
        private long _taken;

        public void Take(int[] shape)
        {
            ArgumentNullException.ThrowIfNull(shape);
            long n = 1;
            foreach (int d in shape)
            {
                n *= Math.Max(0, d);
                if (n > maxElements)
                {
                    break;
                }
            }
            _taken += n;
            if (_taken > maxElements)
            {
                throw new Models.ModelSpecException(
                    $"the model described needs more than {maxElements:N0} parameter values, more than {what} can hold");
            }
        }

        public void Dispose() => t_loading = outer;
    }
}
