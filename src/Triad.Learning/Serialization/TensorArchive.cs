using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Serialization;

/// <summary>
/// A list of named float64 tensors in one binary stream (all integers little-endian):
/// <code>
/// "TRIADTNS" (8 bytes ASCII) · version u32 (= 1) · count u32
/// per tensor: name length u16 · name (UTF-8) · rank u8 · rank × extent i32 · Π extents × float64
/// </code>
/// Reading checks the magic, version, every length and that the stream ends exactly after the last tensor.
/// </summary>
public static class TensorArchive
{
    private static ReadOnlySpan<byte> Magic => "TRIADTNS"u8;

    /// <summary>Current format version.</summary>
    public const uint Version = 1;

    /// <summary>Writes the tensors in order.</summary>
    public static void Write(Stream stream, IReadOnlyList<KeyValuePair<string, Tensor<double>>> tensors)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);
        w.Write((uint)tensors.Count);
        foreach (var (name, tensor) in tensors)
        {
            byte[] nameBytes = Encoding.UTF8.GetBytes(name);
            if (nameBytes.Length > ushort.MaxValue || tensor.Rank > byte.MaxValue)
            {
                throw new ArgumentException($"tensor '{name}' has too long a name or too many axes to store");
            }
            w.Write((ushort)nameBytes.Length);
            w.Write(nameBytes);
            w.Write((byte)tensor.Rank);
            foreach (int d in tensor.Shape)
            {
                w.Write(d);
            }
            if (BitConverter.IsLittleEndian)
            {
                w.Write(MemoryMarshal.AsBytes(tensor.ReadOnlySpan));
            }
            else
            {
                foreach (double v in tensor.ReadOnlySpan)
                {
                    w.Write(v);
                }
            }
        }
    }

    /// <summary>Reads all tensors; <paramref name="source"/> names the stream in error messages.</summary>
    /// <exception cref="InvalidDataException">Bad magic, unknown version, truncation or trailing bytes.</exception>
    public static List<KeyValuePair<string, Tensor<double>>> Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        long offset = 0;
        byte[] Take(int n, string what)
        {
            if (stream.CanSeek && n > stream.Length - stream.Position)
            {
                throw new InvalidDataException($"{source} byte {offset}: truncated while reading {what}");
            }
            byte[] b = r.ReadBytes(n);
            if (b.Length != n)
            {
                throw new InvalidDataException($"{source} byte {offset}: truncated while reading {what}");
            }
            offset += n;
            return b;
        }
        if (!Take(8, "the magic number").AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{source} byte 0: not a Triad tensor archive (magic number is not TRIADTNS)");
        }
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "the version"));
        if (version != Version)
        {
            throw new InvalidDataException($"{source} byte 8: tensor archive version {version} is not supported (expected {Version})");
        }
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "the tensor count"));
        var result = new List<KeyValuePair<string, Tensor<double>>>();
        for (uint t = 0; t < count; t++)
        {
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(Take(2, $"tensor {t} name length"));
            string name = Encoding.UTF8.GetString(Take(nameLength, $"tensor {t} name"));
            int rank = Take(1, $"tensor '{name}' rank")[0];
            int[] shape = new int[rank];
            long length = 1;
            for (int i = 0; i < rank; i++)
            {
                shape[i] = BinaryPrimitives.ReadInt32LittleEndian(Take(4, $"tensor '{name}' shape"));
                if (shape[i] < 0)
                {
                    throw new InvalidDataException($"{source} byte {offset - 4}: tensor '{name}' has negative extent {shape[i]}");
                }
                length *= shape[i];
                if (length * sizeof(double) > Array.MaxLength)
                {
                    throw new InvalidDataException($"{source} byte {offset - 4}: tensor '{name}' is implausibly large");
                }
            }
            byte[] payload = Take((int)(length * sizeof(double)), $"tensor '{name}' values");
            double[] values = new double[length];
            if (BitConverter.IsLittleEndian)
            {
                payload.AsSpan().CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            }
            else
            {
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReadDoubleLittleEndian(payload.AsSpan(i * 8, 8));
                }
            }
            result.Add(new(name, new Tensor<double>(values, shape)));
        }
        if (stream.ReadByte() != -1)
        {
            throw new InvalidDataException($"{source} byte {offset}: unexpected bytes after the last tensor");
        }
        return result;
    }
}
