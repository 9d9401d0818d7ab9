using Triad.Quantum.Circuits;
using Triad.Quantum.Gates;

namespace Triad.Quantum.Simulation;

/// <summary>
/// One step of a compiled circuit: a gate with its operator resolved, or a measurement, reset or barrier;
/// <see cref="Name"/> is the gate's name (null for a fused block); <see cref="Terminal"/> marks a measurement after which nothing touches its qubit or reads a classical bit.
/// </summary>
public sealed record Step(InstructionKind Kind, GateOperator? Operator, int Qubit, int Clbit, ClassicalCondition? Condition, bool Terminal, int[] Qubits, string? Name = null);
