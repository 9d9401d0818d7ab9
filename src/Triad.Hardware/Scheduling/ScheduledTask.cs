namespace Triad.Hardware.Scheduling;

/// <summary>One row of a schedule.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="DeviceId">The device it runs on.</param>
/// <param name="Start">Start time.</param>
/// <param name="Finish">Finish time.</param>
/// <param name="UpwardRank">Its HEFT priority, rank_u.</param>
public sealed record ScheduledTask(string TaskId, string DeviceId, double Start, double Finish, double UpwardRank);
