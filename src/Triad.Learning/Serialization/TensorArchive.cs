using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Serialization;

/// <summary>
/// A list of named tensors in one binary stream (all integers little-endian). Version 2:
/// <code>
/// "TRIADTNS" (8 bytes ASCII) · version u32 (= 2) · count u32
/// per tensor: name length u16 · name (UTF-8) · type u8 (1 = float32, 2 = float64) · rank u8 · rank × extent i32 · Π extents × element
/// </code>
/// Version 1 (still read) has no type byte and holds float64 only. Reading checks the magic, the version, every
/// length, the type tags, that names are valid UTF-8, and that the stream ends exactly after the last tensor; errors
/// name the stream, the byte offset and the tensor (its name shown escaped and cut to 64 characters).
/// </summary>
public static class TensorArchive
{
    private static ReadOnlySpan<byte> Magic => "TRIADTNS"u8;

    /// <summary>Current format version.</summary>
    public const uint Version = 2;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes float64 tensors in order.</summary>
    public static void Write(Stream stream, IReadOnlyList<KeyValuePair<string, Tensor<double>>> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        Write(stream, tensors.Select(t => StoredTensor.From(t.Key, t.Value)).ToList());
    }

    /// <summary>Writes float32 tensors in order.</summary>
    public static void Write(Stream stream, IReadOnlyList<KeyValuePair<string, Tensor<float>>> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        Write(stream, tensors.Select(t => StoredTensor.From(t.Key, t.Value)).ToList());
    }

    /// <summary>Writes stored tensors in order, each in its own element type.</summary>
    public static void Write(Stream stream, IReadOnlyList<StoredTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);
        w.Write((uint)tensors.Count);
        foreach (StoredTensor tensor in tensors)
        {
            byte[] nameBytes = Encoding.UTF8.GetBytes(tensor.Name);
            if (nameBytes.Length > ushort.MaxValue || tensor.Shape.Length > byte.MaxValue)
            {
                throw new ArgumentException($"tensor '{Shown(tensor.Name)}' has too long a name or too many axes to store");
            }
            w.Write((ushort)nameBytes.Length);
            w.Write(nameBytes);
            w.Write((byte)tensor.Type);
            w.Write((byte)tensor.Shape.Length);
            foreach (int d in tensor.Shape)
            {
                w.Write(d);
            }
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("tensor archives are written on little-endian machines only");
            }
            w.Write(tensor.Type == TensorElementType.Float32
                ? MemoryMarshal.AsBytes(tensor.Float32!.AsSpan())
                : MemoryMarshal.AsBytes(tensor.Float64!.AsSpan()));
        }
    }

    /// <summary>Reads all tensors; <paramref name="source"/> names the stream in error messages.</summary>
    /// <exception cref="InvalidDataException">Bad magic, unknown version or type tag, truncation, bad name, or trailing bytes.</exception>
    public static List<StoredTensor> Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("tensor archives are read on little-endian machines only");
        }
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        long offset = 0;
        byte[] Take(long n, string what)
        {
            if (n > Array.MaxLength || (stream.CanSeek && n > stream.Length - stream.Position))
            {
                throw new InvalidDataException($"{source} byte {offset}: truncated while reading {what} ({n} bytes wanted, " +
                    $"{(stream.CanSeek ? stream.Length - stream.Position : 0)} left)");
            }
            byte[] b = r.ReadBytes((int)n);
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
        if (version is not (1 or Version))
        {
            throw new InvalidDataException($"{source} byte 8: tensor archive version {version} is not supported (1 or {Version})");
        }
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "the tensor count"));
        var result = new List<StoredTensor>();
        for (uint t = 0; t < count; t++)
        {
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(Take(2, $"tensor {t} name length"));
            long nameOffset = offset;
            byte[] nameBytes = Take(nameLength, $"tensor {t} name");
            string name;
            try
            {
                name = s_strictUtf8.GetString(nameBytes);
            }
            catch (DecoderFallbackException)
            {
                throw new InvalidDataException($"{source} byte {nameOffset}: tensor {t} has a name that is not valid UTF-8 (the header is damaged)");
            }
            if (name.Any(char.IsControl))
            {
                throw new InvalidDataException($"{source} byte {nameOffset}: tensor {t} has a name with control characters, '{Shown(name)}' (the header is damaged)");
            }
            var type = TensorElementType.Float64;
            if (version >= 2)
            {
                byte tag = Take(1, $"tensor '{Shown(name)}' type")[0];
                if (tag is not ((byte)TensorElementType.Float32 or (byte)TensorElementType.Float64))
                {
                    throw new InvalidDataException(
                        $"{source} byte {offset - 1}: tensor '{Shown(name)}' has element type tag {tag}, which this version does not know (1 = float32, 2 = float64)");
                }
                type = (TensorElementType)tag;
            }
            int rank = Take(1, $"tensor '{Shown(name)}' rank")[0];
            int[] shape = new int[rank];
            long length = 1;
            int size = type == TensorElementType.Float32 ? sizeof(float) : sizeof(double);
            for (int i = 0; i < rank; i++)
            {
                shape[i] = BinaryPrimitives.ReadInt32LittleEndian(Take(4, $"tensor '{Shown(name)}' shape"));
                if (shape[i] < 0)
                {
                    throw new InvalidDataException($"{source} byte {offset - 4}: tensor '{Shown(name)}' has negative extent {shape[i]}");
                }
                length *= shape[i];
                if (length * size > Array.MaxLength)
                {
                    throw new InvalidDataException($"{source} byte {offset - 4}: tensor '{Shown(name)}' is implausibly large");
                }
            }
            byte[] payload = Take(length * size, $"tensor '{Shown(name)}' values");
            if (type == TensorElementType.Float32)
            {
                float[] values = new float[length];
                payload.AsSpan().CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
                result.Add(new StoredTensor(name, shape, values, null));
            }
            else
            {
                double[] values = new double[length];
                payload.AsSpan().CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
                result.Add(new StoredTensor(name, shape, null, values));
            }
        }
        if (stream.ReadByte() != -1)
        {
            throw new InvalidDataException($"{source} byte {offset}: unexpected bytes after the last tensor");
        }
        return result;
    }

    /// <summary>A name fit for an error message: control and non-ASCII characters escaped, cut to 64 characters.</summary>
    internal static string Shown(string name)
    {
        var sb = new StringBuilder();
        foreach (char c in name)
        {
            if (sb.Length >= 64)
            {
                sb.Append('…');
                break;
            }
            sb.Append(c is >= ' ' and < (char)127 ? c.ToString() : $"\\u{(int)c:x4}");
        }
        return sb.ToString();
    }
}
