namespace Triad.Hardware.Costs;

/// <summary>The time and energy of one op on one device, with what limits it.</summary>
/// <param name="OpId">The op.</param>
/// <param name="DeviceId">The device.</param>
/// <param name="Seconds">Time, s.</param>
/// <param name="ComputeSeconds">FLOPs / peak rate, s.</param>
/// <param name="MemorySeconds">Bytes / memory bandwidth, s.</param>
/// <param name="Bound">"compute" or "memory": the larger of the two times.</param>
/// <param name="Joules">Energy, J (the sum of <paramref name="Breakdown"/>).</param>
/// <param name="Breakdown">Energy by component.</param>
public sealed record OpCost(string OpId, string DeviceId, double Seconds, double ComputeSeconds, double MemorySeconds, string Bound,
    double Joules, IReadOnlyList<EnergyComponent> Breakdown);
