using System.Numerics;
using Triad.Quantum.Circuits;

namespace Triad.Quantum.Tests.Support;

/// <summary>
/// Runs a circuit on <see cref="DenseReference"/>: each gate as Pᵀ(I ⊗ M)P on the whole state; each measurement
/// or reset that something later depends on splits the run into its two Born-weighted outcomes; the distribution is
/// the weighted sum of |ψ|² over the branches. Shares nothing with the simulator but the circuit object.
/// </summary>
public static class ReferenceRunner
{
    public static double[] Distribution(QuantumCircuit circuit, IReadOnlyDictionary<string, double>? bindings = null)
    {
        int n = circuit.QubitCount;
        var start = new Complex[1 << n];
        start[0] = 1;
        var branches = new List<(Complex[] State, double Weight, bool[] Clbits)> { (start, 1.0, new bool[circuit.ClbitCount]) };
        IReadOnlyList<Instruction> list = circuit.Instructions;
        for (int index = 0; index < list.Count; index++)
        {
            Instruction ins = list[index];
            bool later = list.Skip(index + 1).Any(l => l.Condition is not null || (l.Kind != InstructionKind.Barrier && l.Qubits.Contains(ins.Qubits[0])));
            var next = new List<(Complex[] State, double Weight, bool[] Clbits)>();
            foreach ((Complex[] state, double weight, bool[] clbits) in branches)
            {
                bool active = ins.Condition is null || ConditionHolds(ins.Condition, clbits);
                if (!active || ins.Kind == InstructionKind.Barrier || (ins.Kind == InstructionKind.Measure && !later))
                {
                    next.Add((state, weight, clbits));
                    continue;
                }
                if (ins.Kind == InstructionKind.Gate)
                {
                    double[] p = [.. ins.Parameters.Select(e => e.Evaluate(bindings))];
                    next.Add((DenseReference.ApplyStructured(DenseReference.Matrix(ins.Name, p), [.. ins.Qubits], state), weight, clbits));
                    continue;
                }
                int q = ins.Qubits[0];
                for (int outcome = 0; outcome < 2; outcome++)
                {
                    var s = new Complex[state.Length];
                    double prob = 0;
                    for (int i = 0; i < state.Length; i++)
                    {
                        if (((i >> q) & 1) == outcome)
                        {
                            s[i] = state[i];
                            prob += state[i].Magnitude * state[i].Magnitude;
                        }
                    }
                    if (prob < 1e-14)
                    {
                        continue;
                    }
                    for (int i = 0; i < s.Length; i++)
                    {
                        s[i] /= Math.Sqrt(prob);
                    }
                    bool[] c = (bool[])clbits.Clone();
                    if (ins.Kind == InstructionKind.Measure)
                    {
                        c[ins.Clbit] = outcome == 1;
                    }
                    else if (outcome == 1)
                    {
                        s = DenseReference.ApplyStructured(DenseReference.Matrix("x", []), [q], s);
                    }
                    next.Add((s, weight * prob, c));
                }
            }
            branches = next;
        }
        var dist = new double[1 << n];
        foreach ((Complex[] state, double weight, _) in branches)
        {
            for (int i = 0; i < dist.Length; i++)
            {
                dist[i] += weight * state[i].Magnitude * state[i].Magnitude;
            }
        }
        return dist;
    }

    private static bool ConditionHolds(ClassicalCondition c, bool[] clbits)
    {
        long v = 0;
        for (int j = 0; j < c.Register.Size; j++)
        {
            v += clbits[c.Register.Offset + j] ? 1L << j : 0;
        }
        return v == c.Value;
    }
}
