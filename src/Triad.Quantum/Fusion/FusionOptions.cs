namespace Triad.Quantum.Fusion;

/// <summary>How far <see cref="GateFusion"/> merges gates.</summary>
/// <param name="MaxQubits">Largest block (qubits); 2 to 4 pay off on CPUs (qsim's fuser uses up to 4 with AVX).</param>
public sealed record FusionOptions(int MaxQubits = 2)
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
