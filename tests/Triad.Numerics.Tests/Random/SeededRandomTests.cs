using Triad.Numerics.Random;
using Xunit.Abstractions;

namespace Triad.Numerics.Tests.Random;

public class SeededRandomTests
{
    private const ulong Seed = 20240611;

    // Upper 0.1 % points of the chi-square distribution, so a correct generator fails one run in a thousand
    // seeds; the seed is fixed, so the outcome is the same on every run.
    private const double ChiSquare5Dof999 = 20.515;
    private const double ChiSquare9Dof999 = 27.877;

    private readonly ITestOutputHelper _output;

    public SeededRandomTests(ITestOutputHelper output)
    {
        _output = output;
        _output.WriteLine($"seed {Seed}");
    }

    [Fact]
    public void NextUInt64_SameSeed_SameSequence()
    {
        var a = new SeededRandom(Seed);
        var b = new SeededRandom(Seed);

        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void NextUInt64_DifferentSeeds_DifferentSequences()
    {
        var a = new SeededRandom(Seed);
        var b = new SeededRandom(Seed + 1);

        int equal = Enumerable.Range(0, 100).Count(_ => a.NextUInt64() == b.NextUInt64());

        Assert.Equal(0, equal);
    }

    [Fact]
    public void Fork_AfterParentConsumedValues_SameStream()
    {
        var fresh = new SeededRandom(Seed);
        var used = new SeededRandom(Seed);
        for (int i = 0; i < 1234; i++)
        {
            used.NextUInt64();
        }
        used.NextGaussian();

        SeededRandom a = fresh.Fork(7);
        SeededRandom b = used.Fork(7);

        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void Fork_DoesNotAdvanceParent()
    {
        var a = new SeededRandom(Seed);
        var b = new SeededRandom(Seed);

        a.Fork(1).NextUInt64();

        Assert.Equal(b.NextUInt64(), a.NextUInt64());
    }

    [Fact]
    public void Fork_NestedChain_Reproducible()
    {
        ulong x = new SeededRandom(Seed).Fork(3).Fork(5).NextUInt64();
        ulong y = new SeededRandom(Seed).Fork(3).Fork(5).NextUInt64();
        ulong z = new SeededRandom(Seed).Fork(5).Fork(3).NextUInt64();

        Assert.Equal(x, y);
        Assert.NotEqual(x, z);
    }

    [Fact]
    public void Fork_DifferentStreams_DifferFromEachOtherAndParent()
    {
        var parent = new SeededRandom(Seed);
        SeededRandom s0 = parent.Fork(0);
        SeededRandom s1 = parent.Fork(1);
        var other = new SeededRandom(Seed + 1).Fork(0);

        ulong[] p = Take(parent, 64), a = Take(s0, 64), b = Take(s1, 64), c = Take(other, 64);

        Assert.Empty(p.Intersect(a));
        Assert.Empty(a.Intersect(b));
        Assert.Empty(a.Intersect(c));
    }

    [Fact]
    public void Fork_NeighbouringStreams_Uncorrelated()
    {
        const int n = 100_000;
        var parent = new SeededRandom(Seed);
        SeededRandom s0 = parent.Fork(0), s1 = parent.Fork(1);
        double sxy = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double x = s0.NextDouble(), y = s1.NextDouble();
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        double cov = (sxy / n) - (sx / n * (sy / n));
        double r = cov / Math.Sqrt(((sxx / n) - (sx / n * (sx / n))) * ((syy / n) - (sy / n * (sy / n))));
        _output.WriteLine($"correlation {r}");

        // Standard error of r is 1/√n ≈ 0.0032; 0.016 is five of them.
        Assert.InRange(r, -0.016, 0.016);
    }

    [Fact]
    public void NextDouble_ManySamples_InUnitInterval()
    {
        var rng = new SeededRandom(Seed);

        for (int i = 0; i < 100_000; i++)
        {
            double x = rng.NextDouble();
            Assert.True(x >= 0 && x < 1, $"sample {i} = {x}");
            double y = rng.NextDouble(-3, 5);
            Assert.True(y >= -3 && y < 5, $"sample {i} = {y}");
        }
    }

    [Fact]
    public void NextInt_TenBins_PassesChiSquare()
    {
        const int bins = 10, samples = 100_000;
        var rng = new SeededRandom(Seed);
        var counts = new long[bins];
        for (int i = 0; i < samples; i++)
        {
            counts[rng.NextInt(bins)]++;
        }

        double chi2 = ChiSquare(counts, samples / (double)bins);
        _output.WriteLine($"chi-square {chi2:F2} (df 9, 0.1 % point {ChiSquare9Dof999})");

        Assert.True(chi2 < ChiSquare9Dof999, $"chi-square {chi2:F2} for counts [{string.Join(", ", counts)}]");
    }

    [Fact]
    public void NextInt_LargeBoundNotPowerOfTwo_NoModuloBias()
    {
        // n = 3·2²⁹: reducing 32 random bits modulo n would make [0, 2³⁰) half again as likely as the rest,
        // putting about 11 % instead of 10 % of the samples in each of the first six deciles.
        const int n = 3 << 29, bins = 10, samples = 100_000;
        var rng = new SeededRandom(Seed);
        var counts = new long[bins];
        for (int i = 0; i < samples; i++)
        {
            int x = rng.NextInt(n);
            Assert.InRange(x, 0, n - 1);
            counts[(int)((long)x * bins / n)]++;
        }

        double chi2 = ChiSquare(counts, samples / (double)bins);
        _output.WriteLine($"chi-square {chi2:F2}");

        Assert.True(chi2 < ChiSquare9Dof999, $"chi-square {chi2:F2} for counts [{string.Join(", ", counts)}]");
    }

    [Fact]
    public void NextInt_BoundOne_AlwaysZero()
    {
        var rng = new SeededRandom(Seed);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(0, rng.NextInt(1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(int.MinValue)]
    public void NextInt_NonPositiveBound_ThrowsArgumentOutOfRange(int n)
    {
        var rng = new SeededRandom(Seed);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(n));
        Assert.Equal("n", ex.ParamName);
    }

    [Fact]
    public void NextGaussian_200kSamples_StandardNormalMoments()
    {
        const int n = 200_000;
        var rng = new SeededRandom(Seed);
        double sum = 0, sumSq = 0;
        int withinOne = 0, beyondTwo = 0;
        for (int i = 0; i < n; i++)
        {
            double x = rng.NextGaussian();
            sum += x;
            sumSq += x * x;
            withinOne += Math.Abs(x) < 1 ? 1 : 0;
            beyondTwo += Math.Abs(x) > 2 ? 1 : 0;
        }
        double mean = sum / n;
        double variance = (sumSq / n) - (mean * mean);
        _output.WriteLine($"mean {mean}, variance {variance}, P(|x|<1) {withinOne / (double)n}, P(|x|>2) {beyondTwo / (double)n}");

        // Tolerances are about five standard errors: 1/√n ≈ 0.0022 for the mean, √(2/n) ≈ 0.0032 for the
        // variance, and √(p(1−p)/n) ≈ 0.0010 and 0.00047 for the two probabilities.
        Assert.InRange(mean, -0.011, 0.011);
        Assert.InRange(variance, 0.984, 1.016);
        Assert.InRange(withinOne / (double)n, 0.6827 - 0.005, 0.6827 + 0.005);
        Assert.InRange(beyondTwo / (double)n, 0.0455 - 0.0024, 0.0455 + 0.0024);
    }

    [Fact]
    public void FillGaussian_MeanAndDeviation_Scaled()
    {
        var rng = new SeededRandom(Seed);
        var values = new double[100_000];

        rng.FillGaussian(values, 3.0, 0.5);

        double mean = values.Average();
        double sd = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, 3.0 - 0.008, 3.0 + 0.008);
        Assert.InRange(sd, 0.5 - 0.006, 0.5 + 0.006);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(1000)]
    public void Permutation_N_ContainsEachIndexOnce(int n)
    {
        var rng = new SeededRandom(Seed);

        int[] p = rng.Permutation(n);

        Assert.Equal(Enumerable.Range(0, n), p.Order());
    }

    [Fact]
    public void Permutation_Three_AllSixOrdersEquallyLikely()
    {
        const int samples = 60_000;
        var rng = new SeededRandom(Seed);
        var counts = new Dictionary<string, long>();
        for (int i = 0; i < samples; i++)
        {
            string key = string.Join(",", rng.Permutation(3));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        double chi2 = ChiSquare(counts.Values.ToArray(), samples / 6.0);
        _output.WriteLine($"chi-square {chi2:F2} over {counts.Count} orders");

        Assert.Equal(6, counts.Count);
        Assert.True(chi2 < ChiSquare5Dof999, $"chi-square {chi2:F2}");
    }

    [Fact]
    public void Shuffle_SameSeed_SameOrder()
    {
        int[] a = Enumerable.Range(0, 50).ToArray();
        int[] b = Enumerable.Range(0, 50).ToArray();

        new SeededRandom(Seed).Shuffle<int>(a);
        new SeededRandom(Seed).Shuffle<int>(b);

        Assert.Equal(a, b);
        Assert.NotEqual(Enumerable.Range(0, 50), a);
    }

    private static ulong[] Take(SeededRandom rng, int count) =>
        Enumerable.Range(0, count).Select(_ => rng.NextUInt64()).ToArray();

    private static double ChiSquare(IReadOnlyList<long> counts, double expected) =>
        counts.Sum(c => (c - expected) * (c - expected) / expected);
}
