using Triad.Learning.Data;

namespace Triad.Learning.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_WrittenFile_RoundTripsPixelsAndExtents(bool gzip)
    {
        byte[] pixels = TestFiles.Ramp(5 * 3 * 4);
        string path = TestFiles.Write(_dir.File("images.idx"), TestFiles.IdxImages(5, 3, 4, pixels), gzip);

        IdxImages images = IdxReader.ReadImages(path);

        Assert.Equal((5, 3, 4), (images.Count, images.Rows, images.Columns));
        Assert.Equal(pixels, images.Pixels);
    }

    [Fact]
    public void ToTensor_Pixels_ScalesBy255IntoNx1xRxC()
    {
        var images = new IdxImages(2, 1, 2, [0, 255, 51, 128]);

        var tensor = images.ToTensor();

        Assert.Equal([2, 1, 1, 2], tensor.Shape.ToArray());
        Assert.Equal([0.0, 1.0, 0.2, 128 / 255.0], tensor.Data);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLabels_WrittenFile_RoundTripsLabels(bool gzip)
    {
        byte[] labels = [3, 0, 9, 9, 1];
        string path = TestFiles.Write(_dir.File("labels.idx"), TestFiles.IdxLabels(labels), gzip);

        int[] read = IdxReader.ReadLabels(path, 10);

        Assert.Equal([3, 0, 9, 9, 1], read);
    }

    [Fact]
    public void ReadImages_ZeroImages_ReturnsEmpty()
    {
        string path = TestFiles.Write(_dir.File("none.idx"), TestFiles.IdxImages(0, 28, 28, []), gzip: true);

        IdxImages images = IdxReader.ReadImages(path);

        Assert.Equal(0, images.Count);
        Assert.Empty(images.Pixels);
    }

    [Fact]
    public void ReadImages_MissingFile_ThrowsFileNotFoundNamingPath()
    {
        string path = _dir.File("absent-images-idx3-ubyte.gz");

        var e = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, e.FileName);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_CorruptMagic_ThrowsAtByte0(bool gzip)
    {
        byte[] bytes = TestFiles.IdxImages(1, 2, 2, [1, 2, 3, 4]);
        bytes[0] = 0x50;
        string path = TestFiles.Write(_dir.File("images.idx"), bytes, gzip);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal(
            "images.idx byte 0: magic number 0x50000803 is not an IDX magic number; expected 0x00000803 (IDX unsigned-byte images)",
            e.Message);
    }

    [Fact]
    public void ReadImages_WrongElementType_ThrowsAtByte2()
    {
        byte[] bytes = TestFiles.Idx(0x00000D03, [1, 1, 1], [0, 0, 0, 0]);
        string path = TestFiles.Write(_dir.File("float-images.idx"), bytes, gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal("byte 2", e.Location);
        Assert.Contains("element type 0x0D (float32) is not supported", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadImages_LabelFile_ThrowsWrongDimensionCountAtByte3()
    {
        string path = TestFiles.Write(_dir.File("labels.idx"), TestFiles.IdxLabels([1, 2]), gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal("byte 3", e.Location);
        Assert.Contains("1 dimensions; expected 0x00000803", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLabels_ImageFile_ThrowsWrongDimensionCountAtByte3()
    {
        string path = TestFiles.Write(_dir.File("images.idx"), TestFiles.IdxImages(1, 1, 1, [7]), gzip: true);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path, 10));

        Assert.Equal("byte 3", e.Location);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(11)]
    public void ReadImages_FileEndsInsideHeader_Throws(int length)
    {
        byte[] bytes = TestFiles.IdxImages(1, 1, 1, [7])[..length];
        string path = TestFiles.Write(_dir.File("short.idx"), bytes, gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"byte {length}", e.Location);
        Assert.Contains("file ends", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadImages_TruncatedPayload_ThrowsAtHeaderNamingClaimAndFileSize()
    {
        byte[] bytes = TestFiles.IdxImages(3, 2, 2, TestFiles.Ramp(12))[..^5];
        string path = TestFiles.Write(_dir.File("cut.idx"), bytes, gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal(
            "cut.idx byte 4: the header's count, rows and columns (bytes 4-15) claim 3 images of 2x2 (12 bytes of data), " +
            "but the file holds 7 bytes after the 16-byte header: the file is truncated, or the header is wrong",
            e.Message);
    }

    [Fact]
    public void ReadImages_TruncatedGzipPayload_ThrowsAtHeaderNamingTrailerLength()
    {
        byte[] bytes = TestFiles.IdxImages(3, 2, 2, TestFiles.Ramp(12))[..^5];
        string path = TestFiles.Write(_dir.File("cut.idx.gz"), bytes, gzip: true);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal(
            "cut.idx.gz byte 4: the header's count, rows and columns (bytes 4-15) claim 3 images of 2x2 (12 bytes of data), " +
            "but the file holds 7 bytes after the 16-byte header (by the decompressed length in its gzip trailer, 23 bytes): " +
            "the gzip file is truncated, or the header is wrong",
            e.Message);
    }

    [Fact]
    public void ReadLabels_TruncatedPayload_Throws()
    {
        byte[] bytes = TestFiles.IdxLabels([1, 2, 3])[..^1];
        string path = TestFiles.Write(_dir.File("cut-labels.idx"), bytes, gzip: true);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path, 10));

        Assert.Equal("byte 4", e.Location);
        Assert.Contains("count (bytes 4-7) claims 3 labels (3 bytes of data), but the file holds 2 bytes", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_TrailingBytes_ThrowsAtEndOfPayload(bool gzip)
    {
        byte[] bytes = [.. TestFiles.IdxImages(2, 2, 2, TestFiles.Ramp(8)), 0, 0, 0];
        string path = TestFiles.Write(_dir.File("long.idx"), bytes, gzip);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal("long.idx byte 24: 3 unexpected bytes after the data; the header promises 2 images of 2x2 (8 bytes)", e.Message);
    }

    [Fact]
    public void ReadLabels_TrailingBytes_Throws()
    {
        byte[] bytes = [.. TestFiles.IdxLabels([1, 2]), 9];
        string path = TestFiles.Write(_dir.File("long-labels.idx"), bytes, gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path, 10));

        Assert.Equal("byte 10", e.Location);
    }

    [Fact]
    public void ReadLabels_LabelOutOfRange_ThrowsNamingRecord()
    {
        string path = TestFiles.Write(_dir.File("labels.idx"), TestFiles.IdxLabels([1, 2, 0, 10, 3]), gzip: true);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path, 10));

        Assert.Equal("labels.idx record 3: label 10 is outside 0..9 (byte 11)", e.Message);
        Assert.Equal("record 3", e.Location);
    }

    [Fact]
    public void ReadImages_ZeroRows_Throws()
    {
        string path = TestFiles.Write(_dir.File("flat.idx"), TestFiles.IdxImages(2, 0, 5, []), gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal("byte 8", e.Location);
    }

    [Fact]
    public void ReadImages_ExtentsBeyondArrayLimit_Throws()
    {
        byte[] bytes = TestFiles.Idx(0x00000803, [int.MaxValue, 28, 28], []);
        string path = TestFiles.Write(_dir.File("huge.idx"), bytes, gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal("byte 4", e.Location);
    }

    [Fact]
    public void ReadImages_CorruptGzipStream_ThrowsDataFormatException()
    {
        byte[] zipped = TestFiles.Gzip(TestFiles.IdxImages(4, 28, 28, TestFiles.Ramp(4 * 28 * 28)));
        for (int i = 12; i < zipped.Length - 8; i++)
        {
            zipped[i] ^= 0x5A;
        }
        string path = TestFiles.Write(_dir.File("garbled.gz"), zipped, gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, e.FileName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(100)]
    public void ReadImages_GzipCutShort_ThrowsTruncated(int bytesCut)
    {
        // Incompressible pixels, so that cutting the compressed file removes pixels, not only the trailer.
        var pixels = new byte[4 * 28 * 28];
        new Random(7).NextBytes(pixels);
        byte[] zipped = TestFiles.Gzip(TestFiles.IdxImages(4, 28, 28, pixels));
        string path = TestFiles.Write(_dir.File("cut-images.gz"), zipped[..^bytesCut], gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.StartsWith("cut-images.gz byte ", e.Message, StringComparison.Ordinal);
        Assert.Contains("gzip file is truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLabels_GzipMagicOnly_ThrowsTruncated()
    {
        string path = TestFiles.Write(_dir.File("stub.gz"), [0x1f, 0x8b, 0x08], gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path, 10));

        Assert.Equal(path, e.FileName);
    }
}
