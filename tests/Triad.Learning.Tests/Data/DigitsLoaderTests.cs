using Triad.Learning.Data;

namespace Triad.Learning.Tests.Data;

public sealed class DigitsLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_VendoredFile_Has1797SamplesIn10ClassesScaledToUnitRange()
    {
        Dataset digits = DigitsLoader.Load(BuiltInData.FindVendoredFile("digits.csv.gz"));

        Assert.Equal("digits", digits.Name);
        Assert.Equal(1797, digits.Count);
        Assert.Equal([64], digits.SampleShape);
        Assert.Equal(10, digits.ClassCount);
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], digits.ClassCounts());
        Assert.All(digits.Features.Data, x => Assert.True(x is >= 0.0 and <= 1.0 && x * 16 == Math.Round(x * 16), $"pixel {x}"));
        Assert.Equal(0.0, digits.Features.Data.Min());
        Assert.Equal(1.0, digits.Features.Data.Max());
        // First row of the file: 0,0,5,13,9,1,0,0,… label 0.
        Assert.Equal([0.0, 0.0, 5 / 16.0, 13 / 16.0, 9 / 16.0, 1 / 16.0], digits.Features.Data[..6]);
        Assert.Equal(0, digits.Labels[0]);
    }

    [Fact]
    public void Load_PixelAbove16_ThrowsWithLine()
    {
        string path = _dir.WriteText("digits.csv", Row(pixel: 16, label: 3) + Row(pixel: 17, label: 4));

        var e = Assert.Throws<DataFormatException>(() => DigitsLoader.Load(path));

        Assert.Equal("digits.csv line 2: field 1 value 17 is outside [0, 16]", e.Message);
    }

    [Fact]
    public void Load_FractionalPixel_ThrowsWithLine()
    {
        string path = _dir.WriteText("digits.csv", Row(pixel: 0, label: 3).Replace("0,", "0.5,", StringComparison.Ordinal));

        var e = Assert.Throws<DataFormatException>(() => DigitsLoader.Load(path));

        Assert.Equal("digits.csv line 1: field 1 value 0.5 is not a whole number", e.Message);
    }

    [Fact]
    public void Load_LabelAbove9_ThrowsWithLine()
    {
        string path = _dir.WriteText("digits.csv", Row(pixel: 1, label: 10));

        var e = Assert.Throws<DataFormatException>(() => DigitsLoader.Load(path));

        Assert.Equal("digits.csv line 1: label 10 in field 65 is outside 0..9 (10 classes declared)", e.Message);
    }

    [Fact]
    public void Load_RowOf64Fields_ThrowsWithLine()
    {
        string path = TestFiles.Write(
            _dir.File("digits.csv.gz"),
            System.Text.Encoding.UTF8.GetBytes(Row(pixel: 1, label: 2) + Row(pixel: 1, label: 2)[2..]),
            gzip: true);

        var e = Assert.Throws<DataFormatException>(() => DigitsLoader.Load(path));

        Assert.Equal("digits.csv.gz line 2: expected 65 fields, found 64", e.Message);
    }

    /// <summary>A digits row: 64 copies of <paramref name="pixel"/> then the label.</summary>
    private static string Row(int pixel, int label) => string.Join(',', Enumerable.Repeat(pixel, 64)) + $",{label}\n";
}
