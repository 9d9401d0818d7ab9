using Triad.Quantum.Gates;

namespace Triad.Quantum.Simulation;

/// <summary>
/// A state vector of either precision, as the simulators use it: gates, measurement and read-out. Probabilities and
/// sums are returned in double whatever the amplitudes' type. Made by <see cref="StateVector.Create"/>.
/// </summary>
public interface IStateVector
{
    /// <summary>Number of qubits.</summary>
    int QubitCount { get; }

    /// <summary>The amplitudes' number type.</summary>
    Precision Precision { get; }

    /// <summary>Applies a gate in place.</summary>
    void Apply(GateOperator gate);

    /// <summary>Flips qubit <paramref name="qubit"/> (X), as a reset does after outcome 1.</summary>
    void ApplyX(int qubit);

    /// <summary>‖ψ‖².</summary>
    double NormSquared();

    /// <summary>P(qubit = 1).</summary>
    double ProbabilityOfOne(int qubit);

    /// <summary>Projects qubit <paramref name="qubit"/> onto <paramref name="outcome"/>, which has probability <paramref name="probability"/>.</summary>
    void Collapse(int qubit, int outcome, double probability);

    /// <summary>pᵢ = |aᵢ|² for every basis state.</summary>
    double[] Probabilities();

    /// <summary>An independent copy of the same precision.</summary>
    IStateVector Copy();
}
