namespace Triad.Quantum.Circuits;

/// <summary>What an instruction does.</summary>
public enum InstructionKind
{
    /// <summary>A unitary gate from <see cref="Gates.StandardGates"/>.</summary>
    Gate,

    /// <summary>A measurement of one qubit in the computational basis into one classical bit.</summary>
    Measure,

    /// <summary>A reset of one qubit to |0⟩ (measure, then flip when the outcome is 1).</summary>
    Reset,

    /// <summary>A barrier: no effect on the state; fusion does not move gates across it.</summary>
    Barrier,
}
