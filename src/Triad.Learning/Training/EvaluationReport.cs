namespace Triad.Learning.Training;

/// <summary>
/// Classification results on a data set. Precision_k = TP_k/(TP_k + FP_k), recall_k = TP_k/(TP_k + FN_k),
/// F1_k their harmonic mean; a class never predicted has precision 0.
/// </summary>
public sealed class EvaluationReport
{
    /// <summary>Data set name.</summary>
    public required string DataSet { get; init; }

    /// <summary>Samples evaluated.</summary>
    public required int Count { get; init; }

    /// <summary>Mean loss.</summary>
    public required double Loss { get; init; }

    /// <summary>Fraction classified right.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Class names.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Confusion[true class][predicted class] counts.</summary>
    public required int[][] Confusion { get; init; }

    /// <summary>Precision per class.</summary>
    public required double[] Precision { get; init; }

    /// <summary>Recall per class.</summary>
    public required double[] Recall { get; init; }

    /// <summary>F1 per class.</summary>
    public required double[] F1 { get; init; }

    /// <summary>Unweighted mean of <see cref="F1"/>.</summary>
    public double MacroF1 => F1.Length == 0 ? 0 : F1.Average();
}
