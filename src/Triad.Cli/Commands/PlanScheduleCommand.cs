using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Inputs;
using Triad.Cli.Output;
using Triad.Cli.Planning;
using Triad.Cli.Rendering;
using Triad.Hardware.Catalog;
using Triad.Hardware.Costs;
using Triad.Hardware.Graphs;
using Triad.Hardware.Scheduling;
using Link = Triad.Hardware.Scheduling.Link;
using Triad.Learning.Autograd;
using Triad.Learning.Models;
using Triad.Learning.Serialization;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad plan schedule GRAPH.json</c>: schedules a task graph (docs/scheduling.md) with HEFT and prints the
/// schedule (task, device, start, finish), the makespan and the busy energy, and writes a Gantt chart as SVG.
/// With <c>--model NAME|SPEC.json|MODEL.triad [--batch B] --devices id,id,...</c> instead of a graph file, the op graph
/// of one forward pass of a Triad.Learning model (<see cref="LearningOpGraph"/>) is priced on catalog devices by the
/// roofline model and scheduled the same way (times in seconds, energy in joules).
/// </summary>
internal sealed class PlanScheduleCommand
{
    private readonly CliContext _context;

    private readonly Argument<string?> _graph = new("graph")
    {
        Description = "task graph JSON: tasks with costs per device, edges with data, devices, optional links",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string?> _model = new("--model") { Description = "a Triad.Learning model instead of a graph: built-in name, .json/.yaml spec or saved .triad" };

    private readonly Option<int> _batch = new("--batch") { Description = "samples in the forward pass of --model", DefaultValueFactory = _ => 1 };

    private readonly Option<string?> _devices = new("--devices") { Description = "catalog device ids for --model, comma-separated, e.g. h100-sxm,epyc-9654" };

    private readonly Option<double?> _linkBandwidth = new("--link-bandwidth")
    {
        Description = "GB/s between every pair of --devices (default: the smaller interconnect bandwidth of the pair)",
    };

    private readonly Option<double> _linkLatency = new("--link-latency") { Description = "µs per transfer between --devices", DefaultValueFactory = _ => 0 };

    private readonly Option<string?> _catalog = PlanOptions.Catalog();

    private readonly Option<string?> _svg = new("--svg") { Description = "where to write the Gantt chart (default: GRAPH with .gantt.svg in place of .json)" };

    private readonly Option<bool> _json = CommonOptions.Json();

    private PlanScheduleCommand(CliContext context) => _context = context;

    /// <summary>The <c>schedule</c> subcommand of <c>plan</c>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new PlanScheduleCommand(context);
        var command = new Command("schedule", "HEFT schedule of a task graph: table, makespan, energy and a Gantt chart (SVG)");
        command.Arguments.Add(handler._graph);
        command.Options.Add(handler._model);
        command.Options.Add(handler._batch);
        command.Options.Add(handler._devices);
        command.Options.Add(handler._linkBandwidth);
        command.Options.Add(handler._linkLatency);
        command.Options.Add(handler._catalog);
        command.Options.Add(handler._svg);
        command.Options.Add(handler._json);
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        string? graphPath = p.GetValue(_graph);
        string? model = p.GetValue(_model);
        if ((graphPath is null) == (model is null))
        {
            throw new UsageException("plan schedule: give either a GRAPH.json or --model, not both and not neither");
        }
        foreach (Option o in (Option[])[_batch, _devices, _linkBandwidth, _linkLatency, _catalog])
        {
            if (model is null && CommonOptions.IsGiven(p, o))
            {
                throw new UsageException($"{o.Name}: only with --model");
            }
        }
        SchedulingProblem problem;
        string path;
        OpGraph? graph = null;
        IReadOnlyList<DeviceProfile> profiles = [];
        if (model is not null)
        {
            path = model;
            (problem, graph, profiles) = ModelProblem(p, model);
        }
        else
        {
            path = graphPath!;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"graph file '{path}' does not exist", path);
            }
            problem = TaskGraphReader.ReadFile(path);
        }
        Schedule schedule = HeftScheduler.Run(problem);
        string svgPath = p.GetValue(_svg) ?? (model is null
            ? Path.ChangeExtension(path, null) + ".gantt.svg"
            : Path.GetFileNameWithoutExtension(model.Trim()) + ".gantt.svg");
        string svg = GanttChart.Svg(schedule, [.. problem.Devices.Select(d => d.Id)], $"HEFT schedule of {Path.GetFileName(path)}");
        AtomicFile.WriteAllText(svgPath, svg);

        if (p.GetValue(_json))
        {
            var rows = new JsonArray();
            foreach (ScheduledTask r in schedule.Rows)
            {
                var row = new JsonObject { ["task"] = r.TaskId, ["device"] = r.DeviceId, ["start"] = r.Start, ["finish"] = r.Finish, ["upwardRank"] = r.UpwardRank };
                if (graph is not null)
                {
                    // The op's energy on its device, by component (RooflineCostModel: arithmetic, memory traffic, rest of board; PhotonicCostModel on a mesh).
                    DeviceProfile device = profiles.First(d => d.Id == r.DeviceId);
                    double joules;
                    IReadOnlyList<EnergyComponent> breakdown;
                    string? bound = null;
                    if (device is PhotonicProfile photonic)
                    {
                        PhotonicCost pc = PhotonicCostModel.Cost(graph[r.TaskId], photonic);
                        (joules, breakdown) = (pc.Joules, pc.Breakdown);
                    }
                    else
                    {
                        OpCost oc = RooflineCostModel.Cost(graph[r.TaskId], (ElectronicProfile)device);
                        (joules, breakdown, bound) = (oc.Joules, oc.Breakdown, oc.Bound);
                    }
                    var parts = new JsonObject();
                    foreach (EnergyComponent c in breakdown)
                    {
                        parts[c.Component] = c.Joules;
                    }
                    row["bound"] = bound;
                    row["joules"] = joules;
                    row["energyBreakdown"] = parts;
                }
                rows.Add(row);
            }
            _context.Stdout.Write(ReportJson.ToText(new JsonObject
            {
                ["command"] = "plan schedule",
                ["graph"] = model is null ? path : null,
                ["model"] = model,
                ["batch"] = model is null ? null : p.GetValue(_batch),
                ["ops"] = graph?.Ops.Count,
                ["totalFlops"] = graph?.TotalFlops,
                ["totalBytes"] = graph?.TotalBytes,
                ["units"] = model is null ? null : "seconds and joules",
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
        if (graph is not null)
        {
            Cells.Field(_context.Console, "op graph", $"{graph.Ops.Count} ops, {G(graph.TotalFlops)} FLOPs, {G(graph.TotalBytes)} bytes (one forward pass, batch {p.GetValue(_batch)}; times in s)");
        }
        Cells.Field(_context.Console, "makespan", G(schedule.Makespan));
        Cells.Field(_context.Console, "energy", schedule.EnergyJoules is { } j ? $"{G(j)} J (busy time × device power; a photonic op its own energy)" : "not computed (give powerWatts for every device)");
        Cells.Field(_context.Console, "gantt chart", svgPath);
        return ExitCodes.Success;
    }

    /// <summary>The scheduling problem of one forward pass of <paramref name="model"/> on the <c>--devices</c>.</summary>
    private (SchedulingProblem Problem, OpGraph Graph, IReadOnlyList<DeviceProfile> Devices) ModelProblem(ParseResult p, string model)
    {
        int batch = p.GetValue(_batch);
        CommonOptions.Require(batch >= 1, "--batch", batch, "the batch size must be at least 1");
        string deviceList = p.GetValue(_devices) ?? throw new UsageException("--devices: needed with --model, e.g. --devices h100-sxm,epyc-9654");
        string[] ids = [.. deviceList.Split(',', StringSplitOptions.TrimEntries)];
        if (ids.Any(string.IsNullOrEmpty))
        {
            throw new UsageException($"--devices '{deviceList}': an empty device id");
        }
        DeviceCatalog catalog = PlanOptions.Load(p.GetValue(_catalog));
        var devices = new List<DeviceProfile>(ids.Length);
        foreach (string id in ids)
        {
            if (!catalog.Contains(id))
            {
                throw new UsageException($"--devices: unknown device '{id}'; known: {string.Join(", ", catalog.Devices.Select(d => d.Id))}");
            }
            if (devices.Any(d => d.Id == id))
            {
                throw new UsageException($"--devices: '{id}' appears twice");
            }
            devices.Add(catalog.Get(id));
        }
        double latency = p.GetValue(_linkLatency);
        CommonOptions.Require(latency >= 0 && double.IsFinite(latency), "--link-latency", latency, "must be finite and not negative");
        List<Link>? links = null;
        if (p.GetValue(_linkBandwidth) is { } gbps)
        {
            CommonOptions.Require(gbps > 0 && double.IsFinite(gbps), "--link-bandwidth", gbps, "must be positive");
            links = [];
            for (int a = 0; a < ids.Length; a++)
            {
                for (int b = a + 1; b < ids.Length; b++)
                {
                    links.Add(new Link(ids[a], ids[b], gbps * 1e9, latency * 1e-6));
                }
            }
        }
        else if (ids.Length > 1 && devices.FirstOrDefault(d => d is not ElectronicProfile { InterconnectGigabytesPerSecond: not null }) is { } hostless)
        {
            throw new UsageException($"--link-bandwidth: needed, '{hostless.Id}' has no interconnect bandwidth in the catalog");
        }
        else if (CommonOptions.IsGiven(p, _linkLatency))
        {
            throw new UsageException("--link-latency: only with --link-bandwidth");
        }
        IModel built = LoadModel(model);
        IReadOnlyList<OpRecord> records = built.Trace(batch);
        OpGraph graph = LearningOpGraph.FromRecords(records);
        return (SchedulingProblem.FromOpGraph(graph, devices, links), graph, devices);
    }

    /// <summary>A saved model (.triad, or an existing file that is not a spec), else a built-in name or spec built with seed 0.</summary>
    internal static IModel LoadModel(string model)
    {
        string extension = Path.GetExtension(model).ToLowerInvariant();
        bool spec = extension is ".json" or ".yaml" or ".yml";
        if (extension == ".triad" || File.Exists(model) && !spec)
        {
            if (!File.Exists(model))
            {
                throw new FileNotFoundException($"model file '{model}' does not exist", model);
            }
            return ModelFile.Load(model).Model;
        }
        return ModelSource.Build(ModelSource.LoadSpec(model), seed: 0, model, "float32");
    }

    private static string G(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
