using System.Buffers.Binary;
using System.IO.Compression;

namespace Triad.Learning.Tests.Data;

/// <summary>Writes small synthetic data files, valid or deliberately broken.</summary>
internal static class TestFiles
{
    /// <summary>Bytes of an IDX file: magic, big-endian extents, payload.</summary>
    public static byte[] Idx(int magic, int[] extents, byte[] payload)
    {
        var bytes = new byte[4 + (4 * extents.Length) + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < extents.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * d)), extents[d]);
        }
        payload.CopyTo(bytes, 4 + (4 * extents.Length));
        return bytes;
    }

    /// <summary>Bytes of a valid IDX image file of <paramref name="count"/> images of rows × columns.</summary>
    public static byte[] IdxImages(int count, int rows, int columns, byte[] pixels) =>
        Idx(0x00000803, [count, rows, columns], pixels);

    /// <summary>Bytes of a valid IDX label file.</summary>
    public static byte[] IdxLabels(byte[] labels) => Idx(0x00000801, [labels.Length], labels);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, gzip-compressed if <paramref name="gzip"/>.</summary>
    public static string Write(string path, byte[] bytes, bool gzip)
    {
        File.WriteAllBytes(path, gzip ? Gzip(bytes) : bytes);
        return path;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(bytes);
        }
        return buffer.ToArray();
    }

    /// <summary>Pixels 0, 1, 2, … (mod 256) for a deterministic pattern.</summary>
    public static byte[] Ramp(int length)
    {
        var pixels = new byte[length];
        for (int i = 0; i < length; i++)
        {
            pixels[i] = (byte)(i * 7 % 256);
        }
        return pixels;
    }
}
