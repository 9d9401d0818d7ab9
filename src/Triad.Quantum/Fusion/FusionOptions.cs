namespace Triad.Quantum.Fusion;

/// <summary>How far <see cref="GateFusion"/> merges gates.</summary>
/// <param name="MaxQubits">Largest block (qubits). 3 by default: on QASMBench's qft_n18, square_root_n18 and dnn_n16
/// it gave 2.3×, 1.0× and 6.1× over no fusion on this 2-core machine (2 gave 1.2×, 1.0×, 4.3×); qsim's fuser goes up to 4.</param>
public sealed record FusionOptions(int MaxQubits = 3)
{
    /// <summary>Throws unless 1 ≤ MaxQubits ≤ 6.</summary>
    public void Validate()
    {
        if (MaxQubits is < 1 or > 6)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxQubits), MaxQubits, "a fused block has 1 to 6 qubits");
        }
    }
}
