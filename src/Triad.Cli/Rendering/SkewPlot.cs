using System.Globalization;
using Triad.Hardware.Synchronization;

namespace Triad.Cli.Rendering;

/// <summary>Largest skew (fraction of a clock cycle) against loop bandwidth, one line per drift rate, log-log, with the threshold.</summary>
internal static class SkewPlot
{
    /// <summary>The SVG text of the plot.</summary>
    public static string Svg(double[] bandwidths, double[] drifts, SkewResult[,] results, double threshold, int order)
    {
        ArgumentNullException.ThrowIfNull(bandwidths);
        ArgumentNullException.ThrowIfNull(drifts);
        ArgumentNullException.ThrowIfNull(results);
        var plot = new ScottPlot.Plot();
        double[] x = [.. bandwidths.Select(Math.Log10)];
        for (int i = 0; i < drifts.Length; i++)
        {
            // A zero skew has no logarithm; it is drawn at 1e-12 of a cycle, the bottom of any useful scale.
            double[] y = [.. Enumerable.Range(0, bandwidths.Length).Select(j => Math.Log10(Math.Max(results[i, j].MaxCycleFraction, 1e-12)))];
            var line = plot.Add.Scatter(x, y);
            line.LegendText = $"drift {drifts[i].ToString("G3", CultureInfo.InvariantCulture)} s/s";
        }
        var limit = plot.Add.HorizontalLine(Math.Log10(threshold));
        limit.LegendText = $"threshold {threshold.ToString("G3", CultureInfo.InvariantCulture)}";
        limit.LinePattern = ScottPlot.LinePattern.Dashed;
        plot.XLabel("log10 loop bandwidth / Hz");
        plot.YLabel("log10 largest skew / clock cycle");
        plot.Title($"sampling-clock loop (order {order}): residual skew");
        plot.ShowLegend();
        return plot.GetSvgXml(800, 500);
    }
}
