using System.Numerics;
using Triad.Photonics.IO;
using Triad.Photonics.Tests.TestSupport;

namespace Triad.Photonics.Tests.IO;

/// <summary>Reading .npy and .csv matrices, and refusing what cannot be read with one line naming the file.</summary>
public class MatrixFileTests
{
    [Fact]
    public void ReadNpy_Complex128AndFloat64_ReadsCOrder()
    {
        Complex[] values = [new(1, 2), new(3, -4), new(-5, 0.5), new(0, 0), new(7, 8), new(9, 1e-300)];
        MatrixData c = MatrixFile.ReadNpy("m.npy", Npy.Complex128(values, 2, 3));
        Assert.Equal((2, 3), (c.Rows, c.Columns));
        Assert.Equal(values, c.Values);
        MatrixData r = MatrixFile.ReadNpy("r.npy", Npy.Float64([1, 2, 3, 4], 2, 2));
        Assert.Equal(new Complex[] { 1, 2, 3, 4 }, r.Values);
    }

    [Theory]
    [InlineData("<f4", "2, 2", false, "unsupported dtype '<f4'")]
    [InlineData(">f8", "2, 2", false, "unsupported dtype '>f8'")]
    [InlineData("<i8", "2, 2", false, "unsupported dtype '<i8'")]
    [InlineData("<f8", "2, 2", true, "Fortran order")]
    [InlineData("<f8", "4,", false, "expected a 2-D array")]
    public void ReadNpy_Unsupported_RefusedNamingFileAndReason(string descr, string shape, bool fortran, string mention)
    {
        byte[] bytes = Npy.Build(descr, shape, new byte[32], fortran);
        var e = Assert.Throws<MatrixFormatException>(() => MatrixFile.ReadNpy("bad.npy", bytes));
        Assert.StartsWith("bad.npy: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(mention, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ReadNpy_TruncatedDataOrHeaderOrMagic_Refused()
    {
        byte[] full = Npy.Float64([1, 2, 3, 4], 2, 2);
        var e = Assert.Throws<MatrixFormatException>(() => MatrixFile.ReadNpy("t.npy", full.AsSpan(0, full.Length - 1)));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.Contains("needs 32 data bytes, the file has 31", e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", Assert.Throws<MatrixFormatException>(() => MatrixFile.ReadNpy("t.npy", full.AsSpan(0, 40))).Message, StringComparison.Ordinal);
        Assert.Contains("not a .npy file", Assert.Throws<MatrixFormatException>(() => MatrixFile.ReadNpy("t.npy", "hello world!"u8)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.5", 0.5, 0.0)]
    [InlineData("-1e-3", -1e-3, 0.0)]
    [InlineData("1+2j", 1.0, 2.0)]
    [InlineData(" (1.5e+00-2.5e-01j) ", 1.5, -0.25)]
    [InlineData("3j", 0.0, 3.0)]
    [InlineData("-2-j", -2.0, -1.0)]
    [InlineData("1e-3+1e+2i", 1e-3, 100.0)]
    public void ParseCell_RealAndPythonComplex(string cell, double re, double im)
    {
        Assert.Equal(new Complex(re, im), MatrixFile.ParseCell(cell));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1+2")]
    [InlineData("1+2jj")]
    [InlineData("")]
    public void ParseCell_Garbage_IsNull(string cell) => Assert.Null(MatrixFile.ParseCell(cell));

    [Fact]
    public void ReadCsv_CommentsBlankLinesAndComplex_Read()
    {
        MatrixData m = MatrixFile.ReadCsv("m.csv", "# a unitary\n0, 1j\n\n1j, 0\n");
        Assert.Equal((2, 2), (m.Rows, m.Columns));
        Assert.Equal(new Complex[] { 0, Complex.ImaginaryOne, Complex.ImaginaryOne, 0 }, m.Values);
    }

    [Fact]
    public void ReadCsv_RaggedOrBadCell_RefusedNamingLine()
    {
        var ragged = Assert.Throws<MatrixFormatException>(() => MatrixFile.ReadCsv("r.csv", "1,0\n0\n"));
        Assert.Equal("r.csv: line 2 has 1 entries, the first row has 2", ragged.Message);
        var bad = Assert.Throws<MatrixFormatException>(() => MatrixFile.ReadCsv("b.csv", "1,0\n0,x\n"));
        Assert.StartsWith("b.csv: line 2, column 2: 'x' is not a number", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_NanAndInf_ReadSoTheyCanBeRefusedForTheirValue()
    {
        MatrixData m = MatrixFile.ReadCsv("n.csv", "nan,inf\n-inf,1\n");
        Assert.True(double.IsNaN(m.Values[0].Real));
        Assert.True(double.IsPositiveInfinity(m.Values[1].Real));
    }

    [Fact]
    public void Read_UnknownExtensionOrMissingFile_Refused()
    {
        Assert.Throws<FileNotFoundException>(() => MatrixFile.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".npy")));
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(path, "1");
        try
        {
            Assert.Contains("expected a .npy or .csv file", Assert.Throws<MatrixFormatException>(() => MatrixFile.Read(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
