using Triad.Numerics.Random;
using Triad.Quantum.Circuits;

namespace Triad.Quantum.Simulation;

/// <summary>
/// Runs compiled circuits on a state vector: gates by their kernels, measurements by the Born rule
/// (outcome 1 with p = ⟨ψ|P₁|ψ⟩, then collapse and renormalise), reset as a measurement followed by X on
/// outcome 1, classically conditioned gates when their register holds the value.
/// </summary>
public static class StateVectorSimulator
{
    /// <summary>
    /// One run (one trajectory): the final state and classical bits. Random outcomes come from <paramref name="random"/>.
    /// </summary>
    public static (StateVector State, bool[] Clbits) Run(CompiledCircuit circuit, SeededRandom random)
    {
        (IStateVector state, bool[] clbits) = Run(circuit, random, Precision.Complex128);
        return ((StateVector)state, clbits);
    }

    /// <summary>One run in <paramref name="precision"/>: the final state and classical bits.</summary>
    public static (IStateVector State, bool[] Clbits) Run(CompiledCircuit circuit, SeededRandom random, Precision precision)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(random);
        IStateVector state = StateVector.Create(circuit.QubitCount, precision);
        var clbits = new bool[circuit.ClbitCount];
        foreach (Step step in circuit.Steps)
        {
            if (step.Condition is { } c && !c.Holds(clbits))
            {
                continue;
            }
            switch (step.Kind)
            {
                case InstructionKind.Gate:
                    state.Apply(step.Operator!);
                    break;
                case InstructionKind.Measure:
                    clbits[step.Clbit] = MeasureQubit(state, step.Qubit, random) == 1;
                    break;
                case InstructionKind.Reset:
                    if (MeasureQubit(state, step.Qubit, random) == 1)
                    {
                        state.ApplyX(step.Qubit);
                    }
                    break;
                default:
                    break;
            }
        }
        return (state, clbits);
    }

    /// <summary>The final state of a circuit without mid-circuit measurements, resets or conditions (final measurements are skipped).</summary>
    /// <exception cref="InvalidOperationException">The circuit measures, resets or branches before the end.</exception>
    public static StateVector FinalState(CompiledCircuit circuit) => (StateVector)FinalState(circuit, Precision.Complex128);

    /// <summary>The final state in <paramref name="precision"/> of a circuit without mid-circuit measurements, resets or conditions.</summary>
    /// <exception cref="InvalidOperationException">The circuit measures, resets or branches before the end.</exception>
    public static IStateVector FinalState(CompiledCircuit circuit, Precision precision)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (!circuit.IsUnitaryUpToFinalMeasurements)
        {
            throw new InvalidOperationException("the circuit measures, resets or is conditioned before its end; use ExactDistribution or sampling");
        }
        IStateVector state = StateVector.Create(circuit.QubitCount, precision);
        foreach (Step step in circuit.Steps)
        {
            if (step.Kind == InstructionKind.Gate)
            {
                state.Apply(step.Operator!);
            }
        }
        return state;
    }

    private static int MeasureQubit(IStateVector state, int qubit, SeededRandom random)
    {
        double p1 = state.ProbabilityOfOne(qubit);
        double norm = state.NormSquared();
        int outcome = random.NextDouble() * norm < p1 ? 1 : 0;
        state.Collapse(qubit, outcome, outcome == 1 ? p1 : norm - p1);
        return outcome;
    }
}
