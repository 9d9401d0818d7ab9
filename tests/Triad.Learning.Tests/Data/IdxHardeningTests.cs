using System.Buffers.Binary;
using Triad.Learning.Data;

namespace Triad.Learning.Tests.Data;

/// <summary>
/// IDX files whose header claims more than the file holds: refused naming the file, the header field, the claim and
/// the file's size, without allocating for the claim.
/// </summary>
public sealed class IdxHardeningTests : IDisposable
{
    // Far below every claim below (≥ 100 MB) and far above what reading a few bytes of header needs.
    private const long AllocationBudget = 4L << 20;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLabels_HeaderClaimsInt32MaxLabels_ThrowsNamingFieldClaimAndFileSize(bool gzip)
    {
        byte[] bytes = TestFiles.Idx(IdxReader.LabelsMagic, [int.MaxValue], [1, 2, 3, 4, 5]);
        string path = TestFiles.Write(_dir.File(gzip ? "labels.idx.gz" : "labels.idx"), bytes, gzip);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path, 10));

        Assert.Equal(path, e.FileName);
        Assert.Equal("byte 4", e.Location);
        Assert.StartsWith(
            $"{Path.GetFileName(path)} byte 4: the header's count (bytes 4-7) claims 2147483647 labels (2147483647 bytes of data), " +
            "but the file holds 5 bytes after the 8-byte header", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLabels_HeaderClaims200MillionLabels_RefusesWithoutAllocatingTheClaim(bool gzip)
    {
        byte[] bytes = TestFiles.Idx(IdxReader.LabelsMagic, [200_000_000], [1, 2, 3]);
        string path = TestFiles.Write(_dir.File("labels.idx"), bytes, gzip);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path, 10));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("byte 4", e.Location);
        Assert.True(allocated < AllocationBudget, $"allocated {allocated} bytes for a file of {bytes.Length}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_HeaderClaimsAMillionImages_RefusesWithoutAllocatingTheClaim(bool gzip)
    {
        byte[] bytes = TestFiles.Idx(IdxReader.ImagesMagic, [1_000_000, 28, 28], TestFiles.Ramp(2 * 28 * 28));
        string path = TestFiles.Write(_dir.File("images.idx"), bytes, gzip);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains(
            "count, rows and columns (bytes 4-15) claim 1000000 images of 28x28 (784000000 bytes of data), " +
            "but the file holds 1568 bytes after the 16-byte header", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < AllocationBudget, $"allocated {allocated} bytes for a file of {bytes.Length}");
    }

    [Fact]
    public void ReadLabels_GzipTrailerAgreesWithLyingHeader_FailsWithoutAllocatingTheClaim()
    {
        // Header and gzip trailer both claim 100 million labels; the stream holds 10.
        const int claimed = 100_000_000;
        byte[] zipped = TestFiles.Gzip(TestFiles.Idx(IdxReader.LabelsMagic, [claimed], TestFiles.Ramp(10)));
        BinaryPrimitives.WriteUInt32LittleEndian(zipped.AsSpan(zipped.Length - 4), 8 + claimed);
        string path = TestFiles.Write(_dir.File("liar.gz"), zipped, gzip: false);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path, 256));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(path, e.FileName);
        Assert.StartsWith("liar.gz byte ", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < AllocationBudget, $"allocated {allocated} bytes for a claim of {claimed}");
    }

    [Fact]
    public void ReadLabels_GzipTrailerShorterThanHeaderClaim_ThrowsNamingTrailerLength()
    {
        byte[] zipped = TestFiles.Gzip(TestFiles.IdxLabels([1, 2, 3, 4]));
        BinaryPrimitives.WriteUInt32LittleEndian(zipped.AsSpan(zipped.Length - 4), 10);
        string path = TestFiles.Write(_dir.File("short-trailer.gz"), zipped, gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path, 10));

        Assert.Equal(
            "short-trailer.gz byte 4: the header's count (bytes 4-7) claims 4 labels (4 bytes of data), but the file holds " +
            "2 bytes after the 8-byte header (by the decompressed length in its gzip trailer, 10 bytes): " +
            "the gzip file is truncated, or the header is wrong",
            e.Message);
    }

    [Theory]
    [InlineData((1 << 20) - 1)]
    [InlineData(1 << 20)]
    [InlineData((1 << 20) + 1)]
    [InlineData((3 << 20) + 17)]
    public void ReadLabels_GzipPayloadAroundGrowthSteps_RoundTrips(int count)
    {
        const int seed = 20240607;
        var labels = new byte[count];
        new Random(seed).NextBytes(labels);
        string path = TestFiles.Write(_dir.File("many.gz"), TestFiles.IdxLabels(labels), gzip: true);

        int[] read = IdxReader.ReadLabels(path, 256);

        Assert.Equal(count, read.Length);
        for (int i = 0; i < count; i++)
        {
            if (read[i] != labels[i])
            {
                Assert.Fail($"label {i}: read {read[i]}, wrote {labels[i]} (seed {seed})");
            }
        }
    }

    [Fact]
    public void ReadImages_GzipPayloadBeyondFirstBlockWithTrailingByte_ThrowsAtEndOfPayload()
    {
        byte[] bytes = [.. TestFiles.IdxImages(2000, 28, 28, TestFiles.Ramp(2000 * 28 * 28)), 7];
        string path = TestFiles.Write(_dir.File("long.gz"), bytes, gzip: true);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"byte {16 + (2000 * 28 * 28)}", e.Location);
        Assert.Contains("1 unexpected bytes after the data", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FashionMnistLoad_LabelsHeaderClaimsInt32Max_ThrowsDataFormatNamingLabelsFile()
    {
        TestFiles.Write(_dir.File(FashionMnistLoader.ImagesFileName(FashionMnistSplit.Test)),
            TestFiles.IdxImages(2, 28, 28, TestFiles.Ramp(2 * 28 * 28)), gzip: true);
        string labelsPath = TestFiles.Write(_dir.File(FashionMnistLoader.LabelsFileName(FashionMnistSplit.Test)),
            TestFiles.Idx(IdxReader.LabelsMagic, [int.MaxValue], [1, 2]), gzip: true);

        var e = Assert.Throws<DataFormatException>(() => FashionMnistLoader.Load(_dir.Path, FashionMnistSplit.Test));

        Assert.Equal(labelsPath, e.FileName);
        Assert.StartsWith("t10k-labels-idx1-ubyte.gz byte 4: the header's count (bytes 4-7) claims 2147483647 labels", e.Message, StringComparison.Ordinal);
    }
}
