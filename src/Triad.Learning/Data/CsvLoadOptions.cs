namespace Triad.Learning.Data;

/// <summary>How <see cref="CsvDatasetLoader"/> reads a numeric CSV file. The defaults read a comma-separated
/// file with no header whose last column is the label.</summary>
public sealed record CsvLoadOptions
{
    /// <summary>Name of the loaded data set; null takes the file name without its extensions.</summary>
    public string? Name { get; init; }

    /// <summary>Field separator; ',' by default.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>Whether the first line is a header, which is skipped (but still counted in line numbers).</summary>
    public bool HasHeader { get; init; }

    /// <summary>Column of the label: 0-based, or negative to count from the end (−1, the default, is the last).</summary>
    public int LabelColumn { get; init; } = -1;

    /// <summary>
    /// Number of fields every row must have (features plus label); null takes the number in the first data row.
    /// </summary>
    public int? FieldCount { get; init; }

    /// <summary>
    /// Declared number of classes; a label ≥ it is an error. Null takes the largest label + 1, or the number of
    /// <see cref="ClassNames"/> when they are given.
    /// </summary>
    public int? ClassCount { get; init; }

    /// <summary>Class names, indexed by label; null names each class by its label ("0", "1", …).</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Smallest allowed feature value; −∞ by default.</summary>
    public double FeatureMinimum { get; init; } = double.NegativeInfinity;

    /// <summary>Largest allowed feature value; +∞ by default.</summary>
    public double FeatureMaximum { get; init; } = double.PositiveInfinity;

    /// <summary>Whether every feature must be a whole number (e.g. pixel intensities).</summary>
    public bool IntegerFeatures { get; init; }
}
