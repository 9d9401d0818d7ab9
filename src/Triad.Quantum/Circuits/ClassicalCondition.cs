namespace Triad.Quantum.Circuits;

/// <summary>
/// OpenQASM 2's <c>if (creg == value)</c>: the instruction runs only when the register, read as an unsigned
/// integer with its bit 0 least significant, equals <see cref="Value"/>.
/// </summary>
public sealed record ClassicalCondition(Register Register, long Value)
{
    /// <summary>Whether the condition holds for the classical bits <paramref name="clbits"/>.</summary>
    public bool Holds(ReadOnlySpan<bool> clbits)
    {
        long v = 0;
        for (int j = 0; j < Register.Size; j++)
        {
            if (clbits[Register.Offset + j])
            {
                v |= 1L << j;
            }
        }
        return v == Value;
    }
}
