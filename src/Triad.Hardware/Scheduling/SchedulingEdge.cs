namespace Triad.Hardware.Scheduling;

/// <summary>A dependency: <paramref name="To"/> starts after <paramref name="From"/> finishes and its data has arrived.</summary>
/// <param name="From">Index of the producer task.</param>
/// <param name="To">Index of the consumer task.</param>
/// <param name="Data">Data carried: bytes, or a time where the problem has no links.</param>
public sealed record SchedulingEdge(int From, int To, double Data);
