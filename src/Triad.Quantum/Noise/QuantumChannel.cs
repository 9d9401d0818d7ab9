using System.Numerics;

namespace Triad.Quantum.Noise;

/// <summary>
/// A completely positive trace-preserving map on k qubits in Kraus form, E(ρ) = Σₘ Kₘ ρ Kₘ†, Σₘ Kₘ†Kₘ = I
/// (Nielsen and Chuang, §8.2). Kraus matrices are row-major 2^k × 2^k with the local index bit j = the j-th qubit.
/// Definitions follow Qiskit Aer's noise library (<c>qiskit_aer.noise.errors.standard_errors</c>).
/// </summary>
public sealed class QuantumChannel
{
    private readonly Complex[][] _kraus;

    private QuantumChannel(string name, int qubits, Complex[][] kraus)
    {
        Name = name;
        QubitCount = qubits;
        _kraus = kraus;
    }

    /// <summary>What the channel is, e.g. "depolarizing(0.01)".</summary>
    public string Name { get; }

    /// <summary>Number of qubits it acts on.</summary>
    public int QubitCount { get; }

    /// <summary>p for a channel made by <see cref="Depolarizing"/>; null for any other.</summary>
    public double? DepolarizingProbability { get; private init; }

    /// <summary>The Kraus operators.</summary>
    public IReadOnlyList<Complex[]> Kraus => _kraus;

    /// <summary>Whether it is one unitary (a coherent error), so a state vector can take it as it is.</summary>
    public bool IsUnitary => _kraus.Length == 1;

