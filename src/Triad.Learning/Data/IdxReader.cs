using System.Buffers.Binary;

namespace Triad.Learning.Data;

/// <summary>
/// Reads IDX files (Y. LeCun et al., the MNIST database, http://yann.lecun.com/exdb/mnist/), plain or gzip
/// (detected by the magic bytes 1f 8b).
/// <para>
/// Layout (all integers big-endian): bytes 0–1 are zero; byte 2 is the element type (0x08 unsigned byte,
/// the only one read here); byte 3 is the number of dimensions d; then d 32-bit extents; then the elements,
/// row-major. Images: magic 0x00000803, extents (count, rows, columns). Labels: magic 0x00000801, extent
/// (count).
/// </para>
/// </summary>
/// <remarks>
/// Every fault is a <see cref="DataFormatException"/> whose place is a byte offset into the decompressed
/// content ("byte 2") or, for a bad label, the record ("record 3017"): a file shorter than its header, a
/// wrong magic number, element type or dimension count, an extent that is zero (rows, columns) or too large,
/// a payload shorter than the extents promise, bytes after the payload, a label ≥ the class count, a
/// corrupt gzip stream. A missing file is a <see cref="FileNotFoundException"/>.
/// <para>
/// Nothing is allocated on the header's word alone: before the payload is read, the size the header claims is
/// compared with what the file holds (a plain file's length; for gzip, the decompressed length in the trailer,
/// RFC 1952 section 2.3.1), and a header that claims more is refused at byte 4 naming the claim and the
/// file's size. A gzip trailer can lie too, so a gzip payload is read into an array that grows with the data
/// actually decompressed (at most three times that data, never the claim). A plain payload is read in one
/// block into one array, with no per-element work.
/// </para>
/// </remarks>
public static class IdxReader
{
    /// <summary>Magic number of an IDX file of unsigned-byte images: 0x00000803.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned-byte labels: 0x00000801.</summary>
    public const int LabelsMagic = 0x00000801;

    private const byte UnsignedByteType = 0x08;

    // First block of a gzip payload; the array doubles from here as data arrives (a tuning choice, 1 MiB).
    private const int GzipFirstBlock = 1 << 20;

    /// <summary>Reads an IDX file of unsigned-byte images (magic 0x00000803).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file breaks the format; the message names the byte.</exception>
    public static IdxImages ReadImages(string path)
    {
        using Stream stream = DataFile.OpenRead(path);
        int[] extents = ReadHeader(stream, path, ImagesMagic, "images: count, rows, columns");
        int count = extents[0], rows = extents[1], columns = extents[2];
        if (rows == 0 || columns == 0)
        {
            throw new DataFormatException(path, rows == 0 ? "byte 8" : "byte 12", $"images of {rows}x{columns} pixels; rows and columns must be positive");
        }
        long length = (long)count * rows * columns;
        string what = $"{count} images of {rows}x{columns}";
        ContentSize size = MeasureContent(path, stream);
        CheckClaim(path, size, HeaderLength(3), length, "count, rows and columns (bytes 4-15) claim", what);
        if (length > Array.MaxLength)
        {
            throw new DataFormatException(path, "byte 4", $"{what} need {length} bytes, more than one array holds");
        }
        byte[] pixels = ReadPayload(stream, path, HeaderLength(3), (int)length, what, size.IsGzip);
        return new IdxImages(count, rows, columns, pixels);
    }

