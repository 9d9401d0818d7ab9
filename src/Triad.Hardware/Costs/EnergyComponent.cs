namespace Triad.Hardware.Costs;

/// <summary>One part of an op's energy.</summary>
/// <param name="Component">What used it, e.g. "board".</param>
/// <param name="Joules">Energy, J.</param>
public sealed record EnergyComponent(string Component, double Joules);
