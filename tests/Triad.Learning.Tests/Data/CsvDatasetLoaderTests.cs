using System.Text;
using Triad.Learning.Data;

namespace Triad.Learning.Tests.Data;

public sealed class CsvDatasetLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_ValidFile_ReturnsFeaturesAndLabels()
    {
        string path = _dir.WriteText("small.csv", "1.5,2,0\n-3e2,4.25,2\n5,6,1\n");

        Dataset data = CsvDatasetLoader.Load(path);

        Assert.Equal("small", data.Name);
        Assert.Equal([3, 2], data.Features.Shape.ToArray());
        Assert.Equal([1.5, 2, -300, 4.25, 5, 6], data.Features.Data);
        Assert.Equal([0, 2, 1], data.Labels);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal(["0", "1", "2"], data.ClassNames);
    }

    [Fact]
    public void Load_HeaderSemicolonsAndFirstLabelColumn_ParsesRows()
    {
        string path = _dir.WriteText("with-header.csv", "label;a;b\r\n1;0.5;7\r\n0;1;8");
        var options = new CsvLoadOptions { Separator = ';', HasHeader = true, LabelColumn = 0, ClassNames = ["no", "yes"] };

        Dataset data = CsvDatasetLoader.Load(path, options);

        Assert.Equal([0.5, 7, 1, 8], data.Features.Data);
        Assert.Equal([1, 0], data.Labels);
        Assert.Equal(["no", "yes"], data.ClassNames);
    }

    [Fact]
    public void Load_GzipWithoutGzExtension_DetectedByMagicBytes()
    {
        string path = TestFiles.Write(_dir.File("compressed.data"), Encoding.UTF8.GetBytes("1,2,0\n3,4,1\n"), gzip: true);

        Dataset data = CsvDatasetLoader.Load(path);

        Assert.Equal([1.0, 2, 3, 4], data.Features.Data);
        Assert.Equal([0, 1], data.Labels);
    }

    [Fact]
    public void Load_DeclaredClassCountAboveLargestLabel_KeepsDeclaredCount()
    {
        string path = _dir.WriteText("few.csv", "1,0\n2,1\n");

        Dataset data = CsvDatasetLoader.Load(path, new CsvLoadOptions { ClassCount = 5 });

        Assert.Equal(5, data.ClassCount);
        Assert.Equal([1, 1, 0, 0, 0], data.ClassCounts());
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFoundNamingPath()
    {
        string path = _dir.File("absent.csv");

        var e = Assert.Throws<FileNotFoundException>(() => CsvDatasetLoader.Load(path));

        Assert.Equal(path, e.FileName);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RowWithWrongFieldCount_ThrowsWithFileNameAndLine()
    {
        string path = _dir.WriteText("ragged.csv", "1,2,0\n3,4,1\n5,1\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(path));

        Assert.Equal("ragged.csv line 3: expected 3 fields, found 2", e.Message);
        Assert.Equal("line 3", e.Location);
        Assert.Equal(path, e.FileName);
    }

    [Fact]
    public void Load_RowDisagreesWithDeclaredFieldCount_ThrowsOnFirstRow()
    {
        string path = _dir.WriteText("short.csv", "1,2,0\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(path, new CsvLoadOptions { FieldCount = 4 }));

        Assert.Contains("short.csv line 1: expected 4 fields, found 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NonNumericField_ThrowsWithLineAndField()
    {
        string path = _dir.WriteText("words.csv", "1,2,0\n3,four,1\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(path));

        Assert.Equal("words.csv line 2: field 2 'four' is not a finite number", e.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    [InlineData("")]
    public void Load_NonFiniteOrEmptyField_Throws(string field)
    {
        string path = _dir.WriteText("nonfinite.csv", $"1,2,0\n{field},4,1\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(path));

        Assert.Equal("line 2", e.Location);
        Assert.Contains("is not a finite number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LabelAtOrAboveDeclaredClassCount_ThrowsWithLine()
    {
        string path = _dir.WriteText("range.csv", "1,2,0\n3,4,1\n5,6,3\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(path, new CsvLoadOptions { ClassCount = 3 }));

        Assert.Equal("range.csv line 3: label 3 in field 3 is outside 0..2 (3 classes declared)", e.Message);
    }

    [Fact]
    public void Load_NegativeLabel_ThrowsWithLine()
    {
        string path = _dir.WriteText("negative.csv", "1,2,0\n3,4,-1\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(path));

        Assert.Equal("line 2", e.Location);
        Assert.Contains("label -1 in field 3 is negative", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HugeLabelWithoutDeclaredClassCount_ThrowsWithLine()
    {
        string path = _dir.WriteText("huge.csv", "1,2,0\n3,4,2147483647\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(path));

        Assert.Equal("line 2", e.Location);
        Assert.Contains("label 2147483647 in field 3 is too large", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("setosa")]
    public void Load_NonIntegerLabel_ThrowsWithLine(string label)
    {
        string path = _dir.WriteText("labels.csv", $"1,2,{label}\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(path));

        Assert.Equal($"labels.csv line 1: label '{label}' in field 3 is not a non-negative integer", e.Message);
    }

    [Fact]
    public void Load_EmptyFile_Throws()
    {
        string path = _dir.WriteText("empty.csv", string.Empty);

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(path));

        Assert.Equal("empty.csv line 1: file is empty", e.Message);
    }

    [Fact]
    public void Load_EmptyGzipFile_Throws()
    {
        string path = TestFiles.Write(_dir.File("empty.csv.gz"), [], gzip: true);

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(path));

        Assert.Equal("empty.csv.gz line 1: file is empty", e.Message);
    }

    [Fact]
    public void Load_HeaderOnly_Throws()
    {
        string path = _dir.WriteText("header.csv", "a,b,label\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(path, new CsvLoadOptions { HasHeader = true }));

        Assert.Equal("header.csv line 2: no data rows after the header", e.Message);
    }

    [Fact]
    public void Load_BlankLineBetweenRows_Throws()
    {
        string path = _dir.WriteText("blank.csv", "1,2,0\n\n3,4,1\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(path));

        Assert.Equal("blank.csv line 2: blank line; expected a row of numbers", e.Message);
    }

    [Fact]
    public void Load_SingleColumn_Throws()
    {
        string path = _dir.WriteText("one.csv", "1\n2\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(path));

        Assert.Equal("line 1", e.Location);
    }

    [Fact]
    public void Load_LabelColumnOutsideRow_Throws()
    {
        string path = _dir.WriteText("cols.csv", "1,2,0\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(path, new CsvLoadOptions { LabelColumn = 3 }));

        Assert.Contains("cols.csv line 1: label column 3 does not exist in a row of 3 fields", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(3000)]
    public void Load_GzipCutShort_ThrowsTruncated(int bytesCut)
    {
        var text = new StringBuilder();
        for (int i = 0; i < 2000; i++)
        {
            text.Append(i).Append(',').Append(i * 3).Append(',').Append(i % 4).Append('\n');
        }
        byte[] zipped = TestFiles.Gzip(Encoding.UTF8.GetBytes(text.ToString()));
        string path = TestFiles.Write(_dir.File("cut.csv.gz"), zipped[..^bytesCut], gzip: false);

        var e = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(path));

        Assert.Equal(path, e.FileName);
        Assert.Contains("gzip file is truncated", e.Message, StringComparison.Ordinal);
    }
}