    /// <summary>Reads an IDX file of unsigned-byte labels (magic 0x00000801), each of which must lie in 0..classCount−1.</summary>
    /// <param name="path">The file, plain or gzip.</param>
    /// <param name="classCount">Number of classes; 1..256.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file breaks the format or holds a label ≥ <paramref name="classCount"/>.</exception>
    public static int[] ReadLabels(string path, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classCount, 256);
        using Stream stream = DataFile.OpenRead(path);
        int count = ReadHeader(stream, path, LabelsMagic, "labels: count")[0];
        int headerLength = HeaderLength(1);
        ContentSize size = MeasureContent(path, stream);
        CheckClaim(path, size, headerLength, count, "count (bytes 4-7) claims", $"{count} labels");
        if (count > Array.MaxLength)
        {
            throw new DataFormatException(path, "byte 4", $"{count} labels need {count} bytes, more than one array holds");
        }
        byte[] raw = ReadPayload(stream, path, headerLength, count, $"{count} labels", size.IsGzip);
        var labels = new int[count];
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] >= classCount)
            {
                throw new DataFormatException(
                    path, $"record {i}", $"label {raw[i]} is outside 0..{classCount - 1} (byte {headerLength + i})");
            }
            labels[i] = raw[i];
        }
        return labels;
    }

    private static int HeaderLength(int dimensions) => 4 + (4 * dimensions);

    private static int[] ReadHeader(Stream stream, string path, int magic, string extentsMeaning)
    {
        int dimensions = magic & 0xff;
        int headerLength = HeaderLength(dimensions);
        Span<byte> header = stackalloc byte[headerLength];
        int read = DataFile.ReadBlock(stream, header[..4], path, 0);
        if (read < 4)
        {
            throw new DataFormatException(path, $"byte {read}", $"file ends after {read} bytes, inside the 4-byte IDX magic number");
        }
        int found = BinaryPrimitives.ReadInt32BigEndian(header);
        string expected = $"expected 0x{magic:X8} (IDX unsigned-byte {(magic == ImagesMagic ? "images" : "labels")})";
        if (header[0] != 0 || header[1] != 0)
        {
            throw new DataFormatException(path, "byte 0", $"magic number 0x{found:X8} is not an IDX magic number; {expected}");
        }
        if (header[2] != UnsignedByteType)
        {
            throw new DataFormatException(
                path, "byte 2", $"element type 0x{header[2]:X2} ({TypeName(header[2])}) is not supported; {expected}, element type 0x08 (unsigned byte)");
        }
        if (header[3] != dimensions)
        {
            throw new DataFormatException(path, "byte 3", $"{header[3]} dimensions; {expected}, {dimensions} dimensions ({extentsMeaning})");
        }

        read = DataFile.ReadBlock(stream, header[4..], path, 4);
        if (read < headerLength - 4)
        {
            throw new DataFormatException(
                path, $"byte {4 + read}", $"file ends inside the header; expected {dimensions} 4-byte extents ({extentsMeaning})");
        }
        var extents = new int[dimensions];
        for (int d = 0; d < dimensions; d++)
        {
            uint extent = BinaryPrimitives.ReadUInt32BigEndian(header[(4 + (4 * d))..]);
            if (extent > int.MaxValue)
            {
                throw new DataFormatException(path, $"byte {4 + (4 * d)}", $"extent {extent} of dimension {d} is too large");
            }
            extents[d] = (int)extent;
        }
        return extents;
    }

    /// <summary>What the file holds: its length, or for gzip the decompressed length its trailer gives (null if it has none).</summary>
    private readonly record struct ContentSize(bool IsGzip, long? Length);

    /// <summary>
    /// The content length of the file behind <paramref name="stream"/> (from <see cref="DataFile.OpenRead"/>):
    /// a plain file's length, or a gzip file's ISIZE, read from a second handle on the file.
    /// </summary>
    private static ContentSize MeasureContent(string path, Stream stream)
    {
        if (stream is FileStream plain)
        {
            return new ContentSize(IsGzip: false, plain.Length);
        }
        using var file = new FileStream(Path.GetFullPath(path), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        return new ContentSize(IsGzip: true, GzipTrailerCheckStream.ReadTrailerLength(file));
    }

    /// <summary>Refuses a header that claims more data than the file holds, before anything is allocated for it.</summary>
    /// <param name="path">The file, for the message.</param>
    /// <param name="size">What the file holds.</param>
    /// <param name="headerLength">Bytes of header before the payload.</param>
    /// <param name="length">Payload bytes the header claims.</param>
    /// <param name="fields">The header fields and verb, e.g. "count (bytes 4-7) claims".</param>
    /// <param name="what">The claim in words, e.g. "3 labels".</param>
    private static void CheckClaim(string path, ContentSize size, int headerLength, long length, string fields, string what)
    {
        if (size.Length is not { } contentLength || contentLength - headerLength >= length)
        {
            // Enough data, or a gzip file too short for a trailer, which the gzip stream reports while it is read.
            return;
        }
        long held = Math.Max(0, contentLength - headerLength);
        string source = size.IsGzip
            ? $" (by the decompressed length in its gzip trailer, {contentLength} bytes): the gzip file is truncated, or the header is wrong"
            : ": the file is truncated, or the header is wrong";
        throw new DataFormatException(
            path, "byte 4",
            $"the header's {fields} {what} ({length} bytes of data), but the file holds {held} bytes after the {headerLength}-byte header{source}");
    }

    private static byte[] ReadPayload(Stream stream, string path, int headerLength, int length, string what, bool isGzip)
    {
        // A plain file's length was checked against the claim, so the claim is allocated at once. A gzip trailer
        // is only 4 bytes that anyone can write, so there the array grows with the data actually inflated.
        byte[] payload = GC.AllocateUninitializedArray<byte>(isGzip ? Math.Min(length, GzipFirstBlock) : length);
        int read = 0;
        while (true)
        {
            read += DataFile.ReadBlock(stream, payload.AsSpan(read), path, headerLength + read);
            if (read < payload.Length || payload.Length == length)
            {
                break;
            }
            Array.Resize(ref payload, (int)Math.Min(length, 2L * payload.Length));
        }
        if (read < length)
        {
            throw new DataFormatException(
                path, $"byte {headerLength + read}",
                $"file is truncated: the header promises {what} ({length} bytes of data), the file holds {read}");
        }

        Span<byte> probe = stackalloc byte[4096];
        long trailing = 0;
        while (true)
        {
            int n = DataFile.ReadBlock(stream, probe, path, headerLength + length + trailing);
            if (n == 0)
            {
                break;
            }
            trailing += n;
        }
        if (trailing > 0)
        {
            throw new DataFormatException(
                path, $"byte {headerLength + length}", $"{trailing} unexpected bytes after the data; the header promises {what} ({length} bytes)");
        }
        return payload;
    }

    private static string TypeName(byte type) => type switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "int16",
        0x0C => "int32",
        0x0D => "float32",
        0x0E => "float64",
        _ => "unknown type",
    };
}
