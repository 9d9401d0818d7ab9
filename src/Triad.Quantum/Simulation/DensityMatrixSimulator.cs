using Triad.Quantum.Circuits;
using Triad.Quantum.Noise;

namespace Triad.Quantum.Simulation;

/// <summary>
/// Exact noisy simulation of small circuits on a <see cref="DensityMatrix"/>: each gate ρ → UρU†, then the noise
/// model's channels on its qubits; a reset is the channel {|0⟩⟨0|, |0⟩⟨1|}; a measurement that something later
/// depends on splits ρ into the unnormalised branches PₖρPₖ with their classical bits (when the circuit has
/// conditions) or dephases the qubit (when it has none); final measurements leave the diagonal unchanged. The
/// result is the diagonal summed over branches, with the model's readout error applied to every qubit.
/// </summary>
public static class DensityMatrixSimulator
{
    /// <summary>P(i) over the 2^n basis states of the qubits (bit k = qubit k), as read out.</summary>
    public static double[] Distribution(QuantumCircuit circuit, NoiseModel? noise = null, IReadOnlyDictionary<string, double>? bindings = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        CompiledCircuit compiled = CompiledCircuit.Compile(circuit, bindings);
        bool conditions = compiled.Steps.Any(s => s.Condition is not null);
        var branches = new List<(DensityMatrix Rho, bool[] Clbits)> { (DensityMatrix.Zero(circuit.QubitCount), new bool[circuit.ClbitCount]) };
        QuantumChannel reset = QuantumChannel.AmplitudeDamping(1), dephase = QuantumChannel.PhaseDamping(1);
        foreach (Step step in compiled.Steps)
        {
            switch (step.Kind)
            {
                case InstructionKind.Gate:
                    foreach ((DensityMatrix rho, bool[] clbits) in branches)
                    {
                        if (step.Condition is not null && !step.Condition.Holds(clbits))
                        {
                            continue;
                        }
                        rho.Apply(step.Operator!);
                        if (noise is not null && step.Name is not null)
                        {
                            foreach ((QuantumChannel channel, int[] qubits) in noise.ChannelsAfter(step.Name, step.Qubits))
                            {
                                rho.Apply(channel, qubits);
                            }
                        }
                    }
                    break;
                case InstructionKind.Reset:
                    foreach ((DensityMatrix rho, bool[] clbits) in branches)
                    {
                        if (step.Condition is null || step.Condition.Holds(clbits))
                        {
                            rho.Apply(reset, [step.Qubit]);
                        }
                    }
                    break;
                case InstructionKind.Measure when !step.Terminal && !conditions:
                    foreach ((DensityMatrix rho, _) in branches)
                    {
                        rho.Apply(dephase, [step.Qubit]);
                    }
                    break;
                case InstructionKind.Measure when !step.Terminal:
                    branches = Split(branches, step, circuit.QubitCount);
                    break;
                default:
                    break;
            }
        }
        var p = new double[1 << circuit.QubitCount];
        foreach ((DensityMatrix rho, _) in branches)
        {
            double[] q = rho.Probabilities();
            for (int i = 0; i < p.Length; i++)
            {
                p[i] += q[i];
            }
        }
        noise?.ApplyReadout(p, circuit.QubitCount);
        return p;
    }

    private static List<(DensityMatrix, bool[])> Split(List<(DensityMatrix Rho, bool[] Clbits)> branches, Step step, int qubits)
    {
        var next = new List<(DensityMatrix, bool[])>();
        foreach ((DensityMatrix rho, bool[] clbits) in branches)
        {
            if (step.Condition is not null && !step.Condition.Holds(clbits))
            {
                next.Add((rho, clbits));
                continue;
            }
            if (next.Count + branches.Count >= ExactDistribution.MaxBranches)
            {
                throw new InvalidOperationException($"the circuit's mid-circuit measurements make more than {ExactDistribution.MaxBranches} branches");
            }
            StateVector.EnsureFits(2 * qubits, next.Count + branches.Count + 1);
            DensityMatrix one = rho.Clone();
            one.Project(step.Qubit, 1);
            rho.Project(step.Qubit, 0);
            bool[] c1 = (bool[])clbits.Clone();
            c1[step.Clbit] = true;
            clbits[step.Clbit] = false;
            foreach ((DensityMatrix r, bool[] c) in new[] { (rho, clbits), (one, c1) })
            {
                if (r.Trace() > 1e-15)
                {
                    next.Add((r, c));
                }
            }
        }
        return next;
    }
}
