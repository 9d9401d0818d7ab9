using Triad.Learning.Autograd;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Xunit.Abstractions;
using static Triad.Learning.Tests.Autograd.TapeCheck;

namespace Triad.Learning.Tests.Autograd;

public sealed class MatMulGradientTests(ITestOutputHelper output)
{
    private const ulong Seed = 424242;

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void MatMul_BatchedWithTransposes_MatchesFiniteDifferences(bool ta, bool tb)
    {
        int m = 3, k = 4, n = 5;
        int[] a = ta ? [2, k, m] : [2, m, k], b = tb ? [2, n, k] : [2, k, n];
        AssertGradients((t, v) => Ops.MatMul(v[0], v[1], ta, tb), [Real(Seed, a), Real(Seed + 1, b)], Seed, output, "batched");
        int[] shared = tb ? [n, k] : [k, n];
        AssertGradients((t, v) => Ops.MatMul(v[0], v[1], ta, tb), [Real(Seed, [3, .. a]), Param(Seed + 1, shared)], Seed, output, "shared b");
    }

    [Fact]
    public void MatMul_MatchesNaiveLoop()
    {
        var r = new SeededRandom(Seed);
        Tensor<double> a = Random(r, 2, 3, 7), b = Random(r, 2, 7, 4);
        using var tape = new Tape<double>();
        Variable<double> y = Ops.MatMul(tape.Input(a), tape.Input(b));
        for (int i = 0; i < 2; i++)
        {
            for (int p = 0; p < 3; p++)
            {
                for (int q = 0; q < 4; q++)
                {
                    double s = 0;
                    for (int k = 0; k < 7; k++)
                    {
                        s += a.Span[(i * 21) + (p * 7) + k] * b.Span[(i * 28) + (k * 4) + q];
                    }
                    Xunit.Assert.Equal(s, y.Value.Span[(i * 12) + (p * 4) + q], 12);
                }
            }
        }
    }

    [Fact]
    public void Linear_WithAndWithoutBias_MatchesFiniteDifferences()
    {
        AssertGradients((t, v) => Ops.Linear(v[0], v[1], v[2]), [Real(Seed, 4, 6), Param(Seed + 1, 6, 3), Param(Seed + 2, 3)], Seed, output, "with bias");
        AssertGradients((t, v) => Ops.Linear(v[0], v[1]), [Real(Seed, 2, 5, 6), Param(Seed + 1, 6, 3)], Seed, output, "tokens, no bias");
    }

    [Fact]
    public void ComplexMatMul_AllOperandKinds_MatchesFiniteDifferences()
    {
        AssertGradients((t, v) => Ops.ComplexMatMul(v[0], v[1]), [Complex(Seed, 3, 4), Complex(Seed + 1, 4, 2)], Seed, output, "complex · complex");
        AssertGradients((t, v) => Ops.ComplexMatMul(v[0], v[1]), [Complex(Seed, 2, 3, 4), Complex(Seed + 1, 2, 4, 2)], Seed, output, "batched");
        AssertGradients((t, v) => Ops.ComplexMatMul(v[0], v[1]), [Complex(Seed, 2, 3, 4), Complex(Seed + 1, 4, 2)], Seed, output, "shared b");
        AssertGradients((t, v) => Ops.ComplexMatMul(v[0], v[1]), [Real(Seed, 3, 4), Complex(Seed + 1, 4, 2)], Seed, output, "real · complex");
        AssertGradients((t, v) => Ops.ComplexMatMul(v[0], v[1]), [Complex(Seed, 3, 4), Param(Seed + 1, 4, 2)], Seed, output, "complex · real parameter");
    }

    [Fact]
    public void ComplexMatMul_MatchesNaiveComplexLoop()
    {
        var r = new SeededRandom(Seed);
        Tensor<double> a = Random(r, 3, 5, 2), b = Random(r, 5, 2, 2);
        using var tape = new Tape<double>();
        Variable<double> y = Ops.MatMul(tape.Input(a, isComplex: true), tape.Input(b, isComplex: true));
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                var s = System.Numerics.Complex.Zero;
                for (int k = 0; k < 5; k++)
                {
                    s += new System.Numerics.Complex(a.Span[(((i * 5) + k) * 2)], a.Span[(((i * 5) + k) * 2) + 1])
                        * new System.Numerics.Complex(b.Span[(((k * 2) + j) * 2)], b.Span[(((k * 2) + j) * 2) + 1]);
                }
                Xunit.Assert.Equal(s.Real, y.Value.Span[((i * 2) + j) * 2], 12);
                Xunit.Assert.Equal(s.Imaginary, y.Value.Span[(((i * 2) + j) * 2) + 1], 12);
            }
        }
    }

    [Fact]
    public void MatMul_InnerSizesDiffer_ThrowsNamingBothShapes()
    {
        using var tape = new Tape<double>();
        var e = Xunit.Assert.Throws<ShapeMismatchException>(() => Ops.MatMul(tape.Input(new Tensor<double>(2, 3)), tape.Input(new Tensor<double>(4, 5))));
        Xunit.Assert.Contains("3 ≠ 4", e.Message, StringComparison.Ordinal);
    }
}
