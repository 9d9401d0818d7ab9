using System.Globalization;
using System.Text;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Data;

/// <summary>
/// Loads a numeric CSV file (plain or gzip, detected by the magic bytes 1f 8b) into a <see cref="Dataset"/>
/// of shape [N, F]: every field but the label is a feature, parsed with the invariant culture; the label
/// is a non-negative integer.
/// </summary>
/// <remarks>
/// Everything is checked and nothing is skipped. <see cref="DataFormatException"/> (with the line number)
/// for: an empty file or one with a header only; a blank line; a row whose number of fields differs from
/// <see cref="CsvLoadOptions.FieldCount"/> or from the first data row; a feature that is not a finite number,
/// is outside [<see cref="CsvLoadOptions.FeatureMinimum"/>, <see cref="CsvLoadOptions.FeatureMaximum"/>] or
/// is not whole when <see cref="CsvLoadOptions.IntegerFeatures"/> is set; a label that is not a non-negative
/// integer or is ≥ the declared class count; a corrupt gzip stream. <see cref="FileNotFoundException"/> for
/// a missing file. The line terminator after the last line is optional; "\r\n" is accepted.
/// </remarks>
public static class CsvDatasetLoader
{
    /// <summary>Largest number of classes a file may imply when <see cref="CsvLoadOptions.ClassCount"/> is not given.</summary>
    public const int MaxUndeclaredClasses = 1 << 16;

    /// <summary>Loads the CSV file at <paramref name="path"/> as described by <paramref name="options"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file breaks the format; the message names the line.</exception>
    public static Dataset Load(string path, CsvLoadOptions? options = null)
    {
        options ??= new CsvLoadOptions();
        using var reader = OpenText(path);
        return Load(reader, path, options, linesBefore: 0);
    }

    /// <summary>Opens a (possibly gzip) text file for reading, as UTF-8 unless it starts with another byte-order mark.</summary>
    internal static StreamReader OpenText(string path) =>
        new(DataFile.OpenRead(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

    /// <summary>
    /// Reads the rest of <paramref name="reader"/>, of which <paramref name="linesBefore"/> lines have been read
    /// already (they count in line numbers), as CSV rows.
    /// </summary>
    internal static Dataset Load(TextReader reader, string path, CsvLoadOptions options, int linesBefore)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ClassNames is not null && options.ClassCount is not null && options.ClassNames.Count != options.ClassCount)
        {
            throw new ArgumentException(
                $"{options.ClassNames.Count} class names given for {options.ClassCount} classes", nameof(options));
        }
        if (options.FieldCount is < 2)
        {
            throw new ArgumentException($"a row needs at least 2 fields (a feature and a label), not {options.FieldCount}", nameof(options));
        }
        int? classCount = options.ClassCount ?? options.ClassNames?.Count;
        int lineNumber = linesBefore;

        if (options.HasHeader)
        {
            if (ReadLine(reader, path, ref lineNumber) is null)
            {
                throw new DataFormatException(path, $"line {lineNumber + 1}", "file is empty; expected a header line");
            }
        }

        int fieldCount = options.FieldCount ?? 0;
        int labelColumn = 0;
        var features = new List<double>();
        var labels = new List<int>();
        while (ReadLine(reader, path, ref lineNumber) is { } line)
        {
            string where = $"line {lineNumber}";
            if (string.IsNullOrWhiteSpace(line))
            {
                throw new DataFormatException(path, where, "blank line; expected a row of numbers");
            }
            if (fieldCount == 0)
            {
                fieldCount = line.AsSpan().Count(options.Separator) + 1;
                if (fieldCount < 2)
                {
                    throw new DataFormatException(path, where, $"found 1 field; a row needs features and a label (separator '{options.Separator}')");
                }
            }
            if (labels.Count == 0)
            {
                labelColumn = options.LabelColumn < 0 ? fieldCount + options.LabelColumn : options.LabelColumn;
                if ((uint)labelColumn >= (uint)fieldCount)
                {
                    throw new DataFormatException(path, where, $"label column {options.LabelColumn} does not exist in a row of {fieldCount} fields");
                }
            }
            ParseRow(line, path, where, options, fieldCount, labelColumn, classCount, features, labels);
        }

        if (labels.Count == 0)
        {
            throw new DataFormatException(
                path, $"line {lineNumber + 1}", options.HasHeader || linesBefore > 0 ? "no data rows after the header" : "file is empty");
        }

        int count = labels.Count;
        int classes = classCount ?? (labels.Max() + 1);
        IReadOnlyList<string> classNames = options.ClassNames
            ?? Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
        string name = options.Name ?? DefaultName(path);
        return new Dataset(name, new Tensor<double>(features.ToArray(), count, fieldCount - 1), labels.ToArray(), classNames);
    }

