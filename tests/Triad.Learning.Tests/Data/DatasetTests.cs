using Triad.Learning.Data;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Xunit.Abstractions;

namespace Triad.Learning.Tests.Data;

public class DatasetTests
{
    private const ulong Seed = 20240611;
    private readonly ITestOutputHelper _output;

    public DatasetTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Constructor_LabelCountDiffersFromRows_ThrowsNamingBoth()
    {
        var features = new Tensor<double>(3, 2);

        var e = Assert.Throws<ArgumentException>(() => new Dataset("toy", features, [0, 1], ["a", "b"]));

        Assert.Contains("have 3 rows but there are 2 labels", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void Constructor_LabelOutOfRange_ThrowsNamingSample(int label)
    {
        var features = new Tensor<double>(3, 2);

        var e = Assert.Throws<ArgumentException>(() => new Dataset("toy", features, [0, 1, label], ["a", "b"]));

        Assert.Contains($"label {label} of sample 2 is outside 0..1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subset_Indices_GathersRowsAndLabelsInOrder()
    {
        Dataset data = IndexDataset([0, 1, 2, 1, 0]);

        Dataset subset = data.Subset([4, 1, 1]);

        Assert.Equal([4.0, 1, 1], subset.Features.Data);
        Assert.Equal([0, 1, 1], subset.Labels);
        Assert.Equal(data.ClassNames, subset.ClassNames);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset([5]));
    }

    [Fact]
    public void WithSampleShape_DigitsTo1x8x8_SharesDataAndLabels()
    {
        Dataset digits = DigitsLoader.Load(BuiltInData.FindVendoredFile("digits.csv.gz"));

        Dataset images = digits.WithSampleShape(1, 8, 8);

        Assert.Equal([1797, 1, 8, 8], images.Features.Shape.ToArray());
        Assert.Equal([1, 8, 8], images.SampleShape);
        Assert.Same(digits.Features.Data, images.Features.Data);
        Assert.Same(digits.Labels, images.Labels);
        Assert.Equal(digits.Features[5, 8 + 3], images.Features[5, 0, 1, 3]);
    }

    [Fact]
    public void WithSampleShape_WrongElementCount_ThrowsShapeMismatch()
    {
        Dataset data = new("toy", new Tensor<double>(2, 64), [0, 1], ["a", "b"]);

        Assert.Throws<ShapeMismatchException>(() => data.WithSampleShape(1, 8, 9));
    }

    [Fact]
    public void StratifiedSplit_Digits80To20_KeepsEachClassProportionWithinOneSample()
    {
        Dataset digits = DigitsLoader.Load(BuiltInData.FindVendoredFile("digits.csv.gz"));
        _output.WriteLine($"seed {Seed}");

        (Dataset train, Dataset test) = digits.StratifiedSplit(0.2, Seed);

        int[] all = digits.ClassCounts(), inTrain = train.ClassCounts(), inTest = test.ClassCounts();
        for (int c = 0; c < digits.ClassCount; c++)
        {
            Assert.Equal(all[c], inTrain[c] + inTest[c]);
            Assert.InRange(inTest[c], (0.2 * all[c]) - 1, (0.2 * all[c]) + 1);
        }
        Assert.Equal(digits.Count, train.Count + test.Count);
        Assert.Equal(digits.SampleShape, test.SampleShape);
    }

    [Fact]
    public void StratifiedSplit_DigitsLabels_TrainAndTestAreDisjointAndCoverAllSamples()
    {
        Dataset digits = DigitsLoader.Load(BuiltInData.FindVendoredFile("digits.csv.gz"));
        Dataset indexed = IndexDataset(digits.Labels);
        _output.WriteLine($"seed {Seed}");

        (Dataset train, Dataset test) = indexed.StratifiedSplit(0.2, Seed);

        int[] trainIndices = Indices(train), testIndices = Indices(test);
        Assert.Empty(trainIndices.Intersect(testIndices));
        Assert.Equal(Enumerable.Range(0, digits.Count), trainIndices.Concat(testIndices).Order());
        Assert.Equal(trainIndices.Order(), trainIndices);
        Assert.Equal(testIndices.Order(), testIndices);
        for (int k = 0; k < testIndices.Length; k++)
        {
            Assert.Equal(digits.Labels[testIndices[k]], test.Labels[k]);
        }
    }

    [Fact]
    public void StratifiedSplit_SameSeed_GivesSameSplitAndOtherSeedAnother()
    {
        Dataset data = IndexDataset(DigitsLoader.Load(BuiltInData.FindVendoredFile("digits.csv.gz")).Labels);
        _output.WriteLine($"seeds {Seed}, {Seed + 1}");

        int[] first = Indices(data.StratifiedSplit(0.2, Seed).Test);
        int[] second = Indices(data.StratifiedSplit(0.2, Seed).Test);
        int[] other = Indices(data.StratifiedSplit(0.2, Seed + 1).Test);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void StratifiedSplit_RandomLabelsAndFractions_TestTakesRoundedShareOfEachClass()
    {
        _output.WriteLine($"seed {Seed}");
        var random = new SeededRandom(Seed);
        for (int trial = 0; trial < 200; trial++)
        {
            int classes = 1 + random.NextInt(5);
            var labels = new int[random.NextInt(60)];
            for (int i = 0; i < labels.Length; i++)
            {
                labels[i] = random.NextInt(classes);
            }
            double fraction = trial % 10 == 0 ? trial % 20 == 0 ? 0.0 : 1.0 : random.NextDouble();
            Dataset data = IndexDataset(labels, classes);

            (Dataset train, Dataset test) = data.StratifiedSplit(fraction, random.NextUInt64());

            int[] all = data.ClassCounts(), inTest = test.ClassCounts();
            for (int c = 0; c < classes; c++)
            {
                Assert.Equal((int)Math.Round(fraction * all[c], MidpointRounding.AwayFromZero), inTest[c]);
            }
            Assert.Equal(Enumerable.Range(0, labels.Length), Indices(train).Concat(Indices(test)).Order());
        }
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void StratifiedSplit_FractionOutsideUnitInterval_Throws(double fraction)
    {
        Dataset data = IndexDataset([0, 1]);

        Assert.Throws<ArgumentOutOfRangeException>(() => data.StratifiedSplit(fraction, Seed));
    }

    [Fact]
    public void ClassCounts_ClassWithNoSamples_CountsZero()
    {
        Dataset data = IndexDataset([2, 0, 2], classes: 4);

        Assert.Equal([1, 0, 2, 0], data.ClassCounts());
    }

    /// <summary>A data set whose single feature of sample i is i, so splits can be traced back.</summary>
    private static Dataset IndexDataset(int[] labels, int classes = 0)
    {
        classes = Math.Max(classes, labels.Length == 0 ? 1 : labels.Max() + 1);
        double[] features = Enumerable.Range(0, labels.Length).Select(i => (double)i).ToArray();
        string[] names = Enumerable.Range(0, classes).Select(c => $"class {c}").ToArray();
        return new Dataset("indexed", new Tensor<double>(features, labels.Length, 1), labels, names);
    }

    private static int[] Indices(Dataset data) => data.Features.Data.Select(x => (int)x).ToArray();
}
