using System.Numerics;
using Triad.Numerics.Random;
using Triad.Quantum.Circuits;
using Triad.Quantum.Noise;
using Triad.Quantum.Simulation;

namespace Triad.Quantum.Mitigation;

/// <summary>Runs a circuit and returns the distribution of its qubits as read out (bit k = qubit k), Mitiq's "executor".</summary>
public delegate double[] DistributionExecutor(QuantumCircuit circuit);

/// <summary>Executors on the simulators, and ⟨Z…Z⟩ from a distribution.</summary>
public static class Executors
{
    /// <summary>The exact noisy distribution (density matrix, readout error included): infinitely many shots.</summary>
    public static DistributionExecutor Exact(NoiseModel? noise) => c => DensityMatrixSimulator.Distribution(c, noise);

    /// <summary>
    /// The frequencies of <paramref name="shots"/> shots drawn from the exact noisy distribution; successive calls
    /// draw from one seeded stream, so a sequence of calls repeats with the seed.
    /// </summary>
    public static DistributionExecutor Sampled(NoiseModel? noise, int shots, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shots);
        var random = new SeededRandom(seed);
        return c =>
        {
            double[] p = DensityMatrixSimulator.Distribution(c, noise);
            var cumulative = new double[p.Length];
            double total = 0;
            for (int i = 0; i < p.Length; i++)
            {
                total += Math.Max(0, p[i]);
                cumulative[i] = total;
            }
            var f = new double[p.Length];
            for (int s = 0; s < shots; s++)
            {
                int index = Array.BinarySearch(cumulative, random.NextDouble() * total);
                f[Math.Min(index < 0 ? ~index : index, p.Length - 1)] += 1.0 / shots;
            }
            return f;
        };
    }

    /// <summary>⟨Z on the qubits of <paramref name="mask"/>⟩ = Σᵢ pᵢ (−1)^{popcount(i ∧ mask)}.</summary>
    public static double ZExpectation(ReadOnlySpan<double> probabilities, long mask)
    {
        double sum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            sum += (BitOperations.PopCount((ulong)(i & mask)) & 1) == 0 ? probabilities[i] : -probabilities[i];
        }
        return sum;
    }
}
