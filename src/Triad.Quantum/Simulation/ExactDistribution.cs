using Triad.Quantum.Circuits;

namespace Triad.Quantum.Simulation;

/// <summary>
/// The exact probability of every basis state of the qubits at the end of a circuit, P(i) = Σ_b w_b |⟨i|ψ_b⟩|²,
/// where each mid-circuit measurement or reset splits a branch b into its two outcomes with their Born weights
/// (branches of weight below 1e-15 are dropped). Final measurements leave the distribution unchanged and are skipped.
/// </summary>
public static class ExactDistribution
{
    /// <summary>Most branches held at once; the memory check counts this many states.</summary>
    public const int MaxBranches = 4096;

    private const double DropWeight = 1e-15;

    /// <summary>The distribution over the 2^n basis states (index bit k = qubit k), the states held in
    /// <paramref name="precision"/> (the probabilities are summed in double either way).</summary>
    /// <exception cref="StateTooLargeException">The states (one per branch) would not fit.</exception>
    /// <exception cref="InvalidOperationException">More than <see cref="MaxBranches"/> branches.</exception>
    public static double[] Compute(CompiledCircuit circuit, Precision precision = Precision.Complex128)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (circuit.IsUnitaryUpToFinalMeasurements)
        {
            return StateVectorSimulator.FinalState(circuit, precision).Probabilities();
        }
        var branches = new List<Branch> { new(StateVector.Create(circuit.QubitCount, precision), 1.0, new bool[circuit.ClbitCount]) };
        foreach (Step step in circuit.Steps)
        {
            switch (step.Kind)
            {
                case InstructionKind.Gate:
                    foreach (Branch b in branches)
                    {
                        if (step.Condition is null || step.Condition.Holds(b.Clbits))
                        {
                            b.State.Apply(step.Operator!);
                        }
                    }
                    break;
                case InstructionKind.Measure when !step.Terminal:
                case InstructionKind.Reset:
                    branches = Split(branches, step, circuit.QubitCount, precision);
                    break;
                default:
                    break;
            }
        }
        var p = new double[1 << circuit.QubitCount];
        foreach (Branch b in branches)
        {
            double[] q = b.State.Probabilities();
            for (int i = 0; i < p.Length; i++)
            {
                p[i] += b.Weight * q[i];
            }
        }
        return p;
    }

    private static List<Branch> Split(List<Branch> branches, Step step, int qubits, Precision precision)
    {
        var next = new List<Branch>(branches.Count * 2);
        foreach (Branch b in branches)
        {
            if (step.Condition is not null && !step.Condition.Holds(b.Clbits))
            {
                next.Add(b);
                continue;
            }
            double p1 = b.State.ProbabilityOfOne(step.Qubit);
            double norm = b.State.NormSquared();
            double p0 = norm - p1;
            bool keep0 = p0 * b.Weight > DropWeight, keep1 = p1 * b.Weight > DropWeight;
            if (keep0 && keep1 && next.Count + branches.Count >= MaxBranches)
            {
                throw new InvalidOperationException($"the circuit's mid-circuit measurements and resets make more than {MaxBranches} branches; sample it with shots instead");
            }
            if (keep0 && keep1)
            {
                StateVector.EnsureFits(qubits, next.Count + branches.Count + 1, precision);
            }
            if (keep1)
            {
                IStateVector s = keep0 ? b.State.Copy() : b.State;
                s.Collapse(step.Qubit, 1, p1);
                bool[] c = keep0 ? (bool[])b.Clbits.Clone() : b.Clbits;
                if (step.Kind == InstructionKind.Measure)
                {
                    c[step.Clbit] = true;
                }
                else
                {
                    s.ApplyX(step.Qubit);
                }
                next.Add(new Branch(s, b.Weight * p1 / norm, c));
            }
            if (keep0)
            {
                b.State.Collapse(step.Qubit, 0, p0);
                if (step.Kind == InstructionKind.Measure)
                {
                    b.Clbits[step.Clbit] = false;
                }
                next.Add(new Branch(b.State, b.Weight * p0 / norm, b.Clbits));
            }
        }
        return next;
    }

    private sealed record Branch(IStateVector State, double Weight, bool[] Clbits);
}
