using Spectre.Console;
using Triad.Learning.Training;

namespace Triad.Cli.Rendering;

/// <summary>The table of epochs: losses, accuracies, throughput; the epoch with the best validation loss is starred.</summary>
internal static class HistoryView
{
    /// <summary>Writes the table; <paramref name="bestEpoch"/> (0 = none) is marked with "*".</summary>
    public static void Write(IAnsiConsole console, IReadOnlyList<EpochMetrics> history, int bestEpoch)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(history);
        Table table = Cells.NewTable("epoch", "train loss", "train acc", "val loss", "val acc", "samples/s", "time")
            .RightAlign(0, 1, 2, 3, 4, 5, 6);
        foreach (EpochMetrics m in history)
        {
            table.AddRow(
                Cells.Number(m.Epoch == bestEpoch ? $"*{m.Epoch}" : m.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Cells.Number(Format.Fixed4(m.TrainLoss)),
                Cells.Number(Format.Percent(m.TrainAccuracy)),
                Cells.Number(Format.Fixed4(m.ValidationLoss)),
                Cells.Number(Format.Percent(m.ValidationAccuracy)),
                Cells.Number(Format.Rate(m.SamplesPerSecond)),
                Cells.Number(Format.Seconds(m.Seconds)));
        }
        if (bestEpoch > 0)
        {
            table.Caption("* lowest validation loss");
        }
        console.Write(table);
    }
}
