namespace Triad.Hardware.Scheduling;

/// <summary>
/// Heterogeneous Earliest Finish Time (Topcuoglu, Hariri and Wu, "Performance-effective and low-complexity task
/// scheduling for heterogeneous computing", IEEE TPDS 13(3):260–274, 2002).
/// </summary>
/// <remarks>
/// 1. Upward rank, from the exit tasks back: rank_u(i) = w̄_i + max over successors j of (c̄_ij + rank_u(j)), with w̄_i
/// the mean cost of task i over the devices that can run it and c̄_ij the mean transfer time of the edge's data
/// between distinct devices (<see cref="SchedulingProblem.MeanTransferTime"/>).
/// 2. Tasks are taken by decreasing rank_u; among tasks whose predecessors are all placed, the highest rank goes
/// first (ranks within a relative 1e-9 count as equal; then the task listed first), which is the paper's order and
/// always respects the dependencies.
/// 3. Each task goes to the device giving the earliest finish time, EFT = EST + w_ij, where EST is the earliest
/// idle slot on that device at or after the data-ready time max over predecessors m of (AFT(m) + c_mj) that is long
/// enough to hold the task (insertion-based policy); ties go to the device listed first.
/// </remarks>
public static class HeftScheduler
{
    /// <summary>Schedules <paramref name="problem"/>.</summary>
    public static Schedule Run(SchedulingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int n = problem.Tasks.Count, p = problem.Devices.Count;
        var successors = new List<SchedulingEdge>[n];
        var predecessors = new List<SchedulingEdge>[n];
        for (int i = 0; i < n; i++)
        {
            successors[i] = [];
            predecessors[i] = [];
        }
        foreach (SchedulingEdge e in problem.Edges)
        {
            successors[e.From].Add(e);
            predecessors[e.To].Add(e);
        }

        double[] rank = UpwardRanks(problem, successors);

        var remainingPredecessors = new int[n];
        for (int i = 0; i < n; i++)
        {
            remainingPredecessors[i] = predecessors[i].Count;
        }
        var ready = new List<int>(Enumerable.Range(0, n).Where(i => remainingPredecessors[i] == 0));
        var busy = new List<(double Start, double Finish)>[p];
        for (int j = 0; j < p; j++)
        {
            busy[j] = [];
        }
        var device = new int[n];
        var finish = new double[n];
        var rows = new List<ScheduledTask>(n);
        double? energy = 0;
        while (ready.Count > 0)
        {
            int pick = 0;
            for (int r = 1; r < ready.Count; r++)
            {
                double a = rank[ready[r]], b = rank[ready[pick]];
                bool higher = a - b > 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b));
                bool tie = !higher && b - a <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b));
                if (higher || (tie && ready[r] < ready[pick]))
                {
                    pick = r;
                }
            }
            int task = ready[pick];
            ready.RemoveAt(pick);

            int bestDevice = -1;
            double bestStart = 0, bestFinish = double.PositiveInfinity;
            for (int j = 0; j < p; j++)
            {
                if (problem.Tasks[task].Costs[j] is not { } cost)
                {
                    continue;
                }
                double dataReady = 0;
                foreach (SchedulingEdge e in predecessors[task])
                {
                    dataReady = Math.Max(dataReady, finish[e.From] + problem.TransferTime(e.Data, device[e.From], j));
                }
                double start = EarliestSlot(busy[j], dataReady, cost);
                if (start + cost < bestFinish)
                {
                    bestDevice = j;
                    bestStart = start;
                    bestFinish = start + cost;
                }
            }
            device[task] = bestDevice;
            finish[task] = bestFinish;
            Insert(busy[bestDevice], (bestStart, bestFinish));
            rows.Add(new ScheduledTask(problem.Tasks[task].Id, problem.Devices[bestDevice].Id, bestStart, bestFinish, rank[task]));
            double? taskEnergy = problem.Tasks[task].Energies?[bestDevice]
                ?? (problem.Devices[bestDevice].PowerWatts is { } watts ? watts * (bestFinish - bestStart) : null);
            energy = taskEnergy is { } used && energy is { } sum ? sum + used : null;
            foreach (SchedulingEdge e in successors[task])
            {
                if (--remainingPredecessors[e.To] == 0)
                {
                    ready.Add(e.To);
                }
            }
        }
        double makespan = n == 0 ? 0 : finish.Max();
        return new Schedule(rows, makespan, n == 0 ? 0 : energy);
    }

    /// <summary>rank_u of every task (step 1 of the remarks).</summary>
    public static double[] UpwardRanks(SchedulingProblem problem, IReadOnlyList<List<SchedulingEdge>> successors)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(successors);
        int n = problem.Tasks.Count;
        var rank = new double[n];
        for (int k = n - 1; k >= 0; k--)
        {
            int i = problem.TopologicalOrder[k];
            double meanCost = problem.Tasks[i].Costs.Where(c => c is not null).Average(c => c!.Value);
            double tail = 0;
            foreach (SchedulingEdge e in successors[i])
            {
                tail = Math.Max(tail, problem.MeanTransferTime(e.Data) + rank[e.To]);
            }
            rank[i] = meanCost + tail;
        }
        return rank;
    }

    /// <summary>Earliest start ≥ <paramref name="ready"/> of a gap of <paramref name="length"/> among sorted busy intervals.</summary>
    private static double EarliestSlot(List<(double Start, double Finish)> busy, double ready, double length)
    {
        double candidate = ready;
        foreach ((double start, double end) in busy)
        {
            if (candidate + length <= start)
            {
                return candidate;
            }
            candidate = Math.Max(candidate, end);
        }
        return candidate;
    }

    private static void Insert(List<(double Start, double Finish)> busy, (double Start, double Finish) slot)
    {
        int at = busy.FindIndex(b => b.Start > slot.Start);
        busy.Insert(at < 0 ? busy.Count : at, slot);
    }
}
