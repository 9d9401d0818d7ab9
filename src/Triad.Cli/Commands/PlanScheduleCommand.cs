using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Hardware.Scheduling;
using Triad.Learning.Serialization;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad plan schedule GRAPH.json</c>: schedules a task graph (docs/scheduling.md) with HEFT and prints the
/// schedule (task, device, start, finish), the makespan and the busy energy, and writes a Gantt chart as SVG.
/// </summary>
internal sealed class PlanScheduleCommand
{
    private readonly CliContext _context;

    private readonly Argument<string> _graph = new("graph") { Description = "task graph JSON: tasks with costs per device, edges with data, devices, optional links" };

    private readonly Option<string?> _svg = new("--svg") { Description = "where to write the Gantt chart (default: GRAPH with .gantt.svg in place of .json)" };

    private readonly Option<bool> _json = CommonOptions.Json();

    private PlanScheduleCommand(CliContext context) => _context = context;

    /// <summary>The <c>schedule</c> subcommand of <c>plan</c>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new PlanScheduleCommand(context);
        var command = new Command("schedule", "HEFT schedule of a task graph: table, makespan, energy and a Gantt chart (SVG)");
        command.Arguments.Add(handler._graph);
        command.Options.Add(handler._svg);
        command.Options.Add(handler._json);
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        string path = p.GetValue(_graph)!;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"graph file '{path}' does not exist", path);
        }
        SchedulingProblem problem = TaskGraphReader.ReadFile(path);
        Schedule schedule = HeftScheduler.Run(problem);
        string svgPath = p.GetValue(_svg) ?? Path.ChangeExtension(path, null) + ".gantt.svg";
        string svg = GanttChart.Svg(schedule, [.. problem.Devices.Select(d => d.Id)], $"HEFT schedule of {Path.GetFileName(path)}");
        AtomicFile.WriteAllText(svgPath, svg);

        if (p.GetValue(_json))
        {
            var rows = new JsonArray();
            foreach (ScheduledTask r in schedule.Rows)
            {
                rows.Add(new JsonObject { ["task"] = r.TaskId, ["device"] = r.DeviceId, ["start"] = r.Start, ["finish"] = r.Finish, ["upwardRank"] = r.UpwardRank });
            }
            _context.Stdout.Write(ReportJson.ToText(new JsonObject
            {
                ["command"] = "plan schedule",
                ["graph"] = path,
                ["algorithm"] = "HEFT (Topcuoglu, Hariri and Wu 2002), insertion-based",
                ["makespan"] = schedule.Makespan,
                ["energyJoules"] = ReportJson.Number(schedule.EnergyJoules),
                ["gantt"] = svgPath,
                ["schedule"] = rows,
            }));
            return ExitCodes.Success;
        }
        Table table = Cells.NewTable("task", "device", "start", "finish", "rank_u").RightAlign(2, 3, 4);
        table.Title($"HEFT schedule of {Path.GetFileName(path)}");
        foreach (ScheduledTask r in schedule.Rows)
        {
            table.AddRow(Cells.Text(r.TaskId), Cells.Text(r.DeviceId), Cells.Number(G(r.Start)), Cells.Number(G(r.Finish)), Cells.Number(G(r.UpwardRank)));
        }
        _context.Console.Write(table);
        Cells.Field(_context.Console, "makespan", G(schedule.Makespan));
        Cells.Field(_context.Console, "energy", schedule.EnergyJoules is { } j ? $"{G(j)} J (busy time × device power)" : "not computed (give powerWatts for every device)");
        Cells.Field(_context.Console, "gantt chart", svgPath);
        return ExitCodes.Success;
    }

    private static string G(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
