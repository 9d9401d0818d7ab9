using System.Text.Json;
using Triad.Hardware.Catalog;

namespace Triad.Hardware.Scheduling;

/// <summary>
/// Reads the JSON form of a scheduling problem (docs/scheduling.md), so published schedules can be replayed:
/// <code>
/// {"devices": ["p1", {"id": "p2", "powerWatts": 700}],
///  "tasks": [{"id": "n1", "costs": {"p1": 14, "p2": 16}}],
///  "edges": [{"from": "n1", "to": "n2", "data": 18}],
///  "links": [{"from": "p1", "to": "p2", "rate": 1e9, "latency": 0}]}
/// </code>
/// A device missing from a task's costs cannot run it. <c>links</c> is optional: without it an edge's data is its
/// transfer time between different devices. Errors are one line naming the file and the field.
/// </summary>
public static class TaskGraphReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="HardwareDataException">The file breaks the schema or the problem's rules.</exception>
    public static SchedulingProblem ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Read(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Reads JSON <paramref name="json"/> that came from <paramref name="fileName"/>.</summary>
    /// <exception cref="HardwareDataException">The text breaks the schema or the problem's rules.</exception>
    public static SchedulingProblem Read(string json, string fileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(fileName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new HardwareDataException($"{fileName}: not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = new JsonFields(fileName, "", document.RootElement);
            var devices = new List<SchedulingDevice>();
            int k = 0;
            foreach (JsonElement d in Array(root, "devices"))
            {
                string path = $"devices[{k++}]";
                if (d.ValueKind == JsonValueKind.String)
                {
                    devices.Add(new SchedulingDevice(d.GetString()!, null));
                    continue;
                }
                var o = new JsonFields(fileName, path, d);
                string id = o.RequireString("id");
                double? power = o.OptionalNumber("powerWatts");
                o.RejectUnknown();
                devices.Add(new SchedulingDevice(id, power));
            }
            var deviceIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int j = 0; j < devices.Count; j++)
            {
                deviceIndex.TryAdd(devices[j].Id, j);
            }
            var tasks = new List<SchedulingTask>();
            var taskIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            k = 0;
            foreach (JsonElement t in Array(root, "tasks"))
            {
                var o = new JsonFields(fileName, $"tasks[{k++}]", t);
                string id = o.RequireString("id");
                JsonFields costsObject = o.Object("costs");
                var costs = new double?[devices.Count];
                foreach (string device in costsObject.Keys().ToList())
                {
                    if (!deviceIndex.TryGetValue(device, out int j))
                    {
                        throw costsObject.Error(costsObject.Name(device), $"unknown device (devices: {string.Join(", ", deviceIndex.Keys)})");
                    }
                    costs[j] = costsObject.RequireNumber(device);
                }
                o.RejectUnknown();
                taskIndex.TryAdd(id, tasks.Count);
                tasks.Add(new SchedulingTask(id, costs));
            }
            var edges = new List<SchedulingEdge>();
            k = 0;
            foreach (JsonElement e in root.Optional("edges") is null ? [] : Array(root, "edges"))
            {
                var o = new JsonFields(fileName, $"edges[{k++}]", e);
                string from = o.RequireString("from"), to = o.RequireString("to");
                double data = o.OptionalNumber("data") ?? 0;
                o.RejectUnknown();
                foreach ((string field, string end) in (ReadOnlySpan<(string, string)>)[("from", from), ("to", to)])
                {
                    if (!taskIndex.ContainsKey(end))
                    {
                        throw o.Error(o.Name(field), $"unknown task '{end}'");
                    }
                }
                edges.Add(new SchedulingEdge(taskIndex[from], taskIndex[to], data));
            }
            List<Link>? links = null;
            if (root.Optional("links") is not null)
            {
                links = [];
                k = 0;
                foreach (JsonElement l in Array(root, "links"))
                {
                    var o = new JsonFields(fileName, $"links[{k++}]", l);
                    links.Add(new Link(o.RequireString("from"), o.RequireString("to"), o.RequireNumber("rate"), o.OptionalNumber("latency") ?? 0));
                    o.RejectUnknown();
                }
            }
            root.RejectUnknown();
            try
            {
                return new SchedulingProblem(tasks, edges, devices, links);
            }
            catch (HardwareDataException e)
            {
                throw new HardwareDataException($"{fileName}: {e.Message}", e);
            }
        }
    }

    private static JsonElement.ArrayEnumerator Array(JsonFields root, string key)
    {
        JsonElement v = root.Require(key);
        return v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray()
            : throw root.Error(key, $"must be an array, not {JsonFields.Describe(v)}");
    }
}
