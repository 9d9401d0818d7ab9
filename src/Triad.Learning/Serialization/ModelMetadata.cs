namespace Triad.Learning.Serialization;

/// <summary>Facts about how a saved model was made, kept beside its structure.</summary>
public sealed record ModelMetadata
{
    /// <summary>Data set the model was trained on.</summary>
    public string DataSet { get; init; } = "";

    /// <summary>
    /// Where the training data came from: a built-in data set's name, or the full path of the file or folder,
    /// so a resumed run or an evaluation finds the same samples (empty when unknown).
    /// </summary>
    public string DataSource { get; init; } = "";

    /// <summary>Names of the output classes, in output order.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>Seed of the run.</summary>
    public ulong Seed { get; init; }

    /// <summary>Epochs trained.</summary>
    public int Epochs { get; init; }

    /// <summary>
    /// Fraction of each class held out as the test split before training (drawn with <see cref="Seed"/>),
    /// so the same split can be rebuilt for evaluation; null when the data set has an official test split.
    /// </summary>
    public double? TestFraction { get; init; }

    /// <summary>Accuracy on the held-out test split, if measured.</summary>
    public double? TestAccuracy { get; init; }
}
