namespace Triad.Cli.Rendering;

/// <summary>Mean matrix fidelity (with ±1 standard deviation over trials) against one swept defect.</summary>
internal static class SweepPlot
{
    /// <summary>The SVG text of the plot.</summary>
    public static string Svg(string xLabel, double[] x, double[] mean, double[] std, int modes)
    {
        var plot = new ScottPlot.Plot();
        var line = plot.Add.Scatter(x, mean);
        line.LegendText = "mean fidelity";
        var upper = plot.Add.Scatter(x, [.. mean.Select((m, i) => m + std[i])]);
        upper.LinePattern = ScottPlot.LinePattern.Dotted;
        upper.MarkerSize = 0;
        upper.LegendText = "± 1 s.d. over trials";
        var lower = plot.Add.Scatter(x, [.. mean.Select((m, i) => m - std[i])]);
        lower.LinePattern = ScottPlot.LinePattern.Dotted;
        lower.MarkerSize = 0;
        lower.Color = upper.Color;
        plot.XLabel(xLabel);
        plot.YLabel("matrix fidelity |Tr(U†V)|²/(N‖V‖²)");
        plot.Title($"{modes}-mode Clements mesh: fidelity against {xLabel}");
        plot.ShowLegend();
        return plot.GetSvgXml(800, 500);
    }
}
