using System.Numerics;
using Triad.Quantum.Kernels;
using Triad.Quantum.Simulation;

namespace Triad.Quantum.Gates;

/// <summary>
/// A gate with its numbers bound, placed on qubits of a state: the kind of kernel, the controls, the targets and
/// the entries (the diagonal, or a row-major matrix on the targets whose local index bit j is targets[j]).
/// </summary>
public sealed class GateOperator
{
    private readonly int[] _controls;
    private readonly int[] _targets;
    private readonly Complex[] _data;
    private float[]? _single;

    /// <summary>Creates an operator; see <see cref="GateOperatorKind"/> for what <paramref name="data"/> holds.</summary>
    public GateOperator(GateOperatorKind kind, int[] controls, int[] targets, Complex[] data)
    {
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(data);
        int dim = 1 << targets.Length;
        int expected = kind switch
        {
            GateOperatorKind.Diagonal => dim,
            GateOperatorKind.Matrix => dim * dim,
            _ => 0,
        };
        if (data.Length != expected)
        {
            throw new ArgumentException($"a {kind} operator on {targets.Length} targets has {expected} entries, not {data.Length}", nameof(data));
        }
        if (kind == GateOperatorKind.Diagonal && controls.Length != 0)
        {
            throw new ArgumentException("a diagonal operator lists its controls among its targets", nameof(controls));
        }
        Kind = kind;
        _controls = controls;
        _targets = targets;
        _data = data;
        foreach (int c in controls)
        {
            ControlMask |= 1L << c;
        }
    }

    /// <summary>The kernel family.</summary>
    public GateOperatorKind Kind { get; }

    /// <summary>Control qubits (all must be 1 for the gate to act).</summary>
    public IReadOnlyList<int> Controls => _controls;

    /// <summary>Target qubits, in the order of the local index bits.</summary>
    public IReadOnlyList<int> Targets => _targets;

    /// <summary>The diagonal or the row-major matrix on the targets (empty for the permutations).</summary>
    public ReadOnlySpan<Complex> Data => _data;

    /// <summary>Bit mask of the controls.</summary>
    public long ControlMask { get; }

    /// <summary>Every qubit the operator touches: the controls, then the targets.</summary>
    public int[] Qubits => [.. _controls, .. _targets];

    /// <summary>Applies the operator to <paramref name="state"/> in place with the kernel of its kind.</summary>
    public void Apply(Span<Complex> state)
    {
        switch (Kind)
        {
            case GateOperatorKind.Diagonal:
                StateVectorKernels.ApplyDiagonal(state, _targets, _data);
                break;
            case GateOperatorKind.ControlledX:
                StateVectorKernels.ApplyX(state, _targets[0], ControlMask);
                break;
            case GateOperatorKind.ControlledSwap:
                StateVectorKernels.ApplySwap(state, _targets[0], _targets[1], ControlMask);
                break;
            default:
                StateVectorKernels.ApplyMatrix(state, _targets, _data, ControlMask);
                break;
        }
    }

    /// <summary>The entries rounded once to interleaved floats for complex64 states (made on first use, then kept).</summary>
    internal float[] SingleData => _single ??= InterleavedKernels<float>.Interleave(_data);

    /// <summary>Applies the operator to a complex64 <paramref name="state"/> in place with the kernel of its kind.</summary>
    public void Apply(Span<Complex64> state)
    {
        switch (Kind)
        {
            case GateOperatorKind.Diagonal:
                StateVectorKernels.ApplyDiagonal(state, _targets, SingleData);
                break;
            case GateOperatorKind.ControlledX:
                StateVectorKernels.ApplyX(state, _targets[0], ControlMask);
                break;
            case GateOperatorKind.ControlledSwap:
                StateVectorKernels.ApplySwap(state, _targets[0], _targets[1], ControlMask);
                break;
            default:
                StateVectorKernels.ApplyMatrix(state, _targets, SingleData, ControlMask);
                break;
        }
    }

    /// <summary>
    /// The full unitary on <see cref="Qubits"/> (controls first, then targets), row-major 2^k × 2^k with local index
    /// bit j = bit of Qubits[j]: identity where a control bit is 0.
    /// </summary>
    public Complex[] DenseMatrix()
    {
        int c = _controls.Length, t = _targets.Length, k = c + t, dim = 1 << k;
        int controlAll = (1 << c) - 1;
        var u = new Complex[dim * dim];
        for (int col = 0; col < dim; col++)
        {
            if ((col & controlAll) != controlAll)
            {
                u[(col * dim) + col] = Complex.One;
                continue;
            }
            int tc = col >> c;
            for (int tr = 0; tr < 1 << t; tr++)
            {
                int row = (tr << c) | controlAll;
                u[(row * dim) + col] = TargetEntry(tr, tc);
            }
        }
        return u;
    }

    /// <summary>Entry (row, column) of the operator's action on its targets.</summary>
    private Complex TargetEntry(int row, int col) => Kind switch
    {
        GateOperatorKind.Diagonal => row == col ? _data[row] : Complex.Zero,
        GateOperatorKind.ControlledX => row == (col ^ 1) ? Complex.One : Complex.Zero,
        GateOperatorKind.ControlledSwap => row == (col is 1 or 2 ? col ^ 3 : col) ? Complex.One : Complex.Zero,
        _ => _data[(row << _targets.Length) + col],
    };

    /// <summary>Whether every matrix entry off the diagonal is zero.</summary>
    public bool IsDiagonal => Kind == GateOperatorKind.Diagonal;
}
