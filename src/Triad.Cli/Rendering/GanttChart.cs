using System.Globalization;
using Triad.Hardware.Scheduling;

namespace Triad.Cli.Rendering;

/// <summary>A schedule as a Gantt chart (ScottPlot): one row per device, one bar per task from its start to its finish.</summary>
internal static class GanttChart
{
    private const int Width = 1000;

    /// <summary>The SVG text of the chart of <paramref name="schedule"/> over <paramref name="deviceIds"/> (rows top to bottom).</summary>
    public static string Svg(Schedule schedule, IReadOnlyList<string> deviceIds, string title)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(deviceIds);
        var plot = new ScottPlot.Plot();
        ScottPlot.Color[] palette = new ScottPlot.Palettes.Category10().Colors;
        var row = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < deviceIds.Count; i++)
        {
            row[deviceIds[i]] = deviceIds.Count - 1 - i;
        }
        int k = 0;
        foreach (ScheduledTask t in schedule.Rows)
        {
            double y = row[t.DeviceId];
            var rectangle = plot.Add.Rectangle(t.Start, t.Finish, y - 0.35, y + 0.35);
            rectangle.FillStyle.Color = palette[k++ % palette.Length].WithAlpha(0.8);
            rectangle.LineStyle.Color = ScottPlot.Colors.Black;
            if (schedule.Rows.Count <= 60)
            {
                var label = plot.Add.Text(t.TaskId, (t.Start + t.Finish) / 2, y);
                label.LabelAlignment = ScottPlot.Alignment.MiddleCenter;
                label.LabelFontSize = 11;
            }
        }
        double[] positions = [.. deviceIds.Select(d => (double)row[d])];
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, [.. deviceIds]);
        plot.Axes.SetLimits(0, Math.Max(schedule.Makespan, 1e-300) * 1.02, -0.6, deviceIds.Count - 0.4);
        plot.XLabel("time");
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"{title}: makespan {schedule.Makespan:G6}"));
        return plot.GetSvgXml(Width, Math.Max(240, 90 + 60 * deviceIds.Count));
    }
}
