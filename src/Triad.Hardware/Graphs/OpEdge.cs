namespace Triad.Hardware.Graphs;

/// <summary>A data dependency: <paramref name="To"/> reads <paramref name="Bytes"/> bytes that <paramref name="From"/> wrote.</summary>
/// <param name="From">Producer op id.</param>
/// <param name="To">Consumer op id.</param>
/// <param name="Bytes">Bytes carried.</param>
public sealed record OpEdge(string From, string To, double Bytes);
