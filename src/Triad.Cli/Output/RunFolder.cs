namespace Triad.Cli.Output;

/// <summary>
/// The files a <c>triad train</c> run writes in its output folder.
/// </summary>
internal static class RunFolder
{
    /// <summary>Resumable checkpoint, rewritten after every epoch.</summary>
    public const string CheckpointFile = "checkpoint.triad";

    /// <summary>The trained model with its metadata (best weights when early stopping kept them).</summary>
    public const string ModelFile = "model.triad";

    /// <summary>Per-epoch metrics as CSV.</summary>
    public const string HistoryFile = "history.csv";

    /// <summary>Options, history, test evaluation and timings as JSON.</summary>
    public const string ReportFile = "report.json";
}
