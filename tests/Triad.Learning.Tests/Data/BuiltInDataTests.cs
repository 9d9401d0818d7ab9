using Triad.Learning.Data;

namespace Triad.Learning.Tests.Data;

public sealed class BuiltInDataTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_Iris_ReturnsVendoredIris()
    {
        Dataset iris = BuiltInData.Load("iris");

        Assert.Equal(150, iris.Count);
        Assert.Equal(3, iris.ClassCount);
    }

    [Fact]
    public void Load_DigitsInUpperCase_ReturnsVendoredDigits()
    {
        Dataset digits = BuiltInData.Load("DIGITS");

        Assert.Equal(1797, digits.Count);
        Assert.Equal(10, digits.ClassCount);
    }

    [Fact]
    public void Load_UnknownName_ThrowsListingKnownNames()
    {
        var e = Assert.Throws<ArgumentException>(() => BuiltInData.Load("mnist"));

        Assert.Equal("name", e.ParamName);
        Assert.Contains("unknown data set 'mnist'; known: iris, digits, fashion-mnist, fashion-mnist-test", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindVendoredFile_UnknownFile_ThrowsFileNotFound()
    {
        var e = Assert.Throws<FileNotFoundException>(() => BuiltInData.FindVendoredFile("no-such-data.csv"));

        Assert.Contains("'no-such-data.csv' not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFashionMnist_EmptyDirectory_ThrowsWithInstallHint()
    {
        var e = Assert.Throws<FileNotFoundException>(() => BuiltInData.LoadFashionMnist(FashionMnistSplit.Train, _dir.Path));

        Assert.Contains("Fashion-MNIST not found", e.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y dataset-fashion-mnist", e.Message, StringComparison.Ordinal);
        Assert.Contains(BuiltInData.FashionMnistDirectoryVariable, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFashionMnist_OnlyLabelsMissing_NamesLabelFile()
    {
        TestFiles.Write(_dir.File("t10k-images-idx3-ubyte.gz"), TestFiles.IdxImages(1, 28, 28, new byte[784]), gzip: true);

        var e = Assert.Throws<FileNotFoundException>(() => BuiltInData.LoadFashionMnist(FashionMnistSplit.Test, _dir.Path));

        Assert.Contains("t10k-labels-idx1-ubyte.gz", e.Message, StringComparison.Ordinal);
    }
}
