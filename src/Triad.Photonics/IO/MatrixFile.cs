using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace Triad.Photonics.IO;

/// <summary>
/// Reads a real or complex matrix from a file, chosen by extension:
/// <list type="bullet">
/// <item><c>.npy</c> (NumPy format 1.0, 2.0 or 3.0): a 2-D array of dtype <c>&lt;f8</c> (float64) or <c>&lt;c16</c>
/// (complex128) in C order. Any other dtype, Fortran order, another rank, or a file shorter than its header says is
/// refused.</item>
/// <item><c>.csv</c>: one matrix row per line, entries separated by commas; blank lines and lines starting with
/// <c>#</c> are skipped. An entry is a real number (<c>0.5</c>, <c>-1e-3</c>) or a complex number in Python's form
/// <c>a+bj</c> / <c>a-bj</c> / <c>bj</c> (<c>i</c> is accepted for <c>j</c>, and the parentheses that
/// <c>numpy.savetxt</c> writes around complex numbers are allowed). Every row must have the same number of entries.</item>
/// </list>
/// Every error is one <see cref="MatrixFormatException"/> whose message names the file.
/// </summary>
public static partial class MatrixFile
{
    private static readonly byte[] s_magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads <paramref name="path"/> as <c>.npy</c> or <c>.csv</c>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="MatrixFormatException">The extension is neither, or the content cannot be read.</exception>
    public static MatrixData Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file", path);
        }
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".npy" => ReadNpy(path, File.ReadAllBytes(path)),
            ".csv" => ReadCsv(path, File.ReadAllText(path)),
            _ => throw new MatrixFormatException($"{path}: expected a .npy or .csv file, got '{ext}'"),
        };
    }

    /// <summary>Parses the bytes of a <c>.npy</c> file; <paramref name="name"/> names it in errors.</summary>
    public static MatrixData ReadNpy(string name, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(s_magic))
        {
            throw new MatrixFormatException($"{name}: not a .npy file (the magic string \\x93NUMPY is missing)");
        }
        int major = bytes[6];
        int headerLength, headerStart;
        if (major == 1)
        {
            headerLength = bytes[8] | (bytes[9] << 8);
            headerStart = 10;
        }
        else if (major is 2 or 3)
        {
            if (bytes.Length < 12)
            {
                throw new MatrixFormatException($"{name}: truncated .npy header");
            }
            long len = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(8, 4));
            if (len > int.MaxValue)
            {
                throw new MatrixFormatException($"{name}: .npy header length {len} is too large");
            }
            headerLength = (int)len;
            headerStart = 12;
        }
        else
        {
            throw new MatrixFormatException($"{name}: unsupported .npy format version {major}.{bytes[7]}");
        }
        if ((long)headerStart + headerLength > bytes.Length)
        {
            throw new MatrixFormatException($"{name}: truncated .npy file: the header says {headerLength} bytes, the file has {bytes.Length - headerStart} after the preamble");
        }
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes.Slice(headerStart, headerLength));
        string descr = HeaderValue(name, header, "descr", DescrPattern());
        string fortran = HeaderValue(name, header, "fortran_order", FortranPattern());
        string shapeText = HeaderValue(name, header, "shape", ShapePattern());
        if (fortran != "False")
        {
            throw new MatrixFormatException($"{name}: the array is in Fortran order; save it in C order (numpy.ascontiguousarray)");
        }
        bool complex = descr switch
        {
            "<f8" => false,
            "<c16" => true,
            _ => throw new MatrixFormatException($"{name}: unsupported dtype '{descr}'; expected '<f8' (float64) or '<c16' (complex128)"),
        };
        int[] shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v
                : throw new MatrixFormatException($"{name}: bad shape ({shapeText})"))
            .ToArray();
        if (shape.Length != 2)
        {
            throw new MatrixFormatException($"{name}: expected a 2-D array, got shape ({shapeText})");
        }
        long count = (long)shape[0] * shape[1];
        int itemSize = complex ? 16 : 8;
        long dataStart = headerStart + headerLength;
        long needed = count * itemSize;
        if (count > Array.MaxLength || bytes.Length - dataStart < needed)
        {
            throw new MatrixFormatException($"{name}: truncated .npy file: shape ({shape[0]}, {shape[1]}) needs {needed} data bytes, the file has {bytes.Length - dataStart}");
        }
        var values = new Complex[count];
        ReadOnlySpan<byte> data = bytes[(int)dataStart..];
        for (int i = 0; i < values.Length; i++)
        {
            double re = BitConverter.ToDouble(data.Slice(i * itemSize, 8));
            double im = complex ? BitConverter.ToDouble(data.Slice((i * itemSize) + 8, 8)) : 0;
            values[i] = new Complex(re, im);
        }
        return new MatrixData(shape[0], shape[1], values);
    }

    /// <summary>Parses CSV text; <paramref name="name"/> names it in errors.</summary>
    public static MatrixData ReadCsv(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<Complex[]>();
        string[] lines = text.Split('\n');
        for (int l = 0; l < lines.Length; l++)
        {
            string line = lines[l].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            string[] cells = line.Split(',');
            var row = new Complex[cells.Length];
            for (int c = 0; c < cells.Length; c++)
            {
                row[c] = ParseCell(cells[c]) ?? throw new MatrixFormatException(
                    $"{name}: line {l + 1}, column {c + 1}: '{cells[c].Trim()}' is not a number (expected a real like 0.5 or a complex like 0.5-1.2j)");
            }
            if (rows.Count > 0 && row.Length != rows[0].Length)
            {
                throw new MatrixFormatException($"{name}: line {l + 1} has {row.Length} entries, the first row has {rows[0].Length}");
            }
            rows.Add(row);
        }
        int cols = rows.Count == 0 ? 0 : rows[0].Length;
        return new MatrixData(rows.Count, cols, rows.SelectMany(r => r).ToArray());
    }

    /// <summary>A real or Python-style complex number, or null when <paramref name="cell"/> is neither.</summary>
    internal static Complex? ParseCell(string cell)
    {
        string s = cell.Trim();
        if (s.Length >= 2 && s[0] == '(' && s[^1] == ')')
        {
            s = s[1..^1].Trim();
        }
        if (s.Length == 0)
        {
            return null;
        }
        if (s[^1] is not ('j' or 'J' or 'i' or 'I'))
        {
            return TryReal(s, out double r) ? new Complex(r, 0) : null;
        }
        string body = s[..^1];
        // The split between the real and imaginary parts is the last sign that is neither leading nor an exponent's.
        int split = -1;
        for (int i = body.Length - 1; i > 0; i--)
        {
            if (body[i] is '+' or '-' && body[i - 1] is not ('e' or 'E'))
            {
                split = i;
                break;
            }
        }
        if (split < 0)
        {
            return TryReal(body, out double im) ? new Complex(0, im) : null;
        }
        string reText = body[..split], imText = body[split..];
        if (imText is "+" or "-")
        {
            imText += "1";
        }
        return TryReal(reText, out double a) && TryReal(imText, out double b) ? new Complex(a, b) : null;
    }

    private static bool TryReal(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || TryNamed(s, out value);

    // Spellings of NaN and infinity that NumPy writes, so such files are read and then refused for their value.
    private static bool TryNamed(string s, out double value)
    {
        string t = s.Trim().ToLowerInvariant();
        value = t switch
        {
            "nan" or "+nan" or "-nan" => double.NaN,
            "inf" or "+inf" or "infinity" => double.PositiveInfinity,
            "-inf" or "-infinity" => double.NegativeInfinity,
            _ => 0,
        };
        return t is "nan" or "+nan" or "-nan" or "inf" or "+inf" or "infinity" or "-inf" or "-infinity";
    }

    private static string HeaderValue(string name, string header, string key, Regex pattern)
    {
        Match m = pattern.Match(header);
        return m.Success ? m.Groups[1].Value : throw new MatrixFormatException($"{name}: the .npy header has no '{key}' entry");
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
