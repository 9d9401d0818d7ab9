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
/// The payload is read in one block into one array, with no per-element work.
/// </remarks>
public static class IdxReader
{
    /// <summary>Magic number of an IDX file of unsigned-byte images: 0x00000803.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned-byte labels: 0x00000801.</summary>
    public const int LabelsMagic = 0x00000801;

    private const byte UnsignedByteType = 0x08;

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
        if (length > Array.MaxLength)
        {
            throw new DataFormatException(path, "byte 4", $"{count} images of {rows}x{columns} need {length} bytes, more than one array holds");
        }
        byte[] pixels = ReadPayload(stream, path, HeaderLength(3), (int)length, $"{count} images of {rows}x{columns}");
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
        byte[] raw = ReadPayload(stream, path, headerLength, count, $"{count} labels");
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

    private static byte[] ReadPayload(Stream stream, string path, int headerLength, int length, string what)
    {
        byte[] payload = GC.AllocateUninitializedArray<byte>(length);
        int read = DataFile.ReadBlock(stream, payload, path, headerLength);
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
