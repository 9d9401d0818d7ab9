using System.Numerics;
using Triad.Quantum.Circuits;
using Triad.Quantum.Gates;
using Triad.Quantum.Simulation;

namespace Triad.Quantum.Fusion;

/// <summary>
/// Gate fusion as a pass of its own (after qsim's <c>fuser_basic.h</c>): neighbouring gates are multiplied into
/// blocks of at most <see cref="FusionOptions.MaxQubits"/> qubits, so the state is swept once per block instead of
/// once per gate. Open blocks act on disjoint qubits; a gate joins the open blocks it touches when their union fits,
/// otherwise those blocks are emitted and the gate starts a new one. Measurements, resets, barriers and conditioned
/// gates emit the blocks on their qubits first and are kept in order. A block whose product is diagonal runs on the
/// diagonal kernel; a block of permutations only (x, cx, ccx, swap, cswap) is emitted gate by gate, since moving
/// amplitudes costs less than a general matrix sweep.
/// </summary>
public static class GateFusion
{
    /// <summary>The fused steps; the product of each block is U_blk = G_m ⋯ G_1 (the gates in circuit order).</summary>
    public static IReadOnlyList<Step> Fuse(IReadOnlyList<Step> steps, FusionOptions options)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var output = new List<Step>(steps.Count);
        var open = new List<Block>();
        foreach (Step step in steps)
        {
            List<Block> touching = [.. open.Where(b => step.Qubits.Any(b.Qubits.Contains))];
            if (step.Kind == InstructionKind.Gate && step.Condition is null)
            {
                var union = new SortedSet<int>(step.Qubits);
                foreach (Block b in touching)
                {
                    union.UnionWith(b.Qubits);
                }
                if (union.Count <= options.MaxQubits)
                {
                    var merged = new Block(touching.Count > 0 ? touching.Min(b => b.Order) : NextOrder(open));
                    foreach (Block b in touching.OrderBy(b => b.Order))
                    {
                        merged.Operators.AddRange(b.Operators);
                        open.Remove(b);
                    }
                    merged.Operators.Add(step.Operator!);
                    merged.Qubits.UnionWith(union);
                    open.Add(merged);
                    continue;
                }
                Emit(touching, open, output);
                if (step.Qubits.Length <= options.MaxQubits)
                {
                    var block = new Block(NextOrder(open));
                    block.Operators.Add(step.Operator!);
                    block.Qubits.UnionWith(step.Qubits);
                    open.Add(block);
                }
                else
                {
                    output.Add(step);
                }
                continue;
            }
            Emit(touching, open, output);
            output.Add(step);
        }
        Emit([.. open], open, output);
        return output;
    }

    private static int NextOrder(List<Block> open) => open.Count == 0 ? 0 : open.Max(b => b.Order) + 1;

    private static void Emit(List<Block> blocks, List<Block> open, List<Step> output)
    {
        foreach (Block b in blocks.OrderBy(b => b.Order))
        {
            open.Remove(b);
            // A block of permutations only (x, cx, ccx, swap, cswap) stays as it is: each moves amplitudes without
            // arithmetic, mostly on a fraction of the state, which costs less than one general matrix sweep.
            if (b.Operators.Count == 1 || b.Operators.All(o => o.Kind is GateOperatorKind.ControlledX or GateOperatorKind.ControlledSwap))
            {
                foreach (GateOperator single in b.Operators)
                {
                    output.Add(new Step(InstructionKind.Gate, single, -1, -1, null, false, single.Qubits));
                }
                continue;
            }
            GateOperator op = Multiply(b.Operators, [.. b.Qubits]);
            output.Add(new Step(InstructionKind.Gate, op, -1, -1, null, false, op.Qubits));
        }
    }

    /// <summary>
    /// The product of <paramref name="operators"/> on the block's <paramref name="qubits"/> (ascending): column j is the
    /// block applied to |j⟩, computed with the same kernels on a 2^k-amplitude state.
    /// </summary>
    internal static GateOperator Multiply(IReadOnlyList<GateOperator> operators, int[] qubits)
    {
        int k = qubits.Length, dim = 1 << k;
        var local = new Dictionary<int, int>();
        for (int j = 0; j < k; j++)
        {
            local[qubits[j]] = j;
        }
        GateOperator[] mapped = [.. operators.Select(op => new GateOperator(op.Kind,
            [.. op.Controls.Select(q => local[q])], [.. op.Targets.Select(q => local[q])], op.Data.ToArray()))];
        if (operators.All(op => op.IsDiagonal))
        {
            var diagonal = new Complex[dim];
            for (int j = 0; j < dim; j++)
            {
                var v = new Complex[dim];
                v[j] = Complex.One;
                foreach (GateOperator op in mapped)
                {
                    op.Apply(v);
                }
                diagonal[j] = v[j];
            }
            return new GateOperator(GateOperatorKind.Diagonal, [], qubits, diagonal);
        }
        var u = new Complex[dim * dim];
        var column = new Complex[dim];
        bool diagonalProduct = true;
        for (int j = 0; j < dim; j++)
        {
            Array.Clear(column);
            column[j] = Complex.One;
            foreach (GateOperator op in mapped)
            {
                op.Apply(column);
            }
            for (int r = 0; r < dim; r++)
            {
                u[(r * dim) + j] = column[r];
                // Off-diagonal entries are sums of products of unit-modulus phases and 1/√2 factors: what cancels
                // (H·H, cx·u1·cx) leaves 0 or a rounding residue near 1e-17, far below this bound.
                diagonalProduct &= r == j || column[r].Magnitude < 1e-15;
            }
        }
        if (diagonalProduct)
        {
            // cx·u1·cx·u1 (a controlled phase as QASMBench's qft writes it) multiplies out to a diagonal: keep the
            // cheap diagonal kernel rather than a general matrix sweep.
            return new GateOperator(GateOperatorKind.Diagonal, [], qubits, [.. Enumerable.Range(0, dim).Select(i => u[(i * dim) + i])]);
        }
        return new GateOperator(GateOperatorKind.Matrix, [], qubits, u);
    }

    private sealed class Block(int order)
    {
        public int Order { get; } = order;

        public List<GateOperator> Operators { get; } = [];

        public SortedSet<int> Qubits { get; } = [];
    }
}
