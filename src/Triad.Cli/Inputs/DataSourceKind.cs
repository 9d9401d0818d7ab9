namespace Triad.Cli.Inputs;

/// <summary>Where the samples named by <c>--data</c> come from.</summary>
internal enum DataSourceKind
{
    /// <summary>A data set known by name to <see cref="Triad.Learning.Data.BuiltInData"/>.</summary>
    BuiltIn,

    /// <summary>A numeric CSV file (plain or gzip), no header, label in the last column.</summary>
    Csv,

    /// <summary>A folder holding the four Fashion-MNIST IDX files (train-* and t10k-*).</summary>
    IdxFolder,
}
