using Triad.Learning.Autograd;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using static Triad.Learning.Tests.Autograd.TapeCheck;

namespace Triad.Learning.Tests.Autograd;

/// <summary>Conv2d (im2col + GEMM) against a direct six-loop convolution, in float64 and float32.</summary>
public sealed class Conv2dReferenceTests
{
    [Theory]
    [InlineData(2, 3, 9, 7, 4, 3, 1, 1)]
    [InlineData(1, 2, 8, 8, 5, 3, 2, 0)]
    [InlineData(3, 1, 6, 9, 2, 5, 1, 2)]
    [InlineData(2, 4, 7, 7, 3, 1, 3, 0)]
    public void Conv2d_MatchesDirectConvolution(int batch, int c, int h, int w, int f, int k, int s, int p)
    {
        var r = new SeededRandom(4141);
        Tensor<double> x = Random(r, batch, c, h, w), weight = Random(r, f, c, k, k), bias = Random(r, f);
        double[] expected = Direct(x, weight, bias, s, p, out int oh, out int ow);

        using var tape = new Tape<double>();
        Variable<double> y = Ops.Conv2d(tape.Input(x), new Parameter<double>(weight), new Parameter<double>(bias), s, p);
        Assert.Equal([batch, f, oh, ow], y.ShapeArray);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - y.Value.Span[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])), $"element {i}: {y.Value.Span[i]} vs {expected[i]}");
        }

        using var tape32 = new Tape<float>();
        Tensor<float> Cast(Tensor<double> d) => new(d.Span.ToArray().Select(v => (float)v).ToArray(), d.Shape.ToArray());
        Variable<float> y32 = Ops.Conv2d(tape32.Input(Cast(x)), new Parameter<float>(Cast(weight)), new Parameter<float>(Cast(bias)), s, p);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(y32.Value.Span[i] - expected[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"float32 element {i}: {y32.Value.Span[i]} vs {expected[i]}");
        }
    }

    [Theory]
    [InlineData(3, 1, 28, 28, 16)]
    [InlineData(2, 16, 13, 13, 32)]
    [InlineData(2, 3, 9, 11, 5)]
    public void Conv2d_Float32Gradients_AgreeWithFloat64(int batch, int c, int h, int w, int f)
    {
        // float32 moves values between the conv layouts with 8×8 AVX transposes (edges by scalar loops); the float64
        // path is the one checked against finite differences, so the two must agree to float32's precision.
        var r = new SeededRandom(5150);
        Tensor<double> x = Random(r, batch, c, h, w), weight = Random(r, f, c, 3, 3), bias = Random(r, f);
        Tensor<double> g = Random(r, batch, f, h - 2, w - 2);
        (double[] Y, double[] Dx, double[] Dw, double[] Db) Run<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            Tensor<T> Cast(Tensor<double> d) => new(d.Span.ToArray().Select(T.CreateTruncating).ToArray(), d.Shape.ToArray());
            var pw = new Parameter<T>(Cast(weight));
            var pb = new Parameter<T>(Cast(bias));
            using var tape = new Tape<T>();
            Variable<T> xv = tape.Input(Cast(x), requiresGrad: true);
            Variable<T> y = Ops.Conv2d(xv, pw, pb);
            tape.Backward(y, Cast(g));
            double[] D(ReadOnlySpan<T> s) => s.ToArray().Select(double.CreateTruncating).ToArray();
            return (D(y.Value.Span), D(xv.Grad!.Span), D(pw.Gradient.Span), D(pb.Gradient.Span));
        }
        var single = Run<float>();
        var full = Run<double>();
        foreach (var (name, a, b) in new[] { ("y", single.Y, full.Y), ("dx", single.Dx, full.Dx), ("dW", single.Dw, full.Dw), ("db", single.Db, full.Db) })
        {
            double scale = b.Max(Math.Abs);
            for (int i = 0; i < b.Length; i++)
            {
                Assert.True(Math.Abs(a[i] - b[i]) <= 2e-5 * Math.Max(1, scale), $"{name}[{i}]: float32 {a[i]}, float64 {b[i]}");
            }
        }
    }

    private static double[] Direct(Tensor<double> x, Tensor<double> weight, Tensor<double> bias, int s, int p, out int oh, out int ow)
    {
        int batch = x.Dim(0), c = x.Dim(1), h = x.Dim(2), w = x.Dim(3), f = weight.Dim(0), k = weight.Dim(2);
        oh = ((h + (2 * p) - k) / s) + 1;
        ow = ((w + (2 * p) - k) / s) + 1;
        double[] y = new double[batch * f * oh * ow];
        for (int b = 0; b < batch; b++)
        {
            for (int o = 0; o < f; o++)
            {
                for (int i = 0; i < oh; i++)
                {
                    for (int j = 0; j < ow; j++)
                    {
                        double sum = bias[o];
                        for (int ch = 0; ch < c; ch++)
                        {
                            for (int u = 0; u < k; u++)
                            {
                                for (int v = 0; v < k; v++)
                                {
                                    int yi = (i * s) - p + u, xj = (j * s) - p + v;
                                    if (yi >= 0 && yi < h && xj >= 0 && xj < w)
                                    {
                                        sum += weight[o, ch, u, v] * x[b, ch, yi, xj];
                                    }
                                }
                            }
                        }
                        y[(((b * f) + o) * oh * ow) + (i * ow) + j] = sum;
                    }
                }
            }
        }
        return y;
    }
}
