using System.Globalization;
using Triad.Quantum.Circuits;

namespace Triad.Quantum.Mitigation;

/// <summary>
/// Readout-error mitigation by inverting a calibrated confusion matrix, taken as a tensor product of one 2 × 2
/// matrix per qubit, A_k = [[1 − e₁₀, e₀₁], [e₁₀, 1 − e₀₁]] with e₁₀ = P(read 1 | 0), e₀₁ = P(read 0 | 1)
/// (Bravyi et al., PRA 103, 042605 (2021), the "tensored" model; Mitiq's REM, Qiskit's LocalReadoutMitigator).
/// Calibration runs |0…0⟩ and |1…1⟩ (x on every qubit) on the executor and reads each qubit's marginals.
/// The corrected vector p' = (⊗A_k)⁻¹ p is a quasi-distribution (entries may be negative, they sum to 1). For
/// ⟨Z⟩ on qubit k this is ⟨Z⟩' = (⟨Z⟩ − e₀₁ + e₁₀)/(1 − e₁₀ − e₀₁), whose variance is 1/(1 − e₁₀ − e₀₁)² times
/// the raw one: the shot overhead.
/// </summary>
public sealed class ReadoutMitigator
{
    private readonly double[] _e10;
    private readonly double[] _e01;

    /// <summary>A mitigator with known per-qubit error rates.</summary>
    public ReadoutMitigator(double[] p1Given0, double[] p0Given1)
    {
        ArgumentNullException.ThrowIfNull(p1Given0);
        ArgumentNullException.ThrowIfNull(p0Given1);
        if (p1Given0.Length != p0Given1.Length || p1Given0.Length == 0)
        {
            throw new ArgumentException($"one P(1|0) and one P(0|1) per qubit are needed, not {p1Given0.Length} and {p0Given1.Length}");
        }
        for (int q = 0; q < p1Given0.Length; q++)
        {
            if (!(p1Given0[q] >= 0 && p0Given1[q] >= 0 && p1Given0[q] + p0Given1[q] < 1))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"qubit {q}: readout errors P(1|0) = {p1Given0[q]} and P(0|1) = {p0Given1[q]} must be non-negative with a sum below 1 for the confusion matrix to be invertible"));
            }
        }
        _e10 = p1Given0;
        _e01 = p0Given1;
    }

    /// <summary>Number of qubits.</summary>
    public int QubitCount => _e10.Length;

    /// <summary>Calibrated P(read 1 | prepared 0) per qubit.</summary>
    public IReadOnlyList<double> P1Given0 => _e10;

    /// <summary>Calibrated P(read 0 | prepared 1) per qubit.</summary>
    public IReadOnlyList<double> P0Given1 => _e01;

    /// <summary>Circuits the calibration runs (|0…0⟩ and |1…1⟩).</summary>
    public const int CalibrationCircuits = 2;

    /// <summary>Calibrates on <paramref name="executor"/> from |0…0⟩ and |1…1⟩ on <paramref name="qubits"/> qubits.</summary>
    public static ReadoutMitigator Calibrate(int qubits, DistributionExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(executor);
        var zero = new QuantumCircuit(qubits);
        var one = new QuantumCircuit(qubits);
        for (int q = 0; q < qubits; q++)
        {
            one.Gate("x", [q]);
        }
        double[] p0 = executor(zero), p1 = executor(one);
        var e10 = new double[qubits];
        var e01 = new double[qubits];
        for (int q = 0; q < qubits; q++)
        {
            e10[q] = (1 - Executors.ZExpectation(p0, 1L << q)) / 2;
            e01[q] = (1 + Executors.ZExpectation(p1, 1L << q)) / 2;
        }
        return new ReadoutMitigator(e10, e01);
    }

    /// <summary>(⊗A_k)⁻¹ p, one qubit at a time (a quasi-distribution).</summary>
    public double[] Correct(ReadOnlySpan<double> probabilities)
    {
        if (probabilities.Length != 1 << QubitCount)
        {
            throw new ArgumentException($"a distribution over {QubitCount} qubits has {1 << QubitCount} entries, not {probabilities.Length}");
        }
        double[] p = probabilities.ToArray();
        for (int q = 0; q < QubitCount; q++)
        {
            double a = 1 - _e10[q], b = _e01[q], c = _e10[q], d = 1 - _e01[q];
            double det = (a * d) - (b * c);
            int bit = 1 << q;
            for (int i = 0; i < p.Length; i++)
            {
                if ((i & bit) != 0)
                {
                    continue;
                }
                double r0 = p[i], r1 = p[i | bit];
                p[i] = ((d * r0) - (b * r1)) / det;
                p[i | bit] = ((a * r1) - (c * r0)) / det;
            }
        }
        return p;
    }

    /// <summary>Factor by which the variance of ⟨Z on <paramref name="mask"/>⟩ grows: Π_k 1/(1 − e₁₀ − e₀₁)².</summary>
    public double ShotOverhead(long mask)
    {
        double f = 1;
        for (int q = 0; q < QubitCount; q++)
        {
            if ((mask & (1L << q)) != 0)
            {
                double s = 1 - _e10[q] - _e01[q];
                f /= s * s;
            }
        }
        return f;
    }
}
