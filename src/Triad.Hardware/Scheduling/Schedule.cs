namespace Triad.Hardware.Scheduling;

/// <summary>A placement of every task: rows in the order they were scheduled, the makespan and the busy energy.</summary>
/// <param name="Rows">Task, device, start, finish, in scheduling order.</param>
/// <param name="Makespan">Latest finish time.</param>
/// <param name="EnergyJoules">Σ busy time × device power, when every device used has a power; else null. Transfers are not charged.</param>
public sealed record Schedule(IReadOnlyList<ScheduledTask> Rows, double Makespan, double? EnergyJoules);
