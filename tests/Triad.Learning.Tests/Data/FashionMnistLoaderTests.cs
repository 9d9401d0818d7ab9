using System.Diagnostics;
using Triad.Learning.Data;
using Xunit.Abstractions;

namespace Triad.Learning.Tests.Data;

public sealed class FashionMnistLoaderTests : IDisposable
{
    private const string NotInstalled = "Fashion-MNIST not installed: apt-get install -y dataset-fashion-mnist";
    private readonly TempDirectory _dir = new();
    private readonly ITestOutputHelper _output;

    public FashionMnistLoaderTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_SyntheticTestSplit_ScalesPixelsAndShapesNx1x28x28(bool gzip)
    {
        const int count = 3;
        byte[] pixels = TestFiles.Ramp(count * 28 * 28);
        WriteSplit("t10k", TestFiles.IdxImages(count, 28, 28, pixels), TestFiles.IdxLabels([9, 0, 4]), gzip);

        Dataset data = FashionMnistLoader.Load(_dir.Path, FashionMnistSplit.Test);

        Assert.Equal("fashion-mnist-test", data.Name);
        Assert.Equal([count, 1, 28, 28], data.Features.Shape.ToArray());
        Assert.Equal([9, 0, 4], data.Labels);
        Assert.Equal("Ankle boot", data.ClassNames[9]);
        Assert.Equal(pixels[(2 * 784) + (5 * 28) + 7] / 255.0, data.Features[2, 0, 5, 7]);
    }

    [Fact]
    public void Load_ImageAndLabelCountsDisagree_ThrowsNamingBothCounts()
    {
        WriteSplit("train", TestFiles.IdxImages(3, 28, 28, TestFiles.Ramp(3 * 784)), TestFiles.IdxLabels([1, 2]), gzip: true);

        var e = Assert.Throws<DataFormatException>(() => FashionMnistLoader.Load(_dir.Path, FashionMnistSplit.Train));

        Assert.Equal("train-labels-idx1-ubyte.gz byte 4: 2 labels for 3 images in train-images-idx3-ubyte.gz", e.Message);
    }

    [Fact]
    public void Load_ImagesNot28x28_Throws()
    {
        WriteSplit("t10k", TestFiles.IdxImages(1, 8, 8, TestFiles.Ramp(64)), TestFiles.IdxLabels([1]), gzip: true);

        var e = Assert.Throws<DataFormatException>(() => FashionMnistLoader.Load(_dir.Path, FashionMnistSplit.Test));

        Assert.Contains("images are 8x8; Fashion-MNIST images are 28x28", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LabelAbove9_ThrowsNamingRecord()
    {
        WriteSplit("t10k", TestFiles.IdxImages(2, 28, 28, TestFiles.Ramp(2 * 784)), TestFiles.IdxLabels([1, 10]), gzip: true);

        var e = Assert.Throws<DataFormatException>(() => FashionMnistLoader.Load(_dir.Path, FashionMnistSplit.Test));

        Assert.Equal("record 1", e.Location);
    }

    [Fact]
    public void Load_MissingFiles_ThrowsFileNotFoundWithInstallHint()
    {
        var e = Assert.Throws<FileNotFoundException>(() => FashionMnistLoader.Load(_dir.Path, FashionMnistSplit.Test));

        Assert.Contains("apt-get install -y dataset-fashion-mnist", e.Message, StringComparison.Ordinal);
        Assert.Contains(_dir.Path, e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Load_InstalledTestSplit_Has10000ImagesOf1000PerClass()
    {
        string directory = FashionMnistLoader.DefaultDirectory;
        Skip.IfNot(File.Exists(Path.Combine(directory, FashionMnistLoader.ImagesFileName(FashionMnistSplit.Test))), NotInstalled);

        var clock = Stopwatch.StartNew();
        Dataset test = FashionMnistLoader.Load(directory, FashionMnistSplit.Test);
        _output.WriteLine($"loaded {test} in {clock.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal(10_000, test.Count);
        Assert.Equal([1, 28, 28], test.SampleShape);
        Assert.Equal(Enumerable.Repeat(1000, 10), test.ClassCounts());
        Assert.Equal(0.0, test.Features.Data.Min());
        Assert.Equal(1.0, test.Features.Data.Max());
        Assert.Equal(9, test.Labels[0]); // The first test image is an ankle boot.
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Load_InstalledTrainSplit_Has60000ImagesOf6000PerClass()
    {
        string directory = FashionMnistLoader.DefaultDirectory;
        Skip.IfNot(File.Exists(Path.Combine(directory, FashionMnistLoader.ImagesFileName(FashionMnistSplit.Train))), NotInstalled);

        var clock = Stopwatch.StartNew();
        Dataset train = FashionMnistLoader.Load(directory, FashionMnistSplit.Train);
        _output.WriteLine($"loaded {train} in {clock.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal(60_000, train.Count);
        Assert.Equal([1, 28, 28], train.SampleShape);
        Assert.Equal(Enumerable.Repeat(6000, 10), train.ClassCounts());
    }

    private void WriteSplit(string prefix, byte[] images, byte[] labels, bool gzip)
    {
        string extension = gzip ? ".gz" : string.Empty;
        TestFiles.Write(_dir.File($"{prefix}-images-idx3-ubyte{extension}"), images, gzip);
        TestFiles.Write(_dir.File($"{prefix}-labels-idx1-ubyte{extension}"), labels, gzip);
    }
}
