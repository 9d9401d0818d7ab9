using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using Triad.Learning.Serialization;

namespace Triad.Learning.Tests.Serialization;

/// <summary>
/// ZIP archives built in memory, then damaged by hand: a flipped bit, a size in the headers that lies, a missing
/// or doubled entry. Layout offsets are those of PKWARE's APPNOTE.TXT, sections 4.3.7 (local file header) and
/// 4.3.12 (central directory header).
/// </summary>
public sealed class ZipEntryReaderTests
{
    private const string Archive = "model.triad";
    private const long Limit = 256L << 20;
    private const int Seed = 4242;

    // Local file header: compressed size at 18, uncompressed size at 22, name length at 26, extra length at 28.
    // Central directory header: compressed size at 20, uncompressed size at 24.
    private const int LocalUncompressedSize = 22;
    private const int CentralUncompressedSize = 24;

    [Theory]
    [InlineData(CompressionLevel.Optimal)]
    [InlineData(CompressionLevel.NoCompression)]
    public void ReadAll_ValidEntries_ReturnEachContent(CompressionLevel level)
    {
        byte[] weights = RandomBytes(10_000);
        byte[] json = Encoding.UTF8.GetBytes("{\"format\": \"triad-model\"}");
        using ZipArchive zip = Open(Build(level, ("model.json", json), ("weights.bin", weights), ("empty.bin", [])));

        Assert.Equal(json, ZipEntryReader.ReadAll(zip, Archive, "model.json", Limit));
        Assert.Equal(weights, ZipEntryReader.ReadAll(zip, Archive, "weights.bin", Limit));
        Assert.Empty(ZipEntryReader.ReadAll(zip, Archive, "empty.bin", Limit));
    }

    [Fact]
    public void ReadAll_EntryOfExactlyTheLimit_ReturnsIt()
    {
        byte[] weights = RandomBytes(4096);
        using ZipArchive zip = Open(Build(CompressionLevel.Optimal, ("weights.bin", weights)));

        Assert.Equal(weights, ZipEntryReader.ReadAll(zip, Archive, "weights.bin", maxBytes: 4096));
    }

    [Fact]
    public void ReadAll_FlippedBitInStoredData_ThrowsCrcMismatchNamingArchiveAndEntry()
    {
        byte[] weights = RandomBytes(4096);
        byte[] bytes = Build(CompressionLevel.NoCompression, ("weights.bin", weights));
        bytes[DataOffset(bytes) + 1000] ^= 0x08;
        byte[] damaged = (byte[])weights.Clone();
        damaged[1000] ^= 0x08;
        using ZipArchive zip = Open(bytes);

        var e = Assert.Throws<InvalidDataException>(() => ZipEntryReader.ReadAll(zip, Archive, "weights.bin", Limit));

        Assert.Equal(
            $"model.triad weights.bin: CRC-32 is 0x{Crc32.HashToUInt32(damaged):X8}, the archive says 0x{Crc32.HashToUInt32(weights):X8}: the file is damaged",
            e.Message);
    }

    [Theory]
    [InlineData(40, 0x01)]
    [InlineData(300, 0x10)]
    [InlineData(900, 0x80)]
    public void ReadAll_FlippedBitInDeflatedData_ThrowsNamingArchiveAndEntry(int offset, byte bit)
    {
        byte[] bytes = Build(CompressionLevel.Optimal, ("weights.bin", CompressibleText()));
        Assert.True(DataOffset(bytes) + offset < CompressedEnd(bytes) - 1, "the flip must fall inside the deflated data");
        bytes[DataOffset(bytes) + offset] ^= bit;
        using ZipArchive zip = Open(bytes);

        var e = Assert.Throws<InvalidDataException>(() => ZipEntryReader.ReadAll(zip, Archive, "weights.bin", Limit));

        // Depending on where the bit lands, the deflate stream breaks, ends early, or inflates to other bytes.
        Assert.StartsWith("model.triad weights.bin: ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("the file is damaged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAll_SizeClaimsSmallButInflates64MiB_RefusedWithoutAllocatingTheInflatedSize()
    {
        byte[] bytes = Build(CompressionLevel.Optimal, ("weights.bin", new byte[64 << 20]));
        PatchUncompressedSize(bytes, 1000);
        using ZipArchive zip = Open(bytes);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => ZipEntryReader.ReadAll(zip, Archive, "weights.bin", Limit));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The runtime stops inflating at the declared 1,000 bytes; their CRC-32 is not the entry's.
        Assert.StartsWith("model.triad weights.bin: ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("the file is damaged", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < (1 << 20), $"allocated {allocated} bytes");
    }

    [Fact]
    public void ReadAll_SizeClaims3GiB_RefusedBeforeAllocating()
    {
        byte[] bytes = Build(CompressionLevel.Optimal, ("weights.bin", new byte[1 << 20]));
        PatchUncompressedSize(bytes, 3L << 30);
        using ZipArchive zip = Open(bytes);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => ZipEntryReader.ReadAll(zip, Archive, "weights.bin", Limit));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(
            "model.triad weights.bin: the archive declares 3,221,225,472 bytes (3 GiB) uncompressed, " +
            "more than the limit of 268,435,456 bytes (256 MiB)",
            e.Message);
        Assert.True(allocated < (1 << 20), $"allocated {allocated} bytes");
    }

    [Fact]
    public void ReadAll_HonestEntryOverLimit_RefusedBeforeAllocating()
    {
        using ZipArchive zip = Open(Build(CompressionLevel.Optimal, ("weights.bin", new byte[8 << 20])));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => ZipEntryReader.ReadAll(zip, Archive, "weights.bin", maxBytes: 1 << 20));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(
            "model.triad weights.bin: the archive declares 8,388,608 bytes (8 MiB) uncompressed, more than the limit of 1,048,576 bytes (1 MiB)",
            e.Message);
        Assert.True(allocated < (1 << 20), $"allocated {allocated} bytes");
    }

