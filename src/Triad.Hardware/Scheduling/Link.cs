namespace Triad.Hardware.Scheduling;

/// <summary>
/// A link between two devices, used in both directions: a transfer of d units of data takes
/// <c>LatencySeconds + d / Rate</c>.
/// </summary>
/// <param name="From">One end (device id).</param>
/// <param name="To">The other end (device id).</param>
/// <param name="Rate">Data units per unit time (bytes/s for an op graph).</param>
/// <param name="Latency">Fixed time per transfer (O/E/O conversion, protocol), same unit as the costs.</param>
public sealed record Link(string From, string To, double Rate, double Latency);
