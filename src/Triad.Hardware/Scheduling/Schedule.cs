namespace Triad.Hardware.Scheduling;

/// <summary>A placement of every task: rows in the order they were scheduled, the makespan and the busy energy.</summary>
/// <param name="Rows">Task, device, start, finish, in scheduling order.</param>
/// <param name="Makespan">Latest finish time.</param>
/// <param name="EnergyJoules">Σ over tasks of the task's own energy where its cost model gives one (photonic), else busy time × device power; null when a task has neither. Transfers are not charged.</param>
public sealed record Schedule(IReadOnlyList<ScheduledTask> Rows, double Makespan, double? EnergyJoules);
