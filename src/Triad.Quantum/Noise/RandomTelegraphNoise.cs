using Triad.Numerics.Random;

namespace Triad.Quantum.Noise;

/// <summary>
/// Random telegraph noise: each qubit's frequency is offset by s·δ with s ∈ {+1, −1} following a symmetric two-state
/// Markov process that switches at rate γ each way (Machlup, J. Appl. Phys. 25, 341, 1954; as two-level fluctuators
/// in superconducting qubits, Paladino et al., Rev. Mod. Phys. 86, 361, 2014). The offset holds for the length of a
/// circuit run (runs much shorter than 1/γ) and carries over to the next run, Δt later, flipping with probability
/// P = (1 − e^{−2γΔt})/2, so the sign's correlation between successive runs is e^{−2γΔt}: errors correlated in time,
/// unlike white noise. During a run every gate on qubit q is followed by rz(s_q·δ·t_gate).
/// </summary>
public sealed class RandomTelegraphNoise
{
    private readonly int[] _signs;
    private readonly SeededRandom _random;

    /// <summary>Creates the process with each qubit's first sign drawn from the stationary distribution (±1 equally likely).</summary>
    /// <param name="qubits">Number of qubits.</param>
    /// <param name="detuningRadiansPerSecond">δ, the angular frequency offset (rad/s).</param>
    /// <param name="switchingRatePerSecond">γ, the switching rate each way (1/s).</param>
    /// <param name="gateTimeSeconds">Duration of one gate (s).</param>
    /// <param name="runIntervalSeconds">Time from one circuit run to the next (s).</param>
    /// <param name="random">Stream for the initial signs and the switches.</param>
    public RandomTelegraphNoise(int qubits, double detuningRadiansPerSecond, double switchingRatePerSecond, double gateTimeSeconds,
        double runIntervalSeconds, SeededRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(qubits);
        ArgumentNullException.ThrowIfNull(random);
        foreach ((double v, string name) in new[] { (detuningRadiansPerSecond, "detuning"), (switchingRatePerSecond, "switching rate"),
            (gateTimeSeconds, "gate time"), (runIntervalSeconds, "run interval") })
        {
            if (!(v >= 0) || !double.IsFinite(v))
            {
                throw new ArgumentOutOfRangeException(nameof(detuningRadiansPerSecond), v, $"random telegraph noise: {name} {v} must be finite and non-negative");
            }
        }
        DetuningRadiansPerSecond = detuningRadiansPerSecond;
        GateTimeSeconds = gateTimeSeconds;
        FlipProbability = (1 - Math.Exp(-2 * switchingRatePerSecond * runIntervalSeconds)) / 2;
        _random = random;
        _signs = new int[qubits];
        for (int q = 0; q < qubits; q++)
        {
            _signs[q] = random.NextDouble() < 0.5 ? 1 : -1;
        }
    }

    /// <summary>δ (rad/s).</summary>
    public double DetuningRadiansPerSecond { get; }

    /// <summary>Gate duration (s).</summary>
    public double GateTimeSeconds { get; }

    /// <summary>Probability that a qubit's sign flips between two successive runs, (1 − e^{−2γΔt})/2.</summary>
    public double FlipProbability { get; }

    /// <summary>The current sign of qubit <paramref name="qubit"/>.</summary>
    public int Sign(int qubit) => _signs[qubit];

    /// <summary>The phase s_q·δ·t_gate that follows each gate on <paramref name="qubit"/> in the current run.</summary>
    public double PhasePerGate(int qubit) => _signs[qubit] * DetuningRadiansPerSecond * GateTimeSeconds;

    /// <summary>Moves to the next run: each qubit's sign flips with <see cref="FlipProbability"/>.</summary>
    public void Advance()
    {
        for (int q = 0; q < _signs.Length; q++)
        {
            if (_random.NextDouble() < FlipProbability)
            {
                _signs[q] = -_signs[q];
            }
        }
    }
}
