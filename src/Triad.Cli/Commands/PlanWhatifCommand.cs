using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Output;
using Triad.Cli.Planning;
using Triad.Cli.Rendering;
using Triad.Hardware;
using Triad.Hardware.Catalog;
using Triad.Hardware.Costs;
using Triad.Hardware.Graphs;
using Triad.Hardware.Scheduling;
using Link = Triad.Hardware.Scheduling.Link;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad plan whatif --device ID [--factor FIELD=X ...] [--mesh-size N] [--qubits Q]</c> and one workload:
/// <c>--matmul M,K,N</c> (roofline on a GPU or CPU, the photonic model on a mesh), <c>--circuit Q,L1,L2,SHOTS
/// [--pec G | --zne C1,C2,...]</c> (the QPU model) or <c>--model NAME --devices A,B [--link-bandwidth GB/s]</c> (a HEFT
/// schedule of a Triad.Learning model with the device scaled and the links changed). Prints each cost before and after
/// the change (<see cref="DeviceScaling"/>), with the changed figures and the model's assumptions.
/// </summary>
internal sealed class PlanWhatifCommand
{
    private readonly CliContext _context;

    private readonly Option<string> _device = new("--device") { Description = "catalog device to change", Required = true };

    private readonly Option<string[]> _factor = new("--factor")
    {
        Description = "FIELD=X: multiply a figure of the device by X (repeatable), e.g. memoryBandwidthGigabytesPerSecond=2",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<int?> _meshSize = new("--mesh-size") { Description = "photonic: mesh order N (MZIs = N(N-1)/2)" };

    private readonly Option<int?> _qubits = new("--qubits") { Description = "QPU: qubit count (couplers scale with it)" };

    private readonly Option<string?> _matmul = new("--matmul") { Description = "workload: an M,K,N matrix product (weights M×K, N vectors)" };

    private readonly Option<string> _precision = new("--precision") { Description = "precision of --matmul on a GPU or CPU", DefaultValueFactory = _ => "bf16" };

    private readonly Option<string?> _circuit = new("--circuit") { Description = "workload: QUBITS,ONE_QUBIT_LAYERS,TWO_QUBIT_LAYERS,SHOTS on a QPU" };

    private readonly Option<double?> _pec = new("--pec") { Description = "--circuit with probabilistic error cancellation of this gamma" };

    private readonly Option<string?> _zne = new("--zne") { Description = "--circuit with zero-noise extrapolation at these noise scales, e.g. 1,3" };

    private readonly Option<string?> _model = new("--model") { Description = "workload: a Triad.Learning model scheduled with HEFT on --devices" };

    private readonly Option<int> _batch = new("--batch") { Description = "samples in the forward pass of --model", DefaultValueFactory = _ => 1 };

    private readonly Option<string?> _devices = new("--devices") { Description = "devices of the --model schedule, comma-separated (including --device)" };

    private readonly Option<double?> _linkBandwidth = new("--link-bandwidth") { Description = "GB/s between every pair of --devices after the change" };

    private readonly Option<double?> _baseLinkBandwidth = new("--base-link-bandwidth")
    {
        Description = "GB/s between every pair before the change (default: the smaller interconnect bandwidth of each pair)",
    };

    private readonly Option<string?> _catalog = PlanOptions.Catalog();

    private readonly Option<bool> _json = CommonOptions.Json();

    private PlanWhatifCommand(CliContext context) => _context = context;

    /// <summary>The <c>whatif</c> subcommand of <c>plan</c>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new PlanWhatifCommand(context);
        var command = new Command("whatif", "scale a device profile (figures, mesh size, qubits, links) and show the changed costs of a workload");
        foreach (Option o in (Option[])[handler._device, handler._factor, handler._meshSize, handler._qubits, handler._matmul, handler._precision,
                     handler._circuit, handler._pec, handler._zne, handler._model, handler._batch, handler._devices, handler._linkBandwidth,
                     handler._baseLinkBandwidth, handler._catalog, handler._json])
        {
            command.Options.Add(o);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        DeviceCatalog catalog = PlanOptions.Load(p.GetValue(_catalog));
        string id = p.GetValue(_device)!;
        if (!catalog.Contains(id))
        {
            throw new UsageException($"--device: unknown device '{id}'; known: {string.Join(", ", catalog.Devices.Select(d => d.Id))}");
        }
        DeviceProfile before = catalog.Get(id);
        var factors = new List<KeyValuePair<string, double>>();
        foreach (string f in p.GetValue(_factor) ?? [])
        {
            int eq = f.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(f.AsSpan(eq + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double x))
            {
                throw new UsageException($"--factor '{f}': expected FIELD=NUMBER, e.g. memoryBandwidthGigabytesPerSecond=2");
            }
            factors.Add(new(f[..eq], x));
        }
        DeviceProfile after;
        try
        {
            after = DeviceScaling.Scale(before, factors, p.GetValue(_meshSize), p.GetValue(_qubits));
        }
        catch (HardwareDataException e)
        {
            throw new UsageException(e.Message, e);
        }
        int workloads = (p.GetValue(_matmul) is null ? 0 : 1) + (p.GetValue(_circuit) is null ? 0 : 1) + (p.GetValue(_model) is null ? 0 : 1);
        if (workloads != 1)
        {
            throw new UsageException("plan whatif: give one workload: --matmul M,K,N, --circuit Q,L1,L2,SHOTS or --model NAME --devices A,B");
        }
        if (factors.Count == 0 && p.GetValue(_meshSize) is null && p.GetValue(_qubits) is null && p.GetValue(_linkBandwidth) is null)
        {
            throw new UsageException("plan whatif: nothing changes; give --factor, --mesh-size, --qubits or --link-bandwidth");
        }
        var rows = new List<(string Quantity, double Before, double After)>();
        var assumptions = new List<string>();
        if (p.GetValue(_matmul) is { } mm)
        {
            long[] s = Counts(mm, "--matmul", 3);
            MatMul(p, before, after, s[0], s[1], s[2], rows, assumptions);
        }
        else if (p.GetValue(_circuit) is { } circuitText)
        {
            Circuit(p, before, after, circuitText, rows, assumptions);
        }
        else
        {
            Schedule(p, catalog, before, after, rows, assumptions);
        }
        List<string> changed = [.. after.Figures.Where(f => f.Value.Note?.StartsWith("what-if", StringComparison.Ordinal) == true)
            .Select(f => $"{f.Key} = {G(f.Value.Value)} ({f.Value.Note})")];
        if (p.GetValue(_linkBandwidth) is { } lb)
        {
            changed.Add($"links = {G(lb)} GB/s between every pair of devices");
        }
        if (p.GetValue(_json))
        {
            var array = new JsonArray();
            foreach ((string q, double b, double a) in rows)
            {
                array.Add(new JsonObject { ["quantity"] = q, ["before"] = b, ["after"] = a, ["ratio"] = b == 0 ? null : a / b });
            }
            _context.Stdout.Write(ReportJson.ToText(new JsonObject
            {
                ["command"] = "plan whatif",
                ["device"] = id,
                ["changed"] = new JsonArray([.. changed.Select(c => (JsonNode)c)]),
                ["costs"] = array,
                ["assumptions"] = new JsonArray([.. assumptions.Select(a => (JsonNode)a)]),
            }));
            return ExitCodes.Success;
        }
        Table table = Cells.NewTable("quantity", "before", "after", "after/before").RightAlign(1, 2, 3);
        table.Title($"what if: {id}");
        foreach ((string q, double b, double a) in rows)
        {
            table.AddRow(Cells.Text(q), Cells.Number(G(b)), Cells.Number(G(a)), Cells.Number(b == 0 ? "" : G(a / b)));
        }
        _context.Console.Write(table);
        foreach (string c in changed)
        {
            Cells.Field(_context.Console, "changed", c);
        }
        foreach (string a in assumptions)
        {
            Cells.Field(_context.Console, "assumption", a);
        }
        return ExitCodes.Success;
    }

    private void MatMul(ParseResult p, DeviceProfile before, DeviceProfile after, long m, long k, long n,
        List<(string, double, double)> rows, List<string> assumptions)
    {
        switch (before)
        {
            case ElectronicProfile eb:
            {
                string name = p.GetValue(_precision)!;
                if (!PrecisionNames.TryParse(name, out Precision precision))
                {
                    throw new UsageException($"--precision '{name}': unknown; known: {string.Join(", ", PrecisionNames.All.Select(x => x.Name))}");
                }
                double bytes = PrecisionNames.BytesPerElement(precision) * ((double)m * k + (double)k * n + (double)m * n);
                var op = new Op("matmul", OpKind.MatMul, [[n, k], [k, m]], [n, m], 2.0 * m * k * n, bytes, precision, 0);
                OpCost b = RooflineCostModel.Cost(op, eb), a = RooflineCostModel.Cost(op, (ElectronicProfile)after);
                rows.Add(("time, s", b.Seconds, a.Seconds));
                rows.Add(("energy, J", b.Joules, a.Joules));
                assumptions.Add($"roofline: {m}×{k}·{k}×{n} in {PrecisionNames.Name(precision)}, {G(op.Flops)} FLOPs, {G(bytes)} bytes; {b.Bound}-bound before, {a.Bound}-bound after; energy at TDP");
                break;
            }
            case PhotonicProfile pb:
            {
                PhotonicCost b = PhotonicCostModel.MatMul(m, k, n, pb), a = PhotonicCostModel.MatMul(m, k, n, (PhotonicProfile)after);
                rows.Add(("tiles", b.Tiles, a.Tiles));
                rows.Add(("time, s", b.Seconds, a.Seconds));
                rows.Add(("energy, J", b.Joules, a.Joules));
                rows.Add(("energy per op, pJ", b.PicojoulesPerOperation, a.PicojoulesPerOperation));
                foreach (EnergyComponent c in a.Breakdown)
                {
                    rows.Add(($"  {c.Component}, J", b.Breakdown.FirstOrDefault(x => x.Component == c.Component)?.Joules ?? 0, c.Joules));
                }
                rows.Add(("heater power, W", b.HeaterWatts, a.HeaterWatts));
                rows.Add(("path loss, dB", b.PathLossDb, a.PathLossDb));
                assumptions.AddRange(a.Assumptions);
                break;
            }
            default:
                throw new UsageException($"--matmul: '{before.Id}' is a {before.Kind}; a matrix product needs a GPU, CPU or photonic mesh");
        }
    }

    private void Circuit(ParseResult p, DeviceProfile before, DeviceProfile after, string text, List<(string, double, double)> rows, List<string> assumptions)
    {
        if (before is not QuantumProfile qb)
        {
            throw new UsageException($"--circuit: '{before.Id}' is a {before.Kind}, not a QPU");
        }
        long[] c = Counts(text, "--circuit", 4);
        var circuit = new QuantumCircuitSpec((int)Math.Min(c[0], int.MaxValue), (int)Math.Min(c[1], int.MaxValue), (int)Math.Min(c[2], int.MaxValue), c[3]);
        Mitigation mitigation = (p.GetValue(_pec), p.GetValue(_zne)) switch
        {
            (null, null) => new NoMitigation(),
            ({ } g, null) => new PecMitigation(g),
            (null, { } z) => new ZneMitigation([.. z.Split(',').Select(x => double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                ? v : throw new UsageException($"--zne '{z}': '{x}' is not a number"))]),
            _ => throw new UsageException("--pec and --zne: give one mitigation, not both"),
        };
        QpuCost b;
        try
        {
            b = QpuCostModel.Cost(circuit with { Qubits = Math.Min(circuit.Qubits, (int)qb.Figure("qubits")!.Value) }, qb, mitigation);
        }
        catch (HardwareDataException e)
        {
            throw new UsageException(e.Message, e);
        }
        QpuCost a = QpuCostModel.Cost(circuit, (QuantumProfile)after, mitigation);
        rows.Add(("qubits", qb.Figure("qubits")!.Value, ((QuantumProfile)after).Figure("qubits")!.Value));
        rows.Add(("shots per execution", b.ShotsPerExecution, a.ShotsPerExecution));
        rows.Add(("time, s", b.Seconds, a.Seconds));
        assumptions.AddRange(a.Assumptions);
        if (circuit.Qubits > qb.Figure("qubits")!.Value)
        {
            assumptions.Add($"before: the cited device has {qb.Figure("qubits")!.Value} qubits, so its row prices the circuit on all of them");
        }
    }

    private void Schedule(ParseResult p, DeviceCatalog catalog, DeviceProfile before, DeviceProfile after, List<(string, double, double)> rows,
        List<string> assumptions)
    {
        string list = p.GetValue(_devices) ?? throw new UsageException("--devices: needed with --model, e.g. --devices h100-sxm,epyc-9654");
        string[] ids = [.. list.Split(',', StringSplitOptions.TrimEntries)];
        if (!ids.Contains(before.Id))
        {
            throw new UsageException($"--devices '{list}': must include --device '{before.Id}'");
        }
        foreach (string d in ids.Where(d => !catalog.Contains(d)))
        {
            throw new UsageException($"--devices: unknown device '{d}'; known: {string.Join(", ", catalog.Devices.Select(x => x.Id))}");
        }
        int batch = p.GetValue(_batch);
        CommonOptions.Require(batch >= 1, "--batch", batch, "the batch size must be at least 1");
        List<Link>? Links(double? gbps, string option)
        {
            if (gbps is null)
            {
                return null;
            }
            CommonOptions.Require(gbps > 0 && double.IsFinite(gbps.Value), option, gbps.Value, "must be positive");
            var links = new List<Link>();
            for (int i = 0; i < ids.Length; i++)
            {
                for (int j = i + 1; j < ids.Length; j++)
                {
                    links.Add(new Link(ids[i], ids[j], gbps.Value * 1e9, 0));
                }
            }
            return links;
        }
        List<Link>? baseLinks = Links(p.GetValue(_baseLinkBandwidth), "--base-link-bandwidth");
        List<Link>? newLinks = Links(p.GetValue(_linkBandwidth), "--link-bandwidth") ?? baseLinks;
        OpGraph graph = LearningOpGraph.FromRecords(PlanScheduleCommand.LoadModel(p.GetValue(_model)!).Trace(batch));
        List<DeviceProfile> devicesBefore = [.. ids.Select(catalog.Get)];
        List<DeviceProfile> devicesAfter = [.. devicesBefore.Select(d => d.Id == before.Id ? after : d)];
        Schedule b = HeftScheduler.Run(SchedulingProblem.FromOpGraph(graph, devicesBefore, baseLinks));
        Schedule a = HeftScheduler.Run(SchedulingProblem.FromOpGraph(graph, devicesAfter, newLinks));
        rows.Add(("makespan, s", b.Makespan, a.Makespan));
        if (b.EnergyJoules is { } eb && a.EnergyJoules is { } ea)
        {
            rows.Add(("energy, J", eb, ea));
        }
        rows.Add(($"ops on {before.Id}", b.Rows.Count(r => r.DeviceId == before.Id), a.Rows.Count(r => r.DeviceId == before.Id)));
        assumptions.Add($"HEFT schedule of one forward pass of {p.GetValue(_model)} (batch {batch}, {graph.Ops.Count} ops) on {list}; roofline costs, energy at TDP");
        assumptions.Add(baseLinks is null ? "links before: the smaller interconnect bandwidth of each pair" : $"links before: {G(p.GetValue(_baseLinkBandwidth)!.Value)} GB/s");
    }

    private static long[] Counts(string text, string option, int count)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]) || values[i] < (option == "--circuit" && i is 1 or 2 ? 0 : 1))
            {
                throw new UsageException($"{option} '{text}': '{parts[i]}' is not a whole number in range");
            }
        }
        return parts.Length == count ? values : throw new UsageException($"{option} '{text}': expected {count} comma-separated whole numbers");
    }

    private static string G(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
