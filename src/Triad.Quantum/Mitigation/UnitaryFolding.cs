using Triad.Quantum.Circuits;
using P = Triad.Quantum.Circuits.ParameterExpression;

namespace Triad.Quantum.Mitigation;

/// <summary>
/// Unitary folding, which scales a circuit's noise by λ ≥ 1 without changing its unitary (Giurgica-Tiron et al.,
/// "Digital zero noise extrapolation", arXiv:2005.10921; Mitiq's <c>fold_global</c> and <c>fold_gates_from_left</c>).
/// With d gates, λ = 1 + 2(n + k/d): global folding appends (U†U)^n to U = G_d⋯G_1 and then the last k gates folded
/// once more, L†L with L = G_d⋯G_{d−k+1}; per-gate folding replaces every gate G by G(G†G)^n and the first k gates
/// (from the left) by one more G†G. Final measurements stay at the end, barriers are dropped; resets, conditions and
/// gates after a measurement are refused. λ is rounded to the nearest 2/d.
/// </summary>
public static class UnitaryFolding
{
    private static readonly HashSet<string> s_selfInverse = ["id", "u0", "x", "y", "z", "h", "cx", "cy", "cz", "ch", "swap", "ccx", "cswap", "c3x", "c4x"];

    private static readonly Dictionary<string, string> s_pairs = new(StringComparer.Ordinal)
    {
        ["s"] = "sdg", ["sdg"] = "s", ["t"] = "tdg", ["tdg"] = "t", ["sx"] = "sxdg", ["sxdg"] = "sx",
    };

    private static readonly HashSet<string> s_negated = ["rx", "ry", "rz", "p", "u1", "crx", "cry", "crz", "cp", "cu1", "rxx", "rzz"];

    /// <summary>G† as a qelib1 instruction: self-inverse gates, s/sdg-type pairs, negated angles, and
    /// U(θ,φ,λ)† = U(−θ,−λ,−φ) for u3, u, u2 (as u3) and cu3, cu (with −γ).</summary>
    /// <exception cref="ArgumentException">A gate with no qelib1 inverse (csx, c3sqrtx).</exception>
    public static Instruction Inverse(Instruction gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        string where = gate.Location is null ? "" : gate.Location + ": ";
        IReadOnlyList<P> p = gate.Parameters;
        int[] q = [.. gate.Qubits];
        if (s_selfInverse.Contains(gate.Name))
        {
            return gate;
        }
        if (s_pairs.TryGetValue(gate.Name, out string? inverse))
        {
            return new Instruction(InstructionKind.Gate, inverse, q, [], location: gate.Location);
        }
        if (s_negated.Contains(gate.Name))
        {
            return gate.WithParameters([P.Negate(p[0])]);
        }
        return gate.Name switch
        {
            "u3" or "u" or "cu3" => gate.WithParameters([P.Negate(p[0]), P.Negate(p[2]), P.Negate(p[1])]),
            "u2" => new Instruction(InstructionKind.Gate, "u3", q, [P.Negate(P.Binary('/', P.Pi, P.Constant(2))), P.Negate(p[1]), P.Negate(p[0])], location: gate.Location),
            "cu" => gate.WithParameters([P.Negate(p[0]), P.Negate(p[2]), P.Negate(p[1]), P.Negate(p[3])]),
            _ => throw new ArgumentException($"{where}gate '{gate.Name}' has no inverse in qelib1, so it cannot be folded"),
        };
    }

    /// <summary>The circuit folded globally to noise scale <paramref name="scale"/> (≥ 1).</summary>
    public static QuantumCircuit FoldGlobal(QuantumCircuit circuit, double scale)
    {
        (List<Instruction> gates, List<Instruction> tail, QuantumCircuit result) = Split(circuit, scale);
        (int n, int k) = Counts(gates.Count, scale);
        foreach (Instruction g in gates)
        {
            result.Add(g);
        }
        for (int r = 0; r < n; r++)
        {
            for (int i = gates.Count - 1; i >= 0; i--)
            {
                result.Add(Inverse(gates[i]));
            }
            foreach (Instruction g in gates)
            {
                result.Add(g);
            }
        }
        for (int i = gates.Count - 1; i >= gates.Count - k; i--)
        {
            result.Add(Inverse(gates[i]));
        }
        for (int i = gates.Count - k; i < gates.Count; i++)
        {
            result.Add(gates[i]);
        }
        foreach (Instruction t in tail)
        {
            result.Add(t);
        }
        return result;
    }

    /// <summary>The circuit with every gate folded in place to noise scale <paramref name="scale"/> (≥ 1).</summary>
    public static QuantumCircuit FoldGates(QuantumCircuit circuit, double scale)
    {
        (List<Instruction> gates, List<Instruction> tail, QuantumCircuit result) = Split(circuit, scale);
        (int n, int k) = Counts(gates.Count, scale);
        for (int i = 0; i < gates.Count; i++)
        {
            result.Add(gates[i]);
            int folds = n + (i < k ? 1 : 0);
            for (int r = 0; r < folds; r++)
            {
                result.Add(Inverse(gates[i]));
                result.Add(gates[i]);
            }
        }
        foreach (Instruction t in tail)
        {
            result.Add(t);
        }
        return result;
    }

    /// <summary>The scale a fold really reaches for <paramref name="gates"/> gates: 1 + 2(n + k/d).</summary>
    public static double AchievedScale(int gates, double scale)
    {
        (int n, int k) = Counts(gates, scale);
        return gates == 0 ? 1 : 1 + (2.0 * (n + ((double)k / gates)));
    }

    private static (int N, int K) Counts(int gates, double scale)
    {
        if (gates == 0)
        {
            return (0, 0);
        }
        double extra = (scale - 1) / 2;
        int total = (int)Math.Round(extra * gates);
        return (total / gates, total % gates);
    }

    private static (List<Instruction> Gates, List<Instruction> Tail, QuantumCircuit Result) Split(QuantumCircuit circuit, double scale)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (!(scale >= 1) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"a noise scale factor is at least 1, not {scale}");
        }
        var gates = new List<Instruction>();
        var tail = new List<Instruction>();
        foreach (Instruction i in circuit.Instructions)
        {
            if (i.Condition is not null || i.Kind == InstructionKind.Reset || (i.Kind == InstructionKind.Gate && tail.Count > 0 && tail.Any(t => t.Kind == InstructionKind.Measure)))
            {
                throw new ArgumentException($"{(i.Location is null ? "" : i.Location + ": ")}folding needs gates followed only by final measurements ('{i.Name}' breaks this)");
            }
            if (i.Kind == InstructionKind.Gate)
            {
                gates.Add(i);
            }
            else if (i.Kind == InstructionKind.Measure)
            {
                tail.Add(i);
            }
        }
        return (gates, tail, circuit.CopyRegisters());
    }
}