    private static void CheckProbability(double p, string what)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(what, p, $"{what} {p} is outside [0, 1]");
        }
    }

    /// <summary>
    /// Qiskit's depolarizing error on k qubits: E(ρ) = (1 − p)ρ + p·Tr(ρ)·I/2^k, written as the Pauli channel with
    /// weight 1 − p + p/4^k on I⊗…⊗I and p/4^k on each of the other 4^k − 1 Pauli strings.
    /// </summary>
    public static QuantumChannel Depolarizing(double p, int qubits)
    {
        CheckProbability(p, "depolarizing probability");
        ArgumentOutOfRangeException.ThrowIfLessThan(qubits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(qubits, 3);
        Complex[][] paulis = [[1, 0, 0, 1], [0, 1, 1, 0], [0, -Complex.ImaginaryOne, Complex.ImaginaryOne, 0], [1, 0, 0, -1]];
        int strings = 1 << (2 * qubits);
        var kraus = new List<Complex[]>();
        for (int s = 0; s < strings; s++)
        {
            double weight = s == 0 ? 1 - p + (p / strings) : p / strings;
            if (weight == 0)
            {
                continue;
            }
            // String s: Pauli (s >> 2j) & 3 on qubit j; the matrix is the Kronecker product with qubit 0 lowest.
            Complex[] m = [1];
            for (int j = 0; j < qubits; j++)
            {
                m = Kron(paulis[(s >> (2 * j)) & 3], m, 1 << j);
            }
            kraus.Add([.. m.Select(x => x * Math.Sqrt(weight))]);
        }
        return new QuantumChannel($"depolarizing({p})", qubits, [.. kraus]) { DepolarizingProbability = p };
    }

    /// <summary>Amplitude damping (energy relaxation) with probability γ: K₀ = [[1, 0], [0, √(1−γ)]], K₁ = [[0, √γ], [0, 0]].</summary>
    public static QuantumChannel AmplitudeDamping(double gamma)
    {
        CheckProbability(gamma, "amplitude damping probability");
        return new QuantumChannel($"amplitude_damping({gamma})", 1, [[1, 0, 0, Math.Sqrt(1 - gamma)], [0, Math.Sqrt(gamma), 0, 0]]);
    }

    /// <summary>Phase damping (pure dephasing) with parameter λ: K₀ = [[1, 0], [0, √(1−λ)]], K₁ = [[0, 0], [0, √λ]];
    /// the coherence ρ₀₁ is multiplied by √(1−λ).</summary>
    public static QuantumChannel PhaseDamping(double lambda)
    {
        CheckProbability(lambda, "phase damping probability");
        return new QuantumChannel($"phase_damping({lambda})", 1, [[1, 0, 0, Math.Sqrt(1 - lambda)], [0, 0, 0, Math.Sqrt(lambda)]]);
    }

    /// <summary>
    /// Thermal relaxation towards |0⟩ over a gate of duration t: the population of |1⟩ decays as e^{−t/T1} and the
    /// coherence as e^{−t/T2} (T2 ≤ 2·T1). Written as amplitude damping γ = 1 − e^{−t/T1} followed by phase damping
    /// λ = 1 − e^{−2t/T2 + t/T1}, which is Qiskit Aer's <c>thermal_relaxation_error</c> with zero excited-state population.
    /// Times in seconds (any one unit for all three).
    /// </summary>
    public static QuantumChannel ThermalRelaxation(double t1, double t2, double time)
    {
        if (!(t1 > 0) || !double.IsFinite(t1))
        {
            throw new ArgumentOutOfRangeException(nameof(t1), t1, $"T1 {t1} must be positive");
        }
        if (!(t2 > 0) || t2 > 2 * t1)
        {
            throw new ArgumentOutOfRangeException(nameof(t2), t2, $"T2 {t2} must be positive and at most 2·T1 = {2 * t1}");
        }
        if (!(time >= 0) || !double.IsFinite(time))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"gate time {time} must be non-negative");
        }
        double gamma = 1 - Math.Exp(-time / t1);
        double lambda = Math.Clamp(1 - Math.Exp((-2 * time / t2) + (time / t1)), 0, 1);
        QuantumChannel a = AmplitudeDamping(gamma), p = PhaseDamping(lambda);
        var kraus = new List<Complex[]>();
        foreach (Complex[] pk in p._kraus)
        {
            foreach (Complex[] ak in a._kraus)
            {
                kraus.Add(Multiply(pk, ak, 2));
            }
        }
        return new QuantumChannel($"thermal_relaxation(T1={t1}, T2={t2}, t={time})", 1, [.. kraus]);
    }

    /// <summary>A coherent over-rotation: the unitary rx(ε) = exp(−iεX/2) after the gate, on each of its qubits.</summary>
    public static QuantumChannel Overrotation(double angle)
    {
        if (!double.IsFinite(angle))
        {
            throw new ArgumentOutOfRangeException(nameof(angle), angle, "over-rotation angle must be finite");
        }
        double c = Math.Cos(angle / 2), s = Math.Sin(angle / 2);
        return new QuantumChannel($"overrotation({angle})", 1, [[c, new Complex(0, -s), new Complex(0, -s), c]]);
    }

    /// <summary>Σₘ Kₘ†Kₘ, which is I for a trace-preserving channel.</summary>
    public Complex[] Completeness()
    {
        int d = 1 << QubitCount;
        var sum = new Complex[d * d];
        foreach (Complex[] k in _kraus)
        {
            for (int i = 0; i < d; i++)
            {
                for (int j = 0; j < d; j++)
                {
                    for (int r = 0; r < d; r++)
                    {
                        sum[(i * d) + j] += Complex.Conjugate(k[(r * d) + i]) * k[(r * d) + j];
                    }
                }
            }
        }
        return sum;
    }

    private static Complex[] Multiply(Complex[] a, Complex[] b, int d)
    {
        var r = new Complex[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                for (int k = 0; k < d; k++)
                {
                    r[(i * d) + j] += a[(i * d) + k] * b[(k * d) + j];
                }
            }
        }
        return r;
    }

    // A ⊗ B with A 2×2 on the new high qubit and B (dim × dim) on the lower ones.
    private static Complex[] Kron(Complex[] a, Complex[] b, int dim)
    {
        int d = 2 * dim;
        var r = new Complex[d * d];
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                for (int k = 0; k < dim; k++)
                {
                    for (int l = 0; l < dim; l++)
                    {
                        r[(((i * dim) + k) * d) + (j * dim) + l] = a[(i * 2) + j] * b[(k * dim) + l];
                    }
                }
            }
        }
        return r;
    }
}
