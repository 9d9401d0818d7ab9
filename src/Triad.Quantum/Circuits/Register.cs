namespace Triad.Quantum.Circuits;

/// <summary>A named register: bits <see cref="Offset"/> … Offset+Size−1 of the circuit's qubits or classical bits.</summary>
public sealed record Register(string Name, int Offset, int Size);
