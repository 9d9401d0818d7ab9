using Triad.Learning.Layers;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Tests;

/// <summary>
/// Central finite differences for layers: with f(x, θ) = Σ g ⊙ layer(x; θ) for a fixed random g,
/// ∂f/∂x and ∂f/∂θ from Backward must match (f(v + h) − f(v − h)) / 2h.
/// The error is the norm-wise relative error ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖).
/// </summary>
internal static class GradientCheck
{
    public const double Step = 1e-5;

    public static double RelativeError(ReadOnlySpan<double> analytic, ReadOnlySpan<double> numeric)
    {
        double diff = 0, a = 0, n = 0;
        for (int i = 0; i < analytic.Length; i++)
        {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            a += analytic[i] * analytic[i];
            n += numeric[i] * numeric[i];
        }
        double scale = Math.Max(Math.Sqrt(a), Math.Sqrt(n));
        return scale == 0 ? Math.Sqrt(diff) : Math.Sqrt(diff) / scale;
    }

    public static Tensor<double> Random(SeededRandom random, params int[] shape)
    {
        var t = new Tensor<double>(shape);
        random.FillGaussian(t.Span, 0.0, 1.0);
        return t;
    }

    /// <summary>Returns (input error, worst parameter error) for one layer on one batch.</summary>
    public static (double Input, double Parameters) Check(Layer layer, Tensor<double> input, ulong seed, Func<LayerContext>? context = null)
    {
        context ??= () => LayerContext.Inference;
        var random = new SeededRandom(seed);
        Tensor<double> probe = layer.Forward(input, context());
        Tensor<double> g = Random(random, probe.Shape.ToArray());

        foreach (Parameter p in layer.Parameters)
        {
            p.Gradient.Clear();
        }
        layer.Forward(input, context());
        Tensor<double> dx = layer.Backward(g);

        double Objective()
        {
            Tensor<double> y = layer.Forward(input, context());
            double s = 0;
            for (int i = 0; i < y.Length; i++)
            {
                s += y[i] * g[i];
            }
            return s;
        }

        double inputError = RelativeError(dx.ReadOnlySpan, Numeric(input.Span, Objective));
        double parameterError = 0;
        foreach (Parameter p in layer.Parameters)
        {
            parameterError = Math.Max(parameterError, RelativeError(p.Gradient.ReadOnlySpan, Numeric(p.Value.Span, Objective)));
        }
        return (inputError, parameterError);
    }

    /// <summary>Numeric gradient of <paramref name="objective"/> with respect to every element of <paramref name="values"/>.</summary>
    public static double[] Numeric(Span<double> values, Func<double> objective)
    {
        double[] result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double saved = values[i];
            values[i] = saved + Step;
            double plus = objective();
            values[i] = saved - Step;
            double minus = objective();
            values[i] = saved;
            result[i] = (plus - minus) / (2 * Step);
        }
        return result;
    }
}
