using Triad.Learning.Autograd;
using Triad.Numerics.Tensors;
using Xunit.Abstractions;
using static Triad.Learning.Tests.Autograd.TapeCheck;

namespace Triad.Learning.Tests.Autograd;

public sealed class ElementwiseGradientTests(ITestOutputHelper output)
{
    private const ulong Seed = 20261125;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Add_SameShapeAndBroadcast_MatchesFiniteDifferences(bool subtract)
    {
        Func<Variable<double>, Variable<double>, Variable<double>> op = subtract ? Ops.Subtract : Ops.Add;
        AssertGradients((t, v) => op(v[0], v[1]), [Real(Seed, 3, 4), Real(Seed + 1, 3, 4)], Seed, output, "same shape");
        AssertGradients((t, v) => op(v[0], v[1]), [Real(Seed, 2, 3, 4), Param(Seed + 1, 3, 4)], Seed, output, "trailing broadcast");
        AssertGradients((t, v) => op(v[0], v[1]), [Real(Seed, 5, 4), Param(Seed + 1, 4)], Seed, output, "bias broadcast");
        AssertGradients((t, v) => op(v[0], v[1]), [Complex(Seed, 2, 3), Complex(Seed + 1, 3)], Seed, output, "complex broadcast");
    }

    [Fact]
    public void Add_SameValueTwice_AccumulatesBothUses()
    {
        // y = x + x: the one input fans out to both operands; its gradient is 2·g.
        AssertGradients((t, v) => Ops.Add(v[0], v[0]), [Real(Seed, 7)], Seed, output, "x + x");
    }

    [Fact]
    public void Multiply_RealComplexAndMixed_MatchesFiniteDifferences()
    {
        AssertGradients((t, v) => Ops.Multiply(v[0], v[1]), [Real(Seed, 3, 5), Real(Seed + 1, 3, 5)], Seed, output, "real × real");
        AssertGradients((t, v) => Ops.Multiply(v[0], v[1]), [Real(Seed, 2, 3, 5), Param(Seed + 1, 5)], Seed, output, "real × broadcast parameter");
        AssertGradients((t, v) => Ops.Multiply(v[0], v[1]), [Complex(Seed, 4, 3), Complex(Seed + 1, 4, 3)], Seed, output, "complex × complex");
        AssertGradients((t, v) => Ops.Multiply(v[0], v[1]), [Complex(Seed, 4, 3), Complex(Seed + 1, 3)], Seed, output, "complex × broadcast complex");
        AssertGradients((t, v) => Ops.Multiply(v[0], v[1]), [Complex(Seed, 4, 3), Real(Seed + 1, 4, 3)], Seed, output, "complex × real");
        AssertGradients((t, v) => Ops.Multiply(v[0], v[1]), [Real(Seed, 4, 3), Complex(Seed + 1, 3)], Seed, output, "real × broadcast complex");
        AssertGradients((t, v) => Ops.Multiply(v[0], v[0]), [Complex(Seed, 6)], Seed, output, "z·z");
    }

    [Fact]
    public void Scale_RealAndComplex_MatchesFiniteDifferences()
    {
        AssertGradients((t, v) => Ops.Scale(v[0], -2.5), [Real(Seed, 3, 4)], Seed, output, "real");
        AssertGradients((t, v) => v[0] * 0.75, [Complex(Seed, 3, 4)], Seed, output, "complex");
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("gelu")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("exp")]
    public void Activation_Backward_MatchesFiniteDifferences(string kind)
    {
        Func<Variable<double>, Variable<double>> f = kind switch
        {
            "relu" => Ops.ReLU,
            "gelu" => Ops.GELU,
            "tanh" => Ops.Tanh,
            "sigmoid" => Ops.Sigmoid,
            _ => Ops.Exp,
        };
        AssertGradients((t, v) => f(v[0]), [Real(Seed, 5, 9)], Seed, output, kind);
        // Past one chunk of 16 Ki elements, the work is split between threads.
        double error = MaxError((t, v) => f(v[0]), [Real(Seed + 7, 3, 6000)], Seed, output, maxElements: 300);
        Xunit.Assert.True(error < Tolerance, $"{kind} over 18,000 elements: relative error {error:E2}");
    }

    [Fact]
    public void Gelu_Float32_MatchesExactFormWithinFloatPrecision()
    {
        // The float32 path uses a fitted erf; it must agree with x·Φ(x) (MathNet's erf) to float's own precision.
        double[] xs = Enumerable.Range(-800, 1601).Select(i => i / 100.0).ToArray();
        using var tape = new Tape<float>();
        Variable<float> y = Ops.GELU(tape.Input(new Tensor<float>(xs.Select(x => (float)x).ToArray(), xs.Length)));
        for (int i = 0; i < xs.Length; i++)
        {
            double exact = xs[i] * 0.5 * (1 + MathNet.Numerics.SpecialFunctions.Erf(xs[i] / Math.Sqrt(2)));
            Xunit.Assert.True(Math.Abs(y.Value.Span[i] - exact) <= 2e-6 * Math.Max(1, Math.Abs(exact)), $"gelu({xs[i]}) = {y.Value.Span[i]}, exact {exact}");
        }
    }

    [Fact]
    public void Add_ShapesThatDoNotMatch_Throws()
    {
        using var tape = new Tape<double>();
        var a = tape.Input(new Tensor<double>(2, 3));
        var b = tape.Input(new Tensor<double>(2));
        var e = Xunit.Assert.Throws<ShapeMismatchException>(() => Ops.Add(a, b));
        Xunit.Assert.Contains("[2, 3]", e.Message, StringComparison.Ordinal);
        Xunit.Assert.Throws<ShapeMismatchException>(() => Ops.Add(a, tape.Input(new Tensor<double>(2, 3, 2), isComplex: true)));
    }
}