    [Fact]
    public void ReadAll_SizeClaimsMoreThanInflates_ThrowsShortNamingBothSizes()
    {
        byte[] bytes = Build(CompressionLevel.Optimal, ("weights.bin", CompressibleText()[..1000]));
        PatchUncompressedSize(bytes, 5000);
        using ZipArchive zip = Open(bytes);

        var e = Assert.Throws<InvalidDataException>(() => ZipEntryReader.ReadAll(zip, Archive, "weights.bin", Limit));

        Assert.Equal("model.triad weights.bin: inflates to 1,000 bytes, the archive declares 5,000 bytes (4.9 KiB): the file is damaged", e.Message);
    }

    [Fact]
    public void ReadAll_MissingEntry_ThrowsNamingEntryAndWhatTheArchiveHolds()
    {
        using ZipArchive zip = Open(Build(CompressionLevel.Optimal, ("model.json", [1]), ("best.bin", [2])));

        var e = Assert.Throws<InvalidDataException>(() => ZipEntryReader.ReadAll(zip, Archive, "weights.bin", Limit));

        Assert.Equal("model.triad: no entry 'weights.bin' (it holds model.json, best.bin)", e.Message);
    }

    [Fact]
    public void ReadAll_TwoEntriesWithTheName_Throws()
    {
        using ZipArchive zip = Open(Build(CompressionLevel.Optimal, ("weights.bin", [1]), ("weights.bin", [2])));

        var e = Assert.Throws<InvalidDataException>(() => ZipEntryReader.ReadAll(zip, Archive, "weights.bin", Limit));

        Assert.Equal("model.triad: 2 entries are named 'weights.bin', expected one: the file is damaged", e.Message);
    }

    [Fact]
    public void ReadAll_ArchiveGivenAsPath_MessageStartsWithFileName()
    {
        using ZipArchive zip = Open(Build(CompressionLevel.Optimal, ("model.json", [1])));

        var e = Assert.Throws<InvalidDataException>(
            () => ZipEntryReader.ReadAll(zip, Path.Combine("runs", "7", "checkpoint.triad"), "weights.bin", Limit));

        Assert.StartsWith("checkpoint.triad: no entry 'weights.bin'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contains_PresentAndAbsentNames_AnswersByExactName()
    {
        using ZipArchive zip = Open(Build(CompressionLevel.Optimal, ("model.json", [1])));

        Assert.True(ZipEntryReader.Contains(zip, "model.json"));
        Assert.False(ZipEntryReader.Contains(zip, "training.json"));
        Assert.False(ZipEntryReader.Contains(zip, "MODEL.JSON"));
    }

    [Theory]
    [InlineData(0, "0 bytes")]
    [InlineData(1023, "1,023 bytes")]
    [InlineData(1024, "1,024 bytes (1 KiB)")]
    [InlineData(268_435_456, "268,435,456 bytes (256 MiB)")]
    [InlineData(3_500_000_000, "3,500,000,000 bytes (3.3 GiB)")]
    public void Size_ByteCounts_ExactWithBinaryMultiple(long bytes, string expected)
    {
        Assert.Equal(expected, ZipEntryReader.Size(bytes));
    }

    private static byte[] Build(CompressionLevel level, params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using Stream stream = zip.CreateEntry(name, level).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    private static ZipArchive Open(byte[] bytes) => new(new MemoryStream(bytes), ZipArchiveMode.Read);

    /// <summary>Start of the first entry's data: after its 30-byte local header, name and extra field.</summary>
    private static int DataOffset(byte[] zip) =>
        30 + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(28));

    /// <summary>End of the first entry's compressed data.</summary>
    private static int CompressedEnd(byte[] zip) => DataOffset(zip) + (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(18));

    /// <summary>Writes <paramref name="size"/> as the first entry's uncompressed size in its local and central headers.</summary>
    private static void PatchUncompressedSize(byte[] zip, long size)
    {
        // The end-of-central-directory record is the last 22 bytes (no comment); the directory's offset is at 16.
        int central = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(zip.Length - 22 + 16));
        Assert.Equal(0x02014b50u, BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(central)));
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(LocalUncompressedSize), checked((uint)size));
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(central + CentralUncompressedSize), checked((uint)size));
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(Seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] CompressibleText()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 4000; i++)
        {
            text.Append("layer ").Append(i).Append(" weight ").Append(i * 7919 % 1009).Append('\n');
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
