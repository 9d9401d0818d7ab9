using Triad.Learning.Data;

namespace Triad.Learning.Tests.Data;

public class DataFormatExceptionTests
{
    [Fact]
    public void Constructor_FileLocationDetail_MessageNamesFileAndPlace()
    {
        var e = new DataFormatException("/some/dir/digits.csv.gz", "line 12", "expected 65 fields, found 64");

        Assert.Equal("digits.csv.gz line 12: expected 65 fields, found 64", e.Message);
        Assert.Equal("/some/dir/digits.csv.gz", e.FileName);
        Assert.Equal("line 12", e.Location);
    }
}
