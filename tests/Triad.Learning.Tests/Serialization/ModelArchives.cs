using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Triad.Learning.Tests.Serialization;

/// <summary>
/// Model files taken apart and put back together by hand: entries read and rewritten, ZIPs built entry by entry, and
/// tensor archives written byte by byte in either version (layouts from docs/model-format.md and
/// <see cref="Learning.Serialization.TensorArchive"/>).
/// </summary>
internal static class ModelArchives
{
    /// <summary>One tensor of an archive as bytes: name (any bytes), type tag (version 2 only), shape and raw values.</summary>
    public sealed record RawTensor(byte[] Name, byte? Tag, int[] Shape, byte[] Values)
    {
        public static RawTensor Float64(string name, int[] shape, params double[] values) =>
            new(Encoding.UTF8.GetBytes(name), 2, shape, values.SelectMany(BitConverter.GetBytes).ToArray());

        public static RawTensor Version1(string name, int[] shape, params double[] values) =>
            new(Encoding.UTF8.GetBytes(name), null, shape, values.SelectMany(BitConverter.GetBytes).ToArray());
    }

    /// <summary>"TRIADTNS" · version u32 · count u32 · per tensor: name length u16 · name · [type u8] · rank u8 · extents i32 · values.</summary>
    public static byte[] TensorArchive(uint version, params RawTensor[] tensors)
    {
        using var s = new MemoryStream();
        s.Write("TRIADTNS"u8);
        Span<byte> u32 = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(u32, version);
        s.Write(u32);
        BinaryPrimitives.WriteUInt32LittleEndian(u32, (uint)tensors.Length);
        s.Write(u32);
        Span<byte> u16 = stackalloc byte[2];
        foreach (RawTensor t in tensors)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(u16, (ushort)t.Name.Length);
            s.Write(u16);
            s.Write(t.Name);
            if (t.Tag is { } tag)
            {
                s.WriteByte(tag);
            }
            s.WriteByte((byte)t.Shape.Length);
            foreach (int d in t.Shape)
            {
                BinaryPrimitives.WriteInt32LittleEndian(u32, d);
                s.Write(u32);
            }
            s.Write(t.Values);
        }
        return s.ToArray();
    }

    public static byte[] ReadEntry(string path, string entry)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        using Stream s = zip.GetEntry(entry)!.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    public static void RewriteEntry(string path, string entry, Func<byte[], byte[]> change)
    {
        byte[] bytes = change(ReadEntry(path, entry));
        using ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Update);
        zip.GetEntry(entry)!.Delete();
        using Stream s = zip.CreateEntry(entry).Open();
        s.Write(bytes);
    }

    public static void RewriteJson(string path, string entry, Action<System.Text.Json.Nodes.JsonObject> change) =>
        RewriteEntry(path, entry, bytes =>
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(bytes)!.AsObject();
            change(json);
            return Encoding.UTF8.GetBytes(json.ToJsonString());
        });

    /// <summary>Writes a ZIP of the given entries in order, each stored (no compression) or deflated.</summary>
    public static byte[] Zip(bool stored, params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using Stream stream = zip.CreateEntry(name, stored ? CompressionLevel.NoCompression : CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Every entry of a model file, in order.</summary>
    public static (string Name, byte[] Content)[] Entries(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        return zip.Entries.Select(e => e.FullName).ToArray().Select(n => (n, ReadEntry(path, n))).ToArray();
    }

    /// <summary>Start of the first entry's data: after its 30-byte local header, name and extra field (APPNOTE 4.3.7).</summary>
    public static int FirstDataOffset(byte[] zip) =>
        30 + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(28));
}
