using CsCheck;
using Triad.Learning.Losses;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Triad.Tests.Shared;
using Xunit.Abstractions;

namespace Triad.Learning.Tests.Layers;

public class LossTests(ITestOutputHelper output)
{
    private static Tensor<double> OneHot(int classes, params int[] labels) => Triad.Learning.Training.DataFit.OneHot(labels, classes);

    [Fact]
    public void SoftmaxCrossEntropy_Value_MatchesHandComputation()
    {
        var z = Tensor<double>.FromSpan([1.0, 2.0, 3.0, 0.5, 0.5, -1.0], 2, 3);
        double loss = new SoftmaxCrossEntropy().Evaluate(z, OneHot(3, 2, 0), new Tensor<double>(2, 3));
        double l0 = -(3.0 - Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)));
        double l1 = -(0.5 - Math.Log(Math.Exp(0.5) + Math.Exp(0.5) + Math.Exp(-1)));
        Assert.Equal((l0 + l1) / 2, loss, 1e-14);
    }

    [Fact]
    public void SoftmaxCrossEntropy_LargeLogits_StaysFinite()
    {
        var z = Tensor<double>.FromSpan([1000.0, -1000.0, 0.0], 1, 3);
        var g = new Tensor<double>(1, 3);
        double loss = new SoftmaxCrossEntropy().Evaluate(z, OneHot(3, 1), g);
        Assert.Equal(2000.0, loss, 1e-9);
        Assert.Equal(1.0, g[0], 1e-12);
        Assert.Equal(-1.0, g[1], 1e-12);
    }

    [Theory]
    [InlineData("softmax-cross-entropy")]
    [InlineData("mse")]
    public void Loss_Gradient_MatchesFiniteDifferences(string name)
    {
        const ulong seed = 11;
        var random = new SeededRandom(seed);
        Loss loss = Loss.Create(name);
        Tensor<double> z = GradientCheck.Random(random, 6, 5);
        Tensor<double> t = name == "mse" ? GradientCheck.Random(random, 6, 5) : OneHot(5, 0, 4, 2, 2, 1, 3);
        var g = new Tensor<double>(6, 5);
        loss.Evaluate(z, t, g);
        double[] numeric = GradientCheck.Numeric(z.Span, () => loss.Evaluate(z, t, new Tensor<double>(6, 5)));
        Assert.True(GradientCheck.RelativeError(g.ReadOnlySpan, numeric) < 1e-6, $"{name} gradient (seed {seed})");
    }

    [Fact]
    public void MeanSquaredError_Value_IsMeanOverElements()
    {
        var y = Tensor<double>.FromSpan([1.0, 2.0, 3.0, 4.0], 2, 2);
        var t = Tensor<double>.FromSpan([0.0, 2.0, 5.0, 4.0], 2, 2);
        var g = new Tensor<double>(2, 2);
        Assert.Equal(5.0 / 4.0, new MeanSquaredError().Evaluate(y, t, g), 1e-15);
        Assert.Equal([0.5, 0.0, -1.0, 0.0], g.ReadOnlySpan.ToArray());
    }

    [Fact]
    public void SoftmaxCrossEntropy_GradientRowsSumToZero_ForAnyLogits()
    {
        // Σ_k (p_k − t_k) = 1 − 1 = 0 for every row, whatever the logits.
        PropertyRunner.Run(Gen.Select(Gen.Int[1, 6], Gen.Int[2, 12], Gen.ULong), t =>
        {
            var (batch, classes, seed) = t;
            var random = new SeededRandom(seed);
            var z = new Tensor<double>(batch, classes);
            random.FillGaussian(z.Span, 0, 30);
            int[] labels = Enumerable.Range(0, batch).Select(_ => random.NextInt(classes)).ToArray();
            var g = new Tensor<double>(batch, classes);
            double loss = new SoftmaxCrossEntropy().Evaluate(z, OneHot(classes, labels), g);
            for (int b = 0; b < batch; b++)
            {
                double s = 0;
                for (int k = 0; k < classes; k++)
                {
                    s += g[b, k];
                }
                Assert.True(Math.Abs(s) <= 1e-12, $"row {b} of the gradient sums to {s}");
            }
            Assert.True(loss >= 0, $"loss {loss}");
        }, baseSeed: 20261125, cases: 200, output);
    }

    [Fact]
    public void Loss_MismatchedShapes_Throws()
    {
        Assert.Throws<ShapeMismatchException>(() =>
            new SoftmaxCrossEntropy().Evaluate(new Tensor<double>(2, 3), new Tensor<double>(2, 4), new Tensor<double>(2, 3)));
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingKnownNames()
    {
        var e = Assert.Throws<ArgumentException>(() => Loss.Create("hinge"));
        Assert.Contains("hinge", e.Message);
        Assert.Contains("mse", e.Message);
    }
}
