using Triad.Quantum.Circuits;
using Triad.Quantum.Fusion;

namespace Triad.Quantum.Simulation;

/// <summary>
/// A circuit with its parameters bound and every gate resolved to a kernel operator, ready to run many times
/// (shots, trajectories). Optionally passed through <see cref="GateFusion"/>.
/// </summary>
public sealed class CompiledCircuit
{
    private CompiledCircuit(int qubits, int clbits, IReadOnlyList<Step> steps)
    {
        QubitCount = qubits;
        ClbitCount = clbits;
        Steps = steps;
    }

    /// <summary>Number of qubits.</summary>
    public int QubitCount { get; }

    /// <summary>Number of classical bits.</summary>
    public int ClbitCount { get; }

    /// <summary>The steps in order.</summary>
    public IReadOnlyList<Step> Steps { get; }

    /// <summary>Whether the circuit has no reset, no condition and no measurement before the end of its qubit.</summary>
    public bool IsUnitaryUpToFinalMeasurements => Steps.All(s => s.Condition is null && s.Kind != InstructionKind.Reset && (s.Kind != InstructionKind.Measure || s.Terminal));

    /// <summary>Number of gate steps (after fusion when fused).</summary>
    public int GateCount => Steps.Count(s => s.Kind == InstructionKind.Gate);

    /// <summary>
    /// Resolves every gate under <paramref name="bindings"/>; with <paramref name="fusion"/>, neighbouring gates
    /// are merged into blocks of at most that many qubits.
    /// </summary>
    /// <exception cref="UnboundParameterException">A symbol has no value (the message names where it was written).</exception>
    public static CompiledCircuit Compile(QuantumCircuit circuit, IReadOnlyDictionary<string, double>? bindings = null, FusionOptions? fusion = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        IReadOnlyList<Instruction> list = circuit.Instructions;
        // A measurement is terminal when no later instruction acts on its qubit and no later instruction is conditioned.
        var terminal = new bool[list.Count];
        var touchedLater = new bool[circuit.QubitCount];
        bool conditionLater = false;
        for (int i = list.Count - 1; i >= 0; i--)
        {
            Instruction ins = list[i];
            if (ins.Kind == InstructionKind.Measure)
            {
                terminal[i] = !touchedLater[ins.Qubits[0]] && !conditionLater;
            }
            if (ins.Kind != InstructionKind.Barrier)
            {
                foreach (int q in ins.Qubits)
                {
                    touchedLater[q] = true;
                }
            }
            conditionLater |= ins.Condition is not null;
        }
        var steps = new List<Step>(list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            Instruction ins = list[i];
            int[] qubits = [.. ins.Qubits];
            steps.Add(ins.Kind switch
            {
                InstructionKind.Gate => new Step(ins.Kind, ins.Operator(bindings), -1, -1, ins.Condition, false, qubits, ins.Name),
                _ => new Step(ins.Kind, null, qubits.Length > 0 ? qubits[0] : -1, ins.Clbit, ins.Condition, terminal[i], qubits, ins.Name),
            });
        }
        IReadOnlyList<Step> result = fusion is null ? steps : GateFusion.Fuse(steps, fusion);
        return new CompiledCircuit(circuit.QubitCount, circuit.ClbitCount, result);
    }
}
