namespace Triad.Hardware.Scheduling;

/// <summary>A task to place: its computation time on each device, null where the device cannot run it.</summary>
/// <param name="Id">Unique name.</param>
/// <param name="Costs">Time on device j (index into the problem's devices), or null.</param>
/// <param name="Energies">Energy of the task on device j, J, when a cost model gives it (a photonic mesh, whose energy is not
/// its power × time); null, or a null entry, to charge the device's power × the task's time.</param>
public sealed record SchedulingTask(string Id, IReadOnlyList<double?> Costs, IReadOnlyList<double?>? Energies = null);
