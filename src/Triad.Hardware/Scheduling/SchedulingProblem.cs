using Triad.Hardware.Catalog;
using Triad.Hardware.Costs;
using Triad.Hardware.Graphs;

namespace Triad.Hardware.Scheduling;

/// <summary>
/// A task graph to place on a set of devices (the input of <see cref="HeftScheduler"/>): computation costs per task
/// and device, data per edge, and optionally links. A transfer between different devices takes
/// <c>latency + data / rate</c> over their link; with no links at all, an edge's data is its transfer time, as in the
/// scheduling literature's examples; on the same device it takes no time. Checked on construction: ids distinct, a
/// device for every task (placement), a link for every pair of devices when links are given, no cycle.
/// </summary>
public sealed class SchedulingProblem
{
    private readonly Dictionary<(int, int), Link> _links = [];

    /// <summary>Builds and checks the problem.</summary>
    /// <exception cref="HardwareDataException">Any rule above is broken; the message names the task, device or edge.</exception>
    public SchedulingProblem(IReadOnlyList<SchedulingTask> tasks, IReadOnlyList<SchedulingEdge> edges, IReadOnlyList<SchedulingDevice> devices,
        IReadOnlyList<Link>? links)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(devices);
        if (devices.Count == 0)
        {
            throw new HardwareDataException("devices: at least one device is needed");
        }
        var deviceIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < devices.Count; j++)
        {
            if (!deviceIndex.TryAdd(devices[j].Id, j))
            {
                throw new HardwareDataException($"devices: '{devices[j].Id}' appears twice");
            }
            if (devices[j].PowerWatts is { } w && !(w >= 0 && double.IsFinite(w)))
            {
                throw new HardwareDataException($"device '{devices[j].Id}': powerWatts {w} must be finite and not negative");
            }
        }
        var taskIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (SchedulingTask t in tasks)
        {
            if (!taskIds.Add(t.Id))
            {
                throw new HardwareDataException($"task '{t.Id}' appears twice");
            }
            if (t.Costs.Count != devices.Count)
            {
                throw new HardwareDataException($"task '{t.Id}': {t.Costs.Count} costs for {devices.Count} devices");
            }
            for (int j = 0; j < devices.Count; j++)
            {
                if (t.Costs[j] is { } c && !(c >= 0 && double.IsFinite(c)))
                {
                    throw new HardwareDataException($"task '{t.Id}': cost {c} on '{devices[j].Id}' must be finite and not negative");
                }
            }
            if (t.Costs.All(c => c is null))
            {
                throw new HardwareDataException($"task '{t.Id}': no device can run it (devices: {string.Join(", ", devices.Select(d => d.Id))})");
            }
        }
        foreach (SchedulingEdge e in edges)
        {
            if ((uint)e.From >= (uint)tasks.Count || (uint)e.To >= (uint)tasks.Count)
            {
                throw new HardwareDataException($"edge {e.From} -> {e.To}: task index out of range");
            }
            if (!(e.Data >= 0 && double.IsFinite(e.Data)))
            {
                throw new HardwareDataException($"edge {tasks[e.From].Id} -> {tasks[e.To].Id}: data {e.Data} must be finite and not negative");
            }
        }
        if (links is { Count: > 0 })
        {
            foreach (Link l in links)
            {
                foreach (string end in (string[])[l.From, l.To])
                {
                    if (!deviceIndex.ContainsKey(end))
                    {
                        throw new HardwareDataException($"link {l.From} - {l.To}: unknown device '{end}'");
                    }
                }
                if (!(l.Rate > 0 && double.IsFinite(l.Rate)) || !(l.Latency >= 0 && double.IsFinite(l.Latency)))
                {
                    throw new HardwareDataException($"link {l.From} - {l.To}: rate {l.Rate} must be positive and latency {l.Latency} not negative");
                }
                int a = deviceIndex[l.From], b = deviceIndex[l.To];
                _links[(Math.Min(a, b), Math.Max(a, b))] = l;
            }
            for (int a = 0; a < devices.Count; a++)
            {
                for (int b = a + 1; b < devices.Count; b++)
                {
                    if (!_links.ContainsKey((a, b)))
                    {
                        throw new HardwareDataException($"links: no link between '{devices[a].Id}' and '{devices[b].Id}' (give every pair, or no links at all)");
                    }
                }
            }
        }
        Tasks = tasks;
        Edges = edges;
        Devices = devices;
        HasLinks = _links.Count > 0;
        var successors = new List<int>[tasks.Count];
        for (int i = 0; i < tasks.Count; i++)
        {
            successors[i] = [];
        }
        foreach (SchedulingEdge e in edges)
        {
            successors[e.From].Add(e.To);
        }
        TopologicalOrder = Dag.TopologicalOrder(successors, i => tasks[i].Id);
    }

    /// <summary>The tasks.</summary>
    public IReadOnlyList<SchedulingTask> Tasks { get; }

    /// <summary>The dependencies.</summary>
    public IReadOnlyList<SchedulingEdge> Edges { get; }

    /// <summary>The devices.</summary>
    public IReadOnlyList<SchedulingDevice> Devices { get; }

    /// <summary>Whether transfers go over links (else an edge's data is its time).</summary>
    public bool HasLinks { get; }

    /// <summary>Task indices, every producer before its consumers.</summary>
    public IReadOnlyList<int> TopologicalOrder { get; }

    /// <summary>Time to move <paramref name="data"/> from device <paramref name="a"/> to <paramref name="b"/>.</summary>
    public double TransferTime(double data, int a, int b)
    {
        if (a == b)
        {
            return 0;
        }
        if (!HasLinks)
        {
            return data;
        }
        Link l = _links[(Math.Min(a, b), Math.Max(a, b))];
        return l.Latency + data / l.Rate;
    }

    /// <summary>
    /// Mean transfer time of <paramref name="data"/> between distinct devices, L̄ + data / B̄ with L̄ and B̄ the mean
    /// latency and rate over device pairs (Topcuoglu et al. 2002, eq. 4); 0 with one device.
    /// </summary>
    public double MeanTransferTime(double data)
    {
        if (Devices.Count < 2)
        {
            return 0;
        }
        if (!HasLinks)
        {
            return data;
        }
        double latency = _links.Values.Average(l => l.Latency), rate = _links.Values.Average(l => l.Rate);
        return latency + data / rate;
    }

    /// <summary>
    /// The problem of running <paramref name="graph"/> on <paramref name="devices"/>: GPUs and CPUs price each op by the
    /// roofline model (an op a device cannot run in its kind or precision gets no cost there); a photonic mesh prices the
    /// matrix products it can tile (<see cref="PhotonicCostModel"/>, with its own energy per op) and leaves every other op
    /// to the electronic devices. Edge bytes move over <paramref name="links"/> (rates in bytes/s, latencies in s). With
    /// several devices and no links given, each pair is joined at the smaller of their interconnect bandwidths.
    /// </summary>
    /// <exception cref="HardwareDataException">A device has no cost model (QPU), an op no device can run, or a missing link.</exception>
    public static SchedulingProblem FromOpGraph(OpGraph graph, IReadOnlyList<DeviceProfile> devices, IReadOnlyList<Link>? links = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(devices);
        foreach (DeviceProfile d in devices)
        {
            if (d is not (ElectronicProfile or PhotonicProfile))
            {
                throw new HardwareDataException($"device '{d.Id}' ({d.Kind}): only GPUs, CPUs and photonic meshes have an op cost model in this version");
            }
        }
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var tasks = new List<SchedulingTask>(graph.Ops.Count);
        foreach (Op op in graph.Ops)
        {
            index[op.Id] = tasks.Count;
            var costs = new double?[devices.Count];
            var energies = new double?[devices.Count];
            for (int j = 0; j < devices.Count; j++)
            {
                switch (devices[j])
                {
                    case ElectronicProfile e when e.CanRun(op.Kind, op.Precision):
                        costs[j] = RooflineCostModel.Cost(op, e).Seconds;
                        break;
                    case PhotonicProfile p when PhotonicCostModel.CanTile(op) && p.Figure("dacBits") is not null:
                        PhotonicCost pc = PhotonicCostModel.Cost(op, p);
                        costs[j] = pc.Seconds;
                        energies[j] = pc.Joules;
                        break;
                }
            }
            if (costs.All(c => c is null))
            {
                throw new HardwareDataException(
                    $"op '{op.Id}' ({op.Kind}, {PrecisionNames.Name(op.Precision)}): no device can run it (devices: {string.Join(", ", devices.Select(d => d.Id))})");
            }
            tasks.Add(new SchedulingTask(op.Id, costs, energies.Any(e => e is not null) ? energies : null));
        }
        List<SchedulingEdge> edges = [.. graph.Edges.Select(e => new SchedulingEdge(index[e.From], index[e.To], e.Bytes))];
        if (links is null && devices.Count > 1)
        {
            var made = new List<Link>();
            for (int a = 0; a < devices.Count; a++)
            {
                for (int b = a + 1; b < devices.Count; b++)
                {
                    double? ra = (devices[a] as ElectronicProfile)?.InterconnectGigabytesPerSecond?.Value;
                    double? rb = (devices[b] as ElectronicProfile)?.InterconnectGigabytesPerSecond?.Value;
                    if (ra is null || rb is null)
                    {
                        throw new HardwareDataException(
                            $"no link between '{devices[a].Id}' and '{devices[b].Id}': one has no interconnect bandwidth; give links");
                    }
                    made.Add(new Link(devices[a].Id, devices[b].Id, Math.Min(ra.Value, rb.Value) * 1e9, 0));
                }
            }
            links = made;
        }
        List<SchedulingDevice> schedulingDevices = [.. devices.Select(d => new SchedulingDevice(d.Id, (d as ElectronicProfile)?.TdpWatts.Value))];
        return new SchedulingProblem(tasks, edges, schedulingDevices, links);
    }
}
