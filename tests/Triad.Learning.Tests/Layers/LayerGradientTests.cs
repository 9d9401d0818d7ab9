using Triad.Learning.Layers;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Tests.Layers;

public class LayerGradientTests
{
    private const double Tolerance = 1e-6;
    private const ulong Seed = 20261125;

    private static Tensor<double> Input(params int[] shape) => GradientCheck.Random(new SeededRandom(Seed ^ 0xABCD), shape);

    private static void AssertGradients(Layer layer, Tensor<double> input, Func<LayerContext>? context = null)
    {
        var (inputError, parameterError) = GradientCheck.Check(layer, input, Seed, context);
        Assert.True(inputError < Tolerance, $"{layer.Kind}: input gradient relative error {inputError:E2} (seed {Seed})");
        Assert.True(parameterError < Tolerance, $"{layer.Kind}: parameter gradient relative error {parameterError:E2} (seed {Seed})");
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 7, 3)]
    [InlineData(4, 13, 9)]
    public void Dense_Backward_MatchesFiniteDifferences(int batch, int inputs, int outputs)
    {
        var layer = new Dense(inputs, outputs, new SeededRandom(Seed));
        new SeededRandom(Seed + 1).FillGaussian(layer.Bias.Value.Span, 0, 1);
        AssertGradients(layer, Input(batch, inputs));
    }

    [Theory]
    [InlineData(2, 1, 5, 5, 3, 3, 1, 1)]
    [InlineData(3, 2, 6, 7, 4, 3, 2, 0)]
    [InlineData(2, 3, 5, 4, 2, 3, 1, 2)]
    [InlineData(1, 2, 4, 4, 1, 4, 3, 1)]
    public void Conv2d_Backward_MatchesFiniteDifferences(int batch, int channels, int height, int width, int filters, int kernel, int stride, int padding)
    {
        var layer = new Conv2d([channels, height, width], filters, kernel, stride, padding, new SeededRandom(Seed));
        new SeededRandom(Seed + 1).FillGaussian(layer.Bias.Value.Span, 0, 1);
        AssertGradients(layer, Input(batch, channels, height, width));
    }

    [Theory]
    [InlineData(2, 3, 6, 6, 2, 2)]
    [InlineData(2, 2, 7, 5, 3, 2)]
    [InlineData(1, 1, 5, 5, 2, 1)]
    public void MaxPool2d_Backward_MatchesFiniteDifferences(int batch, int channels, int height, int width, int size, int stride)
    {
        AssertGradients(new MaxPool2d([channels, height, width], size, stride), Input(batch, channels, height, width));
    }

    [Fact]
    public void Flatten_Backward_MatchesFiniteDifferences() =>
        AssertGradients(new Flatten([2, 3, 4]), Input(3, 2, 3, 4));

    [Fact]
    public void Dropout_Backward_MatchesFiniteDifferencesForAFixedMask()
    {
        var layer = new Dropout([17], 0.3);
        AssertGradients(layer, Input(4, 17), () => new LayerContext(true, new SeededRandom(99)));
    }

    [Fact]
    public void ReLU_Backward_MatchesFiniteDifferences() => AssertGradients(new ReLU([11]), Input(5, 11));

    [Fact]
    public void GELU_Backward_MatchesFiniteDifferences() => AssertGradients(new GELU([11]), Input(5, 11));

    [Fact]
    public void Tanh_Backward_MatchesFiniteDifferences() => AssertGradients(new Tanh([11]), Input(5, 11));

    [Fact]
    public void Sigmoid_Backward_MatchesFiniteDifferences() => AssertGradients(new Sigmoid([11]), Input(5, 11));

    [Fact]
    public void Dropout_Training_KeepsAboutOneMinusRateAndScales()
    {
        var layer = new Dropout([10000], 0.25);
        Tensor<double> x = Tensor<double>.Filled(1.0, 1, 10000);
        Tensor<double> y = layer.Forward(x, new LayerContext(true, new SeededRandom(5)));
        int kept = 0;
        foreach (double v in y.ReadOnlySpan)
        {
            Assert.True(v == 0.0 || Math.Abs(v - (1 / 0.75)) < 1e-15);
            kept += v == 0.0 ? 0 : 1;
        }
        // Binomial(10000, 0.75): standard deviation ≈ 43, so ±200 is beyond 4.5 sigma.
        Assert.InRange(kept, 7300, 7700);
        Assert.Same(x, layer.Forward(x, LayerContext.Inference));
    }

    [Fact]
    public void GELU_Forward_MatchesKnownValues()
    {
        var layer = new GELU([3]);
        Tensor<double> y = layer.Forward(Tensor<double>.FromSpan([-1.0, 0.0, 2.0], 1, 3), LayerContext.Inference);
        // x·Φ(x): Φ(−1) = 0.15865525393145707, Φ(2) = 0.9772498680518208.
        Assert.Equal(-0.15865525393145707, y[0], 1e-14);
        Assert.Equal(0.0, y[1], 1e-15);
        Assert.Equal(2 * 0.9772498680518208, y[2], 1e-14);
    }

    [Fact]
    public void BackwardParametersOnly_GivesTheSameParameterGradientsAsBackward()
    {
        Layer[] Make() =>
        [
            new Conv2d([2, 6, 5], 3, 3, 1, 1, new SeededRandom(Seed)),
            new Dense(7, 4, new SeededRandom(Seed)),
        ];
        Tensor<double>[] inputs = [Input(3, 2, 6, 5), Input(3, 7)];
        Layer[] full = Make(), partial = Make();
        for (int i = 0; i < full.Length; i++)
        {
            Tensor<double> y = full[i].Forward(inputs[i], LayerContext.Inference);
            partial[i].Forward(inputs[i], LayerContext.Inference);
            Tensor<double> g = GradientCheck.Random(new SeededRandom(Seed + 5), y.Shape.ToArray());
            full[i].Backward(g);
            partial[i].BackwardParametersOnly(g);
            for (int p = 0; p < full[i].Parameters.Count; p++)
            {
                Assert.True(full[i].Parameters[p].Gradient.ReadOnlySpan.SequenceEqual(partial[i].Parameters[p].Gradient.ReadOnlySpan),
                    $"{full[i].Kind} parameter {p}");
            }
        }
    }

    [Fact]
    public void Backward_GradientOfWrongShape_ThrowsForEveryLayerKind()
    {
        Layer[] layers = [new Flatten([2, 3]), new Dropout([6], 0.5), new ReLU([6]), new Dense(6, 2, new SeededRandom(1))];
        Tensor<double>[] inputs = [Input(2, 2, 3), Input(2, 6), Input(2, 6), Input(2, 6)];
        for (int i = 0; i < layers.Length; i++)
        {
            layers[i].Forward(inputs[i], new LayerContext(true, new SeededRandom(3)));
            Assert.Throws<ShapeMismatchException>(() => layers[i].Backward(new Tensor<double>(2, 5)));
        }
    }

    [Fact]
    public void MaxPool2d_EmptyBatch_ForwardAndBackwardGiveEmptyTensors()
    {
        var pool = new MaxPool2d([1, 4, 4], 2, 2);
        Tensor<double> y = pool.Forward(new Tensor<double>(0, 1, 4, 4), LayerContext.Inference);
        Assert.Equal([0, 1, 2, 2], y.Shape.ToArray());
        Assert.Equal([0, 1, 4, 4], pool.Backward(y).Shape.ToArray());
    }

    [Fact]
    public void Backward_BeforeForward_Throws()
    {
        var layer = new Dense(3, 2, new SeededRandom(1));
        Assert.Throws<InvalidOperationException>(() => layer.Backward(new Tensor<double>(1, 2)));
    }

    [Fact]
    public void Forward_WrongInputShape_ThrowsNamingShapes()
    {
        var layer = new Dense(3, 2, new SeededRandom(1));
        var e = Assert.Throws<ShapeMismatchException>(() => layer.Forward(new Tensor<double>(4, 5), LayerContext.Inference));
        Assert.Contains("[4, 5]", e.Message);
        Assert.Contains("dense", e.Message);
    }
}
