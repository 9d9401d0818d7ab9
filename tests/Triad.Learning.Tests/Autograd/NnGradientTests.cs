using Triad.Learning.Autograd;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Xunit.Abstractions;
using static Triad.Learning.Tests.Autograd.TapeCheck;

namespace Triad.Learning.Tests.Autograd;

public sealed class NnGradientTests(ITestOutputHelper output)
{
    private const ulong Seed = 31337;

    [Fact]
    public void Softmax_MatchesFiniteDifferences() =>
        AssertGradients((t, v) => Ops.Softmax(v[0]), [Real(Seed, 3, 2, 7)], Seed, output, "softmax");

    [Fact]
    public void LayerNorm_MatchesFiniteDifferences()
    {
        AssertGradients((t, v) => Ops.LayerNorm(v[0], v[1], v[2]), [Real(Seed, 4, 3, 6), Param(Seed + 1, 6), Param(Seed + 2, 6)], Seed, output, "layer-norm");
        // Many rows: the row blocks are shared between threads.
        AssertGradients((t, v) => Ops.LayerNorm(v[0], v[1], v[2]), [Real(Seed, 700, 40), Param(Seed + 1, 40), Param(Seed + 2, 40)], Seed, output, "layer-norm, 700 rows", maxElements: 300);
    }

    [Fact]
    public void LayerNorm_NormalisesEachRow()
    {
        using var tape = new Tape<double>();
        var x = tape.Input(Random(new SeededRandom(Seed), 5, 9));
        var gamma = new Parameter<double>(Tensor<double>.Filled(1.0, 9));
        var beta = new Parameter<double>(new Tensor<double>(9));
        Variable<double> y = Ops.LayerNorm(x, gamma, beta, 1e-12);
        for (int r = 0; r < 5; r++)
        {
            double[] row = y.Value.Span.Slice(r * 9, 9).ToArray();
            Xunit.Assert.Equal(0.0, row.Average(), 12);
            Xunit.Assert.Equal(1.0, row.Select(v => v * v).Average(), 9);
        }
    }

    [Fact]
    public void Dropout_FixedMask_MatchesFiniteDifferences_AndKeepsAboutOneMinusP()
    {
        AssertGradients((t, v) => Ops.Dropout(v[0], 0.3, new SeededRandom(9)), [Real(Seed, 4, 17)], Seed, output, "dropout");
        using var tape = new Tape<double>();
        Variable<double> y = Ops.Dropout(tape.Input(Tensor<double>.Filled(1.0, 10000)), 0.25, new SeededRandom(5));
        int kept = 0;
        foreach (double v in y.Value.Span)
        {
            Xunit.Assert.True(v == 0 || Math.Abs(v - (1 / 0.75)) < 1e-12, $"dropout output {v} is neither 0 nor 1/(1 − p)");
            kept += v == 0 ? 0 : 1;
        }
        // Binomial(10000, 0.75): σ = 43; 5σ either side.
        Xunit.Assert.InRange(kept, 7500 - 217, 7500 + 217);
    }

    [Theory]
    [InlineData(2, 1, 5, 5, 3, 3, 1, 1)]
    [InlineData(3, 2, 6, 7, 4, 3, 2, 0)]
    [InlineData(2, 3, 5, 4, 2, 3, 1, 2)]
    [InlineData(1, 2, 4, 4, 1, 4, 3, 1)]
    public void Conv2d_MatchesFiniteDifferences(int batch, int channels, int height, int width, int filters, int kernel, int stride, int padding)
    {
        AssertGradients((t, v) => Ops.Conv2d(v[0], v[1], v[2], stride, padding),
            [Real(Seed, batch, channels, height, width), Param(Seed + 1, filters, channels, kernel, kernel), Param(Seed + 2, filters)],
            Seed, output, "conv2d");
    }

    [Theory]
    [InlineData(2, 3, 6, 6, 2, 2)]
    [InlineData(2, 2, 7, 5, 3, 2)]
    [InlineData(1, 1, 5, 5, 2, 1)]
    public void MaxPool2d_MatchesFiniteDifferences(int batch, int channels, int height, int width, int size, int stride) =>
        AssertGradients((t, v) => Ops.MaxPool2d(v[0], size, stride), [Real(Seed, batch, channels, height, width)], Seed, output, "maxpool2d");

    [Fact]
    public void SoftmaxCrossEntropy_IndicesAndProbabilities_MatchFiniteDifferences()
    {
        var indices = new Tensor<double>([2, 0, 4, 4], 4);
        AssertGradients((t, v) => Ops.SoftmaxCrossEntropy(v[0], indices), [Real(Seed, 4, 5)], Seed, output, "class indices");
        Tensor<double> probabilities = Random(new SeededRandom(Seed + 3), 4, 5);
        for (int r = 0; r < 4; r++)
        {
            Span<double> row = probabilities.Span.Slice(r * 5, 5);
            System.Numerics.Tensors.TensorPrimitives.Abs(row, row);
            System.Numerics.Tensors.TensorPrimitives.Divide(row, System.Numerics.Tensors.TensorPrimitives.Sum<double>(row), row);
        }
        AssertGradients((t, v) => Ops.SoftmaxCrossEntropy(v[0], probabilities), [Real(Seed, 4, 5)], Seed, output, "probabilities");
    }

    [Fact]
    public void SoftmaxCrossEntropy_HugeLogits_StaysFiniteAndRight()
    {
        using var tape = new Tape<double>();
        // log-softmax of [1000, 0] at class 1 is −1000 (exactly, to double precision).
        Variable<double> loss = Ops.SoftmaxCrossEntropy(tape.Input(new Tensor<double>([1000.0, 0.0], 1, 2)), new Tensor<double>([1.0], 1));
        Xunit.Assert.Equal(1000.0, loss.Item(), 9);
    }

    [Fact]
    public void SoftmaxCrossEntropy_BadTargets_ThrowNamingTheRow()
    {
        using var tape = new Tape<double>();
        var logits = tape.Input(new Tensor<double>(3, 4));
        var e = Xunit.Assert.Throws<ArgumentOutOfRangeException>(() => Ops.SoftmaxCrossEntropy(logits, new Tensor<double>([0, 4, 1], 3)));
        Xunit.Assert.Contains("row 1", e.Message, StringComparison.Ordinal);
        Xunit.Assert.Throws<ArgumentOutOfRangeException>(() => Ops.SoftmaxCrossEntropy(logits, new Tensor<double>([0, 1.5, 1], 3)));
        Xunit.Assert.Throws<ShapeMismatchException>(() => Ops.SoftmaxCrossEntropy(logits, new Tensor<double>(3, 5)));
    }

    [Fact]
    public void MeanSquaredError_MatchesFiniteDifferencesAndFormula()
    {
        Tensor<double> target = Random(new SeededRandom(Seed + 9), 3, 4);
        AssertGradients((t, v) => Ops.MeanSquaredError(v[0], target), [Real(Seed, 3, 4)], Seed, output, "mse");
        using var tape = new Tape<double>();
        Variable<double> loss = Ops.MeanSquaredError(tape.Input(new Tensor<double>([1, 2, 3], 3)), new Tensor<double>([1, 0, 0], 3));
        Xunit.Assert.Equal((0 + 4 + 9) / 3.0, loss.Item(), 14);
    }
}
