using System.Text.Json;
using System.Text.Json.Nodes;

namespace Triad.Cli.Output;

/// <summary>
/// The files a <c>triad train</c> run writes in its output folder, and reading back what other commands need
/// from them.
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

    /// <summary>
    /// The test fraction stored in the report.json of the run folder holding <paramref name="modelPath"/>,
    /// or null when there is no such report or it does not say (the model metadata does not keep it).
    /// </summary>
    public static double? ReadTestFraction(string modelPath)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(modelPath));
        if (folder is null)
        {
            return null;
        }
        string report = Path.Combine(folder, ReportFile);
        if (!File.Exists(report))
        {
            return null;
        }
        try
        {
            JsonNode? root = JsonNode.Parse(File.ReadAllText(report));
            return root?["options"]?["testFraction"] is JsonValue value && value.TryGetValue(out double fraction)
                && fraction is >= 0 and < 1 ? fraction : null;
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or FormatException)
        {
            // A damaged report only loses the hint; the caller falls back to the default fraction.
            return null;
        }
    }
}
