using System.Globalization;
using Spectre.Console;
using Triad.Cli.Commands;
using Triad.Learning.Training;
using Triad.Numerics.LinearAlgebra;

namespace Triad.Cli.Rendering;

/// <summary><c>triad bench</c> as text: a GFLOP/s table with the Triad/MathNet ratio, then training throughput.</summary>
internal static class BenchView
{
    /// <summary>Writes the matrix-multiply table and the training line.</summary>
    public static void Write(IAnsiConsole console, IReadOnlyList<MatMulComparisonRow> rows, EpochMetrics epoch, int threads)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(epoch);
        Table table = Cells.NewTable("type", "n", "Triad GFLOP/s", "MathNet GFLOP/s", "Triad / MathNet").RightAlign(1, 2, 3, 4);
        table.Title($"matrix multiply C = A·B, n×n, {threads} threads (MathNet managed provider)");
        foreach (MatMulComparisonRow row in rows)
        {
            table.AddRow(
                Cells.Text(row.ElementType),
                Cells.Number(row.Size.ToString(CultureInfo.InvariantCulture)),
                Cells.Number(Format.Fixed(row.TriadGflops, 2)),
                Cells.Number(Format.Fixed(row.MathNetGflops, 2)),
                Cells.Number(Format.Fixed(row.Ratio, 2) + "×"));
        }
        console.Write(table);
        Cells.Field(console, "training", $"{BenchCommand.TrainingModel} on {BenchCommand.TrainingData}, batch 32: " +
            $"{Format.Rate(epoch.SamplesPerSecond)} samples/s ({Format.Fixed(epoch.Seconds, 3)} s per epoch, after one warm-up epoch)");
    }
}
