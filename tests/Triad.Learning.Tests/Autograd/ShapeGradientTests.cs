using Triad.Learning.Autograd;
using Triad.Numerics.Tensors;
using Xunit.Abstractions;
using static Triad.Learning.Tests.Autograd.TapeCheck;

namespace Triad.Learning.Tests.Autograd;

public sealed class ShapeGradientTests(ITestOutputHelper output)
{
    private const ulong Seed = 777;

    [Fact]
    public void Sum_And_Mean_OverAxes_MatchFiniteDifferences()
    {
        foreach (int[]? axes in (int[]?[])[null, [0], [1], [2], [0, 2], [-1]])
        {
            string what = axes is null ? "all" : string.Join(",", axes);
            AssertGradients((t, v) => Ops.Sum(v[0], axes), [Real(Seed, 2, 3, 4)], Seed, output, $"sum {what}");
            AssertGradients((t, v) => Ops.Mean(v[0], axes, keepDims: true), [Real(Seed, 2, 3, 4)], Seed, output, $"mean keepdims {what}");
        }
        AssertGradients((t, v) => Ops.Sum(v[0], [1]), [Complex(Seed, 2, 3)], Seed, output, "complex sum");
    }

    [Fact]
    public void Sum_OverMiddleAxis_GivesTheRightNumbersAndShape()
    {
        using var tape = new Tape<double>();
        var x = tape.Input(new Tensor<double>(Enumerable.Range(0, 24).Select(i => (double)i).ToArray(), 2, 3, 4));
        Variable<double> y = Ops.Sum(x, [1]);
        Xunit.Assert.Equal([2, 4], y.ShapeArray);
        // y[0, j] = x[0,0,j] + x[0,1,j] + x[0,2,j] = j + (4 + j) + (8 + j)
        Xunit.Assert.Equal([12, 15, 18, 21, 48, 51, 54, 57], y.Value.Span.ToArray());
    }

    [Fact]
    public void Reshape_Permute_Transpose_MatchFiniteDifferences()
    {
        AssertGradients((t, v) => Ops.Multiply(Ops.Reshape(v[0], 6, -1), Ops.Reshape(v[0], 6, -1)), [Real(Seed, 2, 3, 4)], Seed, output, "reshape (shares storage)");
        AssertGradients((t, v) => Ops.Permute(v[0], 2, 0, 1), [Real(Seed, 2, 3, 4)], Seed, output, "permute");
        AssertGradients((t, v) => Ops.Transpose(v[0]), [Real(Seed, 2, 3, 4)], Seed, output, "transpose");
        AssertGradients((t, v) => Ops.Permute(v[0], 1, 0), [Complex(Seed, 3, 5)], Seed, output, "complex permute");
    }

    [Fact]
    public void Permute_MovesElementsWhereTheAxesSay()
    {
        using var tape = new Tape<double>();
        var x = tape.Input(new Tensor<double>(Enumerable.Range(0, 24).Select(i => (double)i).ToArray(), 2, 3, 4));
        Variable<double> y = Ops.Permute(x, 2, 0, 1);
        Xunit.Assert.Equal([4, 2, 3], y.ShapeArray);
        for (int a = 0; a < 2; a++)
        {
            for (int b = 0; b < 3; b++)
            {
                for (int c = 0; c < 4; c++)
                {
                    Xunit.Assert.Equal((a * 12) + (b * 4) + c, y.Value.Span[(c * 6) + (a * 3) + b]);
                }
            }
        }
    }

    [Fact]
    public void Concat_Slice_Split_MatchFiniteDifferences()
    {
        AssertGradients((t, v) => Ops.Concat([v[0], v[1], v[0]], 1), [Real(Seed, 2, 3, 2), Real(Seed + 1, 2, 1, 2)], Seed, output, "concat axis 1");
        AssertGradients((t, v) => Ops.Concat([v[0], v[1]], 0), [Complex(Seed, 2, 3), Complex(Seed + 1, 1, 3)], Seed, output, "complex concat");
        AssertGradients((t, v) => Ops.Slice(v[0], 1, 1, 2), [Real(Seed, 2, 4, 3)], Seed, output, "slice");
        AssertGradients((t, v) =>
        {
            Variable<double>[] parts = Ops.Split(v[0], -1, 1, 3, 2);
            return Ops.Concat([parts[2], parts[0], parts[1]], -1);
        }, [Real(Seed, 3, 6)], Seed, output, "split and reorder");
    }

    [Fact]
    public void IndexSelect_Embedding_Repeat_MatchFiniteDifferences()
    {
        AssertGradients((t, v) => Ops.IndexSelect(v[0], 1, [2, 0, 2, 3]), [Real(Seed, 2, 4, 3)], Seed, output, "index-select with a repeated index");
        AssertGradients((t, v) => Ops.Embedding(t, v[1], [4, 1, 4, 0, 2, 2], 2, 3), [Real(Seed, 1), Param(Seed + 1, 5, 3)], Seed, output, "embedding");
        AssertGradients((t, v) => Ops.Add(Ops.Repeat(t, v[1], 3), v[0]), [Real(Seed, 3, 2, 4), Param(Seed + 1, 2, 4)], Seed, output, "repeat");
    }

    [Fact]
    public void Patches_MatchFiniteDifferences()
    {
        AssertGradients((t, v) => Ops.Patches(v[0], 2), [Real(Seed, 2, 3, 4, 6)], Seed, output, "2×2 patches");
    }

    [Fact]
    public void IndexSelect_IndexOutOfRange_ThrowsNamingIt()
    {
        using var tape = new Tape<double>();
        var e = Xunit.Assert.Throws<ArgumentOutOfRangeException>(() => Ops.IndexSelect(tape.Input(new Tensor<double>(3, 2)), 0, [0, 3]));
        Xunit.Assert.Contains("index 3 at position 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reshape_WrongCount_Throws()
    {
        using var tape = new Tape<double>();
        Xunit.Assert.Throws<ShapeMismatchException>(() => Ops.Reshape(tape.Input(new Tensor<double>(2, 3)), 4, 2));
    }
}
