using Triad.Photonics.Thermal;

namespace Triad.Cli.Rendering;

/// <summary>Matrix fidelity against time, one line per thermal remedy, with the ambient ΔT on the right axis.</summary>
internal static class DriftPlot
{
    /// <summary>The SVG text of the plot.</summary>
    public static string Svg(AmbientTrace trace, IReadOnlyList<DriftRun> runs, int modes)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(runs);
        var plot = new ScottPlot.Plot();
        double[] t = [.. Enumerable.Range(0, trace.Count).Select(trace.Time)];
        foreach (DriftRun run in runs)
        {
            var line = plot.Add.Scatter(t, run.Fidelity);
            line.LegendText = run.Remedy;
            line.MarkerSize = 0;
        }
        var ambient = plot.Add.Scatter(t, [.. trace.DeltaKelvin]);
        ambient.LegendText = "ambient ΔT (K, right)";
        ambient.LinePattern = ScottPlot.LinePattern.Dashed;
        ambient.MarkerSize = 0;
        ambient.Axes.YAxis = plot.Axes.Right;
        plot.XLabel("time / s");
        plot.YLabel("matrix fidelity |Tr(U†V)|²/(N‖V‖²)");
        plot.Axes.Right.Label.Text = "ambient ΔT / K";
        plot.Title($"{modes}-mode mesh under thermal drift, with and without each remedy");
        plot.ShowLegend();
        return plot.GetSvgXml(900, 520);
    }
}
