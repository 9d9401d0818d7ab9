namespace Triad.Quantum.Gates;

/// <summary>Which kernel a gate runs on; each kind has its own loop (see <c>StateVectorKernels</c>).</summary>
public enum GateOperatorKind
{
    /// <summary>A diagonal matrix: each amplitude is multiplied by one entry (z, s, t, p, rz, cz, cp, crz, rzz).</summary>
    Diagonal,

    /// <summary>A (multi-)controlled X: amplitudes are swapped in pairs, no arithmetic (x, cx, ccx).</summary>
    ControlledX,

    /// <summary>A (controlled) swap of two qubits (swap, cswap).</summary>
    ControlledSwap,

    /// <summary>A general matrix on its targets, optionally controlled (h, rx, u3, ch, cu3, rxx, fused blocks).</summary>
    Matrix,
}
