using Triad.Learning.Autograd;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Xunit.Abstractions;
using static Triad.Learning.Tests.Autograd.TapeCheck;

namespace Triad.Learning.Tests.Autograd;

public sealed class AttentionTests(ITestOutputHelper output)
{
    private const ulong Seed = 1717;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ScaledDotProductAttention_MatchesFiniteDifferences(bool causal)
    {
        AssertGradients((t, v) => Ops.ScaledDotProductAttention(v[0], v[1], v[2], causal),
            [Real(Seed, 2, 3, 5, 4), Real(Seed + 1, 2, 3, 5, 4), Real(Seed + 2, 2, 3, 5, 6)], Seed, output, causal ? "causal" : "full");
        AssertGradients((t, v) => Ops.ScaledDotProductAttention(v[0], v[1], v[2], causal),
            [Real(Seed, 2, 4, 3), Real(Seed + 1, 2, 6, 3), Real(Seed + 2, 2, 6, 2)], Seed, output, "Tq ≠ Tk");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ScaledDotProductAttention_MatchesNaiveLoop(bool causal)
    {
        var r = new SeededRandom(Seed);
        int items = 3, tq = 5, tk = 5, dk = 4, dv = 3;
        Tensor<double> q = Random(r, items, tq, dk), k = Random(r, items, tk, dk), v = Random(r, items, tk, dv);
        using var tape = new Tape<double>();
        Variable<double> y = Ops.ScaledDotProductAttention(tape.Input(q), tape.Input(k), tape.Input(v), causal);
        double[] expected = NaiveAttention(q.Span.ToArray(), k.Span.ToArray(), v.Span.ToArray(), items, tq, tk, dk, dv, causal);
        for (int i = 0; i < expected.Length; i++)
        {
            Xunit.Assert.Equal(expected[i], y.Value.Span[i], 12);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MultiHeadAttention_FusedQkv_EqualsHeadsSplitByHand(bool causal)
    {
        int batch = 2, tokens = 5, heads = 3, dh = 4, dim = heads * dh;
        Tensor<double> qkv = Random(new SeededRandom(Seed), batch, tokens, 3 * dim);
        using var tape = new Tape<double>();
        Variable<double> x = tape.Input(qkv);
        Variable<double> fused = Ops.MultiHeadAttention(x, heads, causal);

        // Split q, k, v and the heads with reshape/permute, attend per head, and put the heads back together.
        Variable<double>[] parts = Ops.Split(x, 2, dim, dim, dim);
        Variable<double> Heads(Variable<double> p) => Ops.Permute(Ops.Reshape(p, batch, tokens, heads, dh), 0, 2, 1, 3);
        Variable<double> attended = Ops.ScaledDotProductAttention(Heads(parts[0]), Heads(parts[1]), Heads(parts[2]), causal);
        Variable<double> byHand = Ops.Reshape(Ops.Permute(attended, 0, 2, 1, 3), batch, tokens, dim);
        for (int i = 0; i < fused.Length; i++)
        {
            Xunit.Assert.Equal(byHand.Value.Span[i], fused.Value.Span[i], 12);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MultiHeadAttention_MatchesFiniteDifferences(bool causal) =>
        AssertGradients((t, v) => Ops.MultiHeadAttention(v[0], 2, causal), [Real(Seed, 2, 4, 3 * 6)], Seed, output, "fused qkv");

    [Fact]
    public void MultiHeadAttention_HeadsThatDoNotDivide_Throws()
    {
        using var tape = new Tape<double>();
        Xunit.Assert.Throws<ArgumentOutOfRangeException>(() => Ops.MultiHeadAttention(tape.Input(new Tensor<double>(1, 2, 30)), 4));
    }

    private static double[] NaiveAttention(double[] q, double[] k, double[] v, int items, int tq, int tk, int dk, int dv, bool causal)
    {
        double[] y = new double[items * tq * dv];
        for (int n = 0; n < items; n++)
        {
            for (int i = 0; i < tq; i++)
            {
                double[] s = new double[tk];
                double max = double.NegativeInfinity;
                for (int j = 0; j < tk; j++)
                {
                    if (causal && j > i)
                    {
                        s[j] = double.NegativeInfinity;
                        continue;
                    }
                    for (int d = 0; d < dk; d++)
                    {
                        s[j] += q[(((n * tq) + i) * dk) + d] * k[(((n * tk) + j) * dk) + d];
                    }
                    s[j] /= Math.Sqrt(dk);
                    max = Math.Max(max, s[j]);
                }
                double z = 0;
                for (int j = 0; j < tk; j++)
                {
                    s[j] = Math.Exp(s[j] - max);
                    z += s[j];
                }
                for (int j = 0; j < tk; j++)
                {
                    for (int d = 0; d < dv; d++)
                    {
                        y[(((n * tq) + i) * dv) + d] += s[j] / z * v[(((n * tk) + j) * dv) + d];
                    }
                }
            }
        }
        return y;
    }
}
