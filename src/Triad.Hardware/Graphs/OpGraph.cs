namespace Triad.Hardware.Graphs;

/// <summary>
/// A directed acyclic graph of <see cref="Op"/>s joined by <see cref="OpEdge"/>s, checked on construction: ids
/// distinct, edges between known ops, no cycle (the error names one).
/// </summary>
public sealed class OpGraph
{
    private readonly Dictionary<string, int> _index;

    /// <summary>Builds and checks the graph.</summary>
    /// <exception cref="HardwareDataException">Duplicate id, an edge to an unknown op, a negative size or a cycle.</exception>
    public OpGraph(IReadOnlyList<Op> ops, IReadOnlyList<OpEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(ops);
        ArgumentNullException.ThrowIfNull(edges);
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ops.Count; i++)
        {
            Op op = ops[i];
            if (!_index.TryAdd(op.Id, i))
            {
                throw new HardwareDataException($"op '{op.Id}' appears twice in the graph");
            }
            if (!(op.Flops >= 0 && op.Bytes >= 0 && double.IsFinite(op.Flops) && double.IsFinite(op.Bytes)))
            {
                throw new HardwareDataException($"op '{op.Id}': FLOPs {op.Flops} and bytes {op.Bytes} must be finite and not negative");
            }
        }
        foreach (OpEdge e in edges)
        {
            foreach (string end in (string[])[e.From, e.To])
            {
                if (!_index.ContainsKey(end))
                {
                    throw new HardwareDataException($"edge {e.From} -> {e.To}: unknown op '{end}'");
                }
            }
            if (!(e.Bytes >= 0 && double.IsFinite(e.Bytes)))
            {
                throw new HardwareDataException($"edge {e.From} -> {e.To}: bytes {e.Bytes} must be finite and not negative");
            }
        }
        Ops = ops;
        Edges = edges;
        var successors = new List<int>[ops.Count];
        for (int i = 0; i < ops.Count; i++)
        {
            successors[i] = [];
        }
        foreach (OpEdge e in edges)
        {
            successors[_index[e.From]].Add(_index[e.To]);
        }
        TopologicalOrder = [.. Dag.TopologicalOrder(successors, i => ops[i].Id).Select(i => ops[i])];
    }

    /// <summary>The ops in the order given.</summary>
    public IReadOnlyList<Op> Ops { get; }

    /// <summary>The data dependencies.</summary>
    public IReadOnlyList<OpEdge> Edges { get; }

    /// <summary>The ops in an order where every producer comes before its consumers.</summary>
    public IReadOnlyList<Op> TopologicalOrder { get; }

    /// <summary>The op called <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such op.</exception>
    public Op this[string id] => Ops[_index[id]];

    /// <summary>Sum of FLOPs of one forward evaluation.</summary>
    public double TotalFlops => Ops.Sum(o => o.Flops);

    /// <summary>Sum of bytes moved in one forward evaluation.</summary>
    public double TotalBytes => Ops.Sum(o => o.Bytes);

    /// <summary>Sum of trained parameters held by the ops.</summary>
    public long TotalParameters => Ops.Sum(o => o.Parameters);
}
