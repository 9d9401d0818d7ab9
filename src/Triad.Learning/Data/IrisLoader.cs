using System.Globalization;

namespace Triad.Learning.Data;

/// <summary>
/// Loads Fisher's Iris data in the scikit-learn layout (data/iris.csv): a header
/// <c>150,4,setosa,versicolor,virginica</c> (sample count, feature count, class names), then one row per
/// sample of 4 features in centimetres (sepal length, sepal width, petal length, petal width) and the
/// class 0..2. Result: features [N, 4], unscaled.
/// </summary>
/// <remarks>
/// Besides the checks of <see cref="CsvDatasetLoader"/>, the header must hold two non-negative integers and
/// at least one class name, each row must have (declared features + 1) fields, labels must index the
/// declared class names, and the number of rows must equal the declared sample count; any fault is a
/// <see cref="DataFormatException"/> naming the line.
/// Reference: R. A. Fisher, "The use of multiple measurements in taxonomic problems", Annals of Eugenics 7(2), 1936.
/// </remarks>
public static class IrisLoader
{
    /// <summary>Loads the Iris file at <paramref name="path"/> (plain or gzip).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file breaks the format or disagrees with its header.</exception>
    public static Dataset Load(string path)
    {
        using var reader = CsvDatasetLoader.OpenText(path);
        string? header;
        try
        {
            header = reader.ReadLine();
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, "line 1", $"corrupt gzip stream ({e.Message})", e);
        }
        if (header is null)
        {
            throw new DataFormatException(path, "line 1", "file is empty; expected a header 'samples,features,class names…'");
        }
        string[] fields = header.Split(',');
        if (fields.Length < 3)
        {
            throw new DataFormatException(path, "line 1", $"header '{header}' has {fields.Length} fields; expected 'samples,features,class names…'");
        }
        int sampleCount = ParseCount(fields[0], "sample count", path);
        int featureCount = ParseCount(fields[1], "feature count", path);
        if (featureCount == 0)
        {
            throw new DataFormatException(path, "line 1", "header declares 0 features");
        }
        string[] classNames = fields[2..].Select(f => f.Trim()).ToArray();
        int blank = Array.FindIndex(classNames, n => n.Length == 0);
        if (blank >= 0)
        {
            throw new DataFormatException(path, "line 1", $"header field {blank + 3}: class name is empty");
        }

        var options = new CsvLoadOptions
        {
            Name = "iris",
            FieldCount = featureCount + 1,
            ClassNames = classNames,
        };
        Dataset data = CsvDatasetLoader.Load(reader, path, options, linesBefore: 1);
        if (data.Count != sampleCount)
        {
            throw new DataFormatException(path, "line 1", $"header declares {sampleCount} samples, the file has {data.Count} rows");
        }
        return data;
    }

    private static int ParseCount(string field, string what, string path)
    {
        if (!int.TryParse(field, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out int value))
        {
            throw new DataFormatException(path, "line 1", $"header {what} '{field}' is not a non-negative integer");
        }
        return value;
    }
}