    /// <summary>The file name without its extensions: "digits.csv.gz" → "digits".</summary>
    internal static string DefaultName(string path)
    {
        string name = Path.GetFileName(path);
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : name;
    }

    private static string? ReadLine(TextReader reader, string path, ref int lineNumber)
    {
        try
        {
            string? line = reader.ReadLine();
            if (line is not null)
            {
                lineNumber++;
            }
            return line;
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"line {lineNumber + 1}", $"corrupt gzip stream ({e.Message})", e);
        }
    }

    private static void ParseRow(
        string line, string path, string where, CsvLoadOptions options, int fieldCount, int labelColumn,
        int? classCount, List<double> features, List<int> labels)
    {
        ReadOnlySpan<char> rest = line;
        int found = rest.Count(options.Separator) + 1;
        if (found != fieldCount)
        {
            throw new DataFormatException(path, where, $"expected {fieldCount} fields, found {found}");
        }
        for (int column = 0; column < fieldCount; column++)
        {
            int end = rest.IndexOf(options.Separator);
            ReadOnlySpan<char> field = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (column == labelColumn)
            {
                labels.Add(ParseLabel(field, path, where, column, classCount));
            }
            else
            {
                features.Add(ParseFeature(field, path, where, column, options));
            }
        }
    }

    private static int ParseLabel(ReadOnlySpan<char> field, string path, string where, int column, int? classCount)
    {
        if (!int.TryParse(field, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out int label))
        {
            throw new DataFormatException(path, where, $"label '{field.Trim()}' in field {column + 1} is not a non-negative integer");
        }
        if (label < 0)
        {
            throw new DataFormatException(path, where, $"label {label} in field {column + 1} is negative; labels are 0, 1, 2, …");
        }
        if (classCount is null && label >= MaxUndeclaredClasses)
        {
            // Without a declared class count the labels define it; a label this large is a fault, not a class.
            throw new DataFormatException(path, where,
                $"label {label} in field {column + 1} is too large; without a declared class count labels must be below {MaxUndeclaredClasses}");
        }
        if (label >= classCount)
        {
            throw new DataFormatException(path, where, $"label {label} in field {column + 1} is outside 0..{classCount - 1} ({classCount} classes declared)");
        }
        return label;
    }

    private static double ParseFeature(ReadOnlySpan<char> field, string path, string where, int column, CsvLoadOptions options)
    {
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new DataFormatException(path, where, $"field {column + 1} '{field.Trim()}' is not a finite number");
        }
        if (value < options.FeatureMinimum || value > options.FeatureMaximum)
        {
            throw new DataFormatException(
                path, where,
                $"field {column + 1} value {value.ToString(CultureInfo.InvariantCulture)} is outside " +
                $"[{options.FeatureMinimum.ToString(CultureInfo.InvariantCulture)}, {options.FeatureMaximum.ToString(CultureInfo.InvariantCulture)}]");
        }
        if (options.IntegerFeatures && value != Math.Floor(value))
        {
            throw new DataFormatException(path, where, $"field {column + 1} value {value.ToString(CultureInfo.InvariantCulture)} is not a whole number");
        }
        return value;
    }
}
