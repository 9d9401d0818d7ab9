using System.Numerics;
using Triad.Numerics.Random;
using Triad.Quantum.Circuits;
using Triad.Quantum.Kernels;
using Triad.Quantum.Noise;

namespace Triad.Quantum.Simulation;

/// <summary>
/// Monte-Carlo (quantum-jump) trajectories for noisy circuits too large for a density matrix (Dalibard, Castin and
/// Mølmer, PRL 68, 580, 1992): after each gate, every channel of the noise model picks one Kraus operator Kₘ with
/// probability pₘ = ‖Kₘψ‖² and the state becomes Kₘψ/√pₘ; measurements and resets sample their outcome. The mean of
/// |ψ|² over trajectories estimates the density matrix's diagonal, with standard error s/√T per outcome. Trajectory t
/// draws from stream t of the seed, so results do not depend on the thread count.
/// </summary>
public static class TrajectorySimulator
{
    /// <summary>
    /// The estimated distribution (readout error applied) and the standard error of each entry; with
    /// <paramref name="telegraph"/>, trajectories are successive runs of the telegraph process (it advances after each),
    /// so the standard errors assume independent runs and understate the error when the switching is slow.
    /// </summary>
    public static (double[] Probabilities, double[] StandardErrors) Distribution(QuantumCircuit circuit, NoiseModel? noise, int trajectories, ulong seed,
        IReadOnlyDictionary<string, double>? bindings = null, RandomTelegraphNoise? telegraph = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentOutOfRangeException.ThrowIfLessThan(trajectories, 2);
        CompiledCircuit compiled = CompiledCircuit.Compile(circuit, bindings);
        int dim = 1 << circuit.QubitCount;
        StateVector.EnsureFits(circuit.QubitCount, 2);
        var sum = new double[dim];
        var sumSquares = new double[dim];
        var random = new SeededRandom(seed);
        for (int t = 0; t < trajectories; t++)
        {
            double[] p = One(compiled, noise, random.Fork((ulong)t), telegraph).Probabilities();
            telegraph?.Advance();
            noise?.ApplyReadout(p, circuit.QubitCount);
            for (int i = 0; i < dim; i++)
            {
                sum[i] += p[i];
                sumSquares[i] += p[i] * p[i];
            }
        }
        var mean = new double[dim];
        var error = new double[dim];
        for (int i = 0; i < dim; i++)
        {
            mean[i] = sum[i] / trajectories;
            double variance = Math.Max(0, (sumSquares[i] - (trajectories * mean[i] * mean[i])) / (trajectories - 1));
            error[i] = Math.Sqrt(variance / trajectories);
        }
        return (mean, error);
    }

    /// <summary>
    /// One trajectory's final state; with <paramref name="telegraph"/>, every gate on qubit q is also followed by
    /// rz(s_q·δ·t_gate) for the process's current signs (advance it between runs; gates of an unfused circuit only).
    /// </summary>
    public static StateVector One(CompiledCircuit circuit, NoiseModel? noise, SeededRandom random, RandomTelegraphNoise? telegraph = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(random);
        StateVector state = StateVector.Zero(circuit.QubitCount);
        var clbits = new bool[circuit.ClbitCount];
        foreach (Step step in circuit.Steps)
        {
            if (step.Condition is { } c && !c.Holds(clbits))
            {
                continue;
            }
            switch (step.Kind)
            {
                case InstructionKind.Gate:
                    state.Apply(step.Operator!);
                    if (noise is not null && step.Name is not null)
                    {
                        foreach ((QuantumChannel channel, int[] qubits) in noise.ChannelsAfter(step.Name, step.Qubits))
                        {
                            Jump(state, channel, qubits, random);
                        }
                    }
                    if (telegraph is not null && step.Name is not null)
                    {
                        foreach (int q in step.Qubits)
                        {
                            double phase = telegraph.PhasePerGate(q);
                            StateVectorKernels.ApplyDiagonal1(state.Amplitudes, q, Complex.FromPolarCoordinates(1, -phase / 2), Complex.FromPolarCoordinates(1, phase / 2));
                        }
                    }
                    break;
                case InstructionKind.Measure when !step.Terminal:
                case InstructionKind.Reset:
                    double p1 = state.ProbabilityOfOne(step.Qubit), norm = state.NormSquared();
                    int outcome = random.NextDouble() * norm < p1 ? 1 : 0;
                    state.Collapse(step.Qubit, outcome, outcome == 1 ? p1 : norm - p1);
                    if (step.Kind == InstructionKind.Measure)
                    {
                        clbits[step.Clbit] = outcome == 1;
                    }
                    else if (outcome == 1)
                    {
                        StateVectorKernels.ApplyX(state.Amplitudes, step.Qubit);
                    }
                    break;
                default:
                    break;
            }
        }
        return state;
    }

    // Picks Kraus operator m with probability ‖Kₘψ‖² and applies Kₘ/‖Kₘψ‖. When Kₘ†Kₘ = c·I (mixed-unitary
    // channels such as depolarizing) the probability is c whatever ψ, and no trial application is needed.
    private static void Jump(StateVector state, QuantumChannel channel, int[] qubits, SeededRandom random)
    {
        IReadOnlyList<Complex[]> kraus = channel.Kraus;
        if (kraus.Count == 1)
        {
            StateVectorKernels.ApplyMatrix(state.Amplitudes, qubits, kraus[0]);
            return;
        }
        double u = random.NextDouble(), acc = 0;
        for (int m = 0; m < kraus.Count; m++)
        {
            double? constant = ScaledIdentityFactor(kraus[m], 1 << qubits.Length);
            if (constant is { } c)
            {
                acc += c;
                if (u < acc || m == kraus.Count - 1)
                {
                    StateVectorKernels.ApplyMatrix(state.Amplitudes, qubits, [.. kraus[m].Select(x => x / Math.Sqrt(c))]);
                    return;
                }
                continue;
            }
            StateVector candidate = state.Clone();
            StateVectorKernels.ApplyMatrix(candidate.Amplitudes, qubits, kraus[m]);
            double p = candidate.NormSquared();
            acc += p;
            if ((u < acc || m == kraus.Count - 1) && p > 0)
            {
                Complex scale = 1 / Math.Sqrt(p);
                Span<Complex> target = state.Amplitudes;
                ReadOnlySpan<Complex> source = candidate.Amplitudes;
                for (int i = 0; i < target.Length; i++)
                {
                    target[i] = source[i] * scale;
                }
                return;
            }
        }
    }

    private static double? ScaledIdentityFactor(Complex[] k, int d)
    {
        // (K†K)ᵢⱼ = Σᵣ conj(K[r,i])·K[r,j]; scaled identity when off-diagonals vanish and the diagonal is constant.
        double first = 0;
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                Complex s = Complex.Zero;
                for (int r = 0; r < d; r++)
                {
                    s += Complex.Conjugate(k[(r * d) + i]) * k[(r * d) + j];
                }
                if (i == 0 && j == 0)
                {
                    first = s.Real;
                }
                double expected = i == j ? first : 0;
                if ((s - expected).Magnitude > 1e-12)
                {
                    return null;
                }
            }
        }
        return first;
    }
}
