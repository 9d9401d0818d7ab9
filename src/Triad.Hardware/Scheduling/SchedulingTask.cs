namespace Triad.Hardware.Scheduling;

/// <summary>A task to place: its computation time on each device, null where the device cannot run it.</summary>
/// <param name="Id">Unique name.</param>
/// <param name="Costs">Time on device j (index into the problem's devices), or null.</param>
public sealed record SchedulingTask(string Id, IReadOnlyList<double?> Costs);
