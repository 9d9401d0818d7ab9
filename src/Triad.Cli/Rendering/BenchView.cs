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

    /// <summary>Writes the <c>bench gemm</c> table: one row per precision and shape, best and median GFLOP/s.</summary>
    public static void WriteGemm(IAnsiConsole console, IReadOnlyList<GemmTimingResult> results, int threads, bool avx512)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(results);
        Table table = Cells.NewTable("type", "m×n×k", "op", "best GFLOP/s", "median GFLOP/s", "best ms").RightAlign(1, 3, 4, 5);
        table.Title($"GEMM C = op(A)·op(B), {threads} threads, {(avx512 ? "AVX-512" : "portable")} kernel");
        foreach (GemmTimingResult r in results)
        {
            table.AddRow(
                Cells.Text(r.Precision),
                Cells.Number(string.Create(CultureInfo.InvariantCulture, $"{r.M}×{r.N}×{r.K}")),
                Cells.Text((r.TransposeA ? "T" : "N") + (r.TransposeB ? "T" : "N")),
                Cells.Number(Format.Fixed(r.BestGflops, 1)),
                Cells.Number(Format.Fixed(r.MedianGflops, 1)),
                Cells.Number(Format.Fixed(r.BestSeconds * 1e3, 3)));
        }
        console.Write(table);
    }
}
