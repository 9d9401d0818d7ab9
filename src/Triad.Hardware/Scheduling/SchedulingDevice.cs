namespace Triad.Hardware.Scheduling;

/// <summary>A processor of a scheduling problem.</summary>
/// <param name="Id">Its name (a catalog id or any label).</param>
/// <param name="PowerWatts">Power drawn while busy, W, if known (for the schedule's energy).</param>
public sealed record SchedulingDevice(string Id, double? PowerWatts);
