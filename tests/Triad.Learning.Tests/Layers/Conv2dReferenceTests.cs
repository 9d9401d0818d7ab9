using CsCheck;
using Triad.Learning.Layers;
using Triad.Numerics.Kernels;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Triad.Tests.Shared;
using Xunit.Abstractions;

namespace Triad.Learning.Tests.Layers;

public class Conv2dReferenceTests(ITestOutputHelper output)
{
    /// <summary>Direct convolution straight from the definition, for comparison.</summary>
    private static double[] Naive(Tensor<double> x, Conv2d conv)
    {
        int batch = x.Dim(0), channels = x.Dim(1), h = x.Dim(2), w = x.Dim(3);
        int f = conv.Filters, k = conv.Kernel, s = conv.Stride, p = conv.Padding;
        int oh = ((h + (2 * p) - k) / s) + 1, ow = ((w + (2 * p) - k) / s) + 1;
        var y = new double[batch * f * oh * ow];
        Tensor<double> weight = conv.Weight.Value;
        for (int b = 0; b < batch; b++)
        {
            for (int o = 0; o < f; o++)
            {
                for (int i = 0; i < oh; i++)
                {
                    for (int j = 0; j < ow; j++)
                    {
                        double sum = conv.Bias.Value[o];
                        for (int c = 0; c < channels; c++)
                        {
                            for (int u = 0; u < k; u++)
                            {
                                for (int v = 0; v < k; v++)
                                {
                                    int iy = (i * s) - p + u, ix = (j * s) - p + v;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                                    {
                                        sum += weight[o, c, u, v] * x[b, c, iy, ix];
                                    }
                                }
                            }
                        }
                        y[(((((b * f) + o) * oh) + i) * ow) + j] = sum;
                    }
                }
            }
        }
        return y;
    }

    [Theory]
    [InlineData(1, 1, 1, 1, 1, 1, 1, 0)]
    [InlineData(2, 3, 7, 5, 4, 3, 1, 1)]
    [InlineData(3, 2, 9, 11, 5, 3, 2, 0)]
    [InlineData(2, 4, 8, 8, 6, 5, 3, 2)]
    [InlineData(1, 1, 28, 28, 16, 3, 1, 1)]
    public void Forward_AgreesWithNaiveDirectConvolution(int batch, int channels, int h, int w, int filters, int kernel, int stride, int padding)
    {
        const ulong seed = 7;
        var conv = new Conv2d([channels, h, w], filters, kernel, stride, padding, new SeededRandom(seed));
        new SeededRandom(seed + 1).FillGaussian(conv.Bias.Value.Span, 0, 1);
        Tensor<double> x = GradientCheck.Random(new SeededRandom(seed + 2), batch, channels, h, w);
        Tensor<double> y = conv.Forward(x, LayerContext.Inference);
        double[] expected = Naive(x, conv);
        Assert.Equal(expected.Length, y.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - y[i]) <= 1e-12 * (1 + Math.Abs(expected[i])), $"element {i}: {y[i]} vs {expected[i]}");
        }
    }

    [Fact]
    public void Im2ColRaise_IsTheAdjointOfLower()
    {
        // ⟨Lower(x), c⟩ = ⟨x, Raise(c)⟩ for every x and c: the defining property of the backward pass.
        Gen<(int, int, int, int, int, int, ulong)> shapes =
            Gen.Select(Gen.Int[1, 3], Gen.Int[1, 7], Gen.Int[1, 7], Gen.Int[1, 3], Gen.Int[1, 2], Gen.Int[0, 2], Gen.ULong)
                .Where(t => t.Item4 <= t.Item2 + (2 * t.Item6) && t.Item4 <= t.Item3 + (2 * t.Item6));
        PropertyRunner.Run(shapes, t =>
            {
                var (c, h, w, k, s, p, seed) = t;
                var random = new SeededRandom(seed);
                int oh = Im2Col.OutputSize(h, k, s, p), ow = Im2Col.OutputSize(w, k, s, p);
                double[] x = new double[c * h * w], cols = new double[oh * ow * c * k * k];
                random.FillGaussian(x, 0, 1);
                random.FillGaussian(cols, 0, 1);
                double[] lowered = new double[cols.Length], raised = new double[x.Length];
                Im2Col.Lower(x, c, h, w, k, s, p, lowered);
                Im2Col.Raise(cols, c, h, w, k, s, p, raised);
                double left = 0, right = 0;
                for (int i = 0; i < cols.Length; i++)
                {
                    left += lowered[i] * cols[i];
                }
                for (int i = 0; i < x.Length; i++)
                {
                    right += x[i] * raised[i];
                }
                Assert.True(Math.Abs(left - right) <= 1e-10 * (1 + Math.Abs(left)), $"⟨Lower x, c⟩ = {left}, ⟨x, Raise c⟩ = {right}");
            }, baseSeed: 20261125, cases: 300, output);
    }
}
