using Triad.Learning.Data;

namespace Triad.Learning.Tests.Data;

public sealed class IrisLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_VendoredFile_Has150SamplesIn3ClassesOf50()
    {
        Dataset iris = IrisLoader.Load(BuiltInData.FindVendoredFile("iris.csv"));

        Assert.Equal("iris", iris.Name);
        Assert.Equal(150, iris.Count);
        Assert.Equal([4], iris.SampleShape);
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.ClassNames);
        Assert.Equal([50, 50, 50], iris.ClassCounts());
        Assert.Equal([5.1, 3.5, 1.4, 0.2], iris.Features.Data[..4]);
        Assert.All(iris.Features.Data, x => Assert.InRange(x, 0.1, 7.9));
    }

    [Fact]
    public void Load_HeaderDeclaresMoreSamplesThanRows_ThrowsAtLine1()
    {
        string path = _dir.WriteText("iris.csv", "3,2,a,b\n1,2,0\n3,4,1\n");

        var e = Assert.Throws<DataFormatException>(() => IrisLoader.Load(path));

        Assert.Equal("iris.csv line 1: header declares 3 samples, the file has 2 rows", e.Message);
    }

    [Fact]
    public void Load_HeaderDeclaresFewerSamplesThanRows_ThrowsAtLine1()
    {
        string path = _dir.WriteText("iris.csv", "1,2,a,b\n1,2,0\n3,4,1\n");

        var e = Assert.Throws<DataFormatException>(() => IrisLoader.Load(path));

        Assert.Equal("line 1", e.Location);
    }

    [Fact]
    public void Load_HeaderDeclaresMoreFeaturesThanRowsHave_ThrowsAtFirstRow()
    {
        string path = _dir.WriteText("iris.csv", "2,3,a,b\n1,2,0\n3,4,1\n");

        var e = Assert.Throws<DataFormatException>(() => IrisLoader.Load(path));

        Assert.Equal("iris.csv line 2: expected 4 fields, found 3", e.Message);
    }

    [Fact]
    public void Load_LabelBeyondDeclaredClassNames_Throws()
    {
        string path = _dir.WriteText("iris.csv", "2,2,a,b\n1,2,0\n3,4,2\n");

        var e = Assert.Throws<DataFormatException>(() => IrisLoader.Load(path));

        Assert.Equal("iris.csv line 3: label 2 in field 3 is outside 0..1 (2 classes declared)", e.Message);
    }

    [Theory]
    [InlineData("150,4")]
    [InlineData("many,4,a,b,c")]
    [InlineData("150,-4,a,b,c")]
    [InlineData("150,4,a,,c")]
    public void Load_MalformedHeader_ThrowsAtLine1(string header)
    {
        string path = _dir.WriteText("iris.csv", header + "\n1,2,3,4,0\n");

        var e = Assert.Throws<DataFormatException>(() => IrisLoader.Load(path));

        Assert.Equal("line 1", e.Location);
    }

    [Fact]
    public void Load_EmptyFile_Throws()
    {
        string path = _dir.WriteText("iris.csv", string.Empty);

        var e = Assert.Throws<DataFormatException>(() => IrisLoader.Load(path));

        Assert.StartsWith("iris.csv line 1: file is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        string path = _dir.File("no-iris.csv");

        var e = Assert.Throws<FileNotFoundException>(() => IrisLoader.Load(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }
}
