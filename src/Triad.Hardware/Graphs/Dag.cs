namespace Triad.Hardware.Graphs;

/// <summary>Topological sorting with cycle reporting, shared by <see cref="OpGraph"/> and the scheduler.</summary>
internal static class Dag
{
    /// <summary>
    /// Kahn's algorithm over nodes 0..n-1 with <paramref name="successors"/>; ready nodes are taken lowest index first,
    /// so the order is deterministic.
    /// </summary>
    /// <exception cref="HardwareDataException">The graph has a cycle; the message names one, e.g. "a -> b -> a".</exception>
    public static int[] TopologicalOrder(IReadOnlyList<List<int>> successors, Func<int, string> name)
    {
        int n = successors.Count;
        var indegree = new int[n];
        foreach (List<int> s in successors)
        {
            foreach (int j in s)
            {
                indegree[j]++;
            }
        }
        var ready = new PriorityQueue<int, int>();
        for (int i = 0; i < n; i++)
        {
            if (indegree[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }
        var order = new List<int>(n);
        while (ready.TryDequeue(out int i, out _))
        {
            order.Add(i);
            foreach (int j in successors[i])
            {
                if (--indegree[j] == 0)
                {
                    ready.Enqueue(j, j);
                }
            }
        }
        if (order.Count == n)
        {
            return [.. order];
        }
        throw new HardwareDataException($"the graph has a cycle: {string.Join(" -> ", FindCycle(successors, indegree).Select(name))}");
    }

    /// <summary>A cycle among the nodes Kahn's algorithm could not remove (indegree still positive), first node repeated at the end.</summary>
    private static List<int> FindCycle(IReadOnlyList<List<int>> successors, int[] indegree)
    {
        // Every left-over node has a left-over predecessor, so walking predecessors backwards must revisit a node.
        int n = successors.Count;
        var predecessor = new int[n];
        Array.Fill(predecessor, -1);
        for (int i = 0; i < n; i++)
        {
            if (indegree[i] > 0)
            {
                foreach (int j in successors[i])
                {
                    if (indegree[j] > 0 && predecessor[j] < 0)
                    {
                        predecessor[j] = i;
                    }
                }
            }
        }
        int start = Array.FindIndex(indegree, d => d > 0);
        var seen = new Dictionary<int, int>();
        var walk = new List<int>();
        int node = start;
        while (!seen.ContainsKey(node))
        {
            seen[node] = walk.Count;
            walk.Add(node);
            node = predecessor[node];
        }
        List<int> cycle = walk.GetRange(seen[node], walk.Count - seen[node]);
        cycle.Reverse();
        // Start at the lowest index so the message does not depend on where the walk entered the cycle.
        int first = cycle.IndexOf(cycle.Min());
        cycle = [.. cycle.Skip(first), .. cycle.Take(first)];
        cycle.Add(cycle[0]);
        return cycle;
    }
}
