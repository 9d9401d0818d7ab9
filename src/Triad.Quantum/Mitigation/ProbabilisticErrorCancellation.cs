using System.Globalization;
using System.Text;
using Triad.Numerics.Random;
using Triad.Quantum.Circuits;
using Triad.Quantum.Noise;

namespace Triad.Quantum.Mitigation;

/// <summary>The result of probabilistic error cancellation.</summary>
/// <param name="Value">The unbiased estimate of the ideal ⟨Z⟩.</param>
/// <param name="StandardError">Its standard error from the spread of the sampled circuits.</param>
/// <param name="Gamma">γ = Πᵢ γᵢ, the one-norm of the quasi-probability representation.</param>
/// <param name="ShotOverhead">γ², the factor by which shots must grow for the unmitigated standard error.</param>
/// <param name="Samples">Circuits sampled.</param>
public sealed record PecResult(double Value, double StandardError, double Gamma, double ShotOverhead, int Samples);

/// <summary>
/// Probabilistic error cancellation (Temme, Bravyi &amp; Gambetta, PRL 119, 180509 (2017); Endo, Benjamin &amp; Li,
/// PRX 8, 031027 (2018); Mitiq's <c>pec</c>) for a noise model of depolarising channels. A gate followed by
/// D(ρ) = (1 − p)ρ + p·I/2^k is corrected by D⁻¹ = α·id + β·Tr(·)I/2^k with α = 1/(1 − p), β = −p/(1 − p), written on
/// Pauli strings as D⁻¹(ρ) = Σ_P q_P PρP with q_I = α + β/4^k, q_P = β/4^k (P ≠ I); its one-norm is
/// γ = (1 + p(4^k − 2)/4^k)/(1 − p). Each sample draws, after every noisy gate, a Pauli string P with probability
/// |q_P|/γ and the sign of q_P; the estimate is the mean of γ·sign·⟨Z⟩ over the sampled circuits, unbiased for the
/// ideal value, with variance γ² times that of one run (the shot overhead). The inserted Pauli gates are taken as
/// noise-free, so a model with noise on x, y or z is refused; readout error is not cancelled (use
/// <see cref="ReadoutMitigator"/> for it).
/// </summary>
public static class ProbabilisticErrorCancellation
{
    private static readonly string[] s_pauliGates = ["", "x", "y", "z"];

    /// <summary>The representation's γ for <paramref name="circuit"/> under <paramref name="noise"/>.</summary>
    public static double Gamma(QuantumCircuit circuit, NoiseModel noise) => Representation(circuit, noise).Aggregate(1.0, (g, r) => g * r.Gamma);

    /// <summary>Estimates the ideal ⟨Z on <paramref name="mask"/>⟩ from <paramref name="samples"/> sampled circuits.</summary>
    /// <exception cref="ArgumentException">The model has a non-depolarising channel on a gate of the circuit, or noise on x, y or z.</exception>
    public static PecResult Run(QuantumCircuit circuit, NoiseModel noise, DistributionExecutor executor, long mask, int samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 2);
        List<Correction> rep = Representation(circuit, noise);
        double gamma = rep.Aggregate(1.0, (g, r) => g * r.Gamma);
        var random = new SeededRandom(seed);
        var cache = new Dictionary<string, double>(StringComparer.Ordinal);
        double sum = 0, sumSquares = 0;
        var choice = new int[rep.Count];
        for (int s = 0; s < samples; s++)
        {
            double sign = 1;
            var key = new StringBuilder();
            for (int c = 0; c < rep.Count; c++)
            {
                choice[c] = rep[c].Draw(random.NextDouble());
                sign *= Math.Sign(rep[c].Quasi[choice[c]]);
                key.Append(choice[c].ToString(CultureInfo.InvariantCulture)).Append(',');
            }
            string k = key.ToString();
            if (!cache.TryGetValue(k, out double z))
            {
                z = Executors.ZExpectation(executor(Build(circuit, rep, choice)), mask);
                cache[k] = z;
            }
            double x = gamma * sign * z;
            sum += x;
            sumSquares += x * x;
        }
        double mean = sum / samples;
        double variance = Math.Max(0, (sumSquares - (samples * mean * mean)) / (samples - 1));
        return new PecResult(mean, Math.Sqrt(variance / samples), gamma, gamma * gamma, samples);
    }

    private static QuantumCircuit Build(QuantumCircuit circuit, List<Correction> rep, int[] choice)
    {
        QuantumCircuit result = circuit.CopyRegisters();
        int c = 0;
        for (int i = 0; i < circuit.Instructions.Count; i++)
        {
            Instruction ins = circuit.Instructions[i];
            result.Add(ins);
            while (c < rep.Count && rep[c].After == i)
            {
                int pauli = choice[c];
                for (int j = 0; j < rep[c].Qubits.Length; j++)
                {
                    int code = (pauli >> (2 * j)) & 3;
                    if (code != 0)
                    {
                        result.Add(new Instruction(InstructionKind.Gate, s_pauliGates[code], [rep[c].Qubits[j]], []));
                    }
                }
                c++;
            }
        }
        return result;
    }

    private static List<Correction> Representation(QuantumCircuit circuit, NoiseModel noise)
    {
        for (int q = 0; q < circuit.QubitCount; q++)
        {
            foreach (string pauli in s_pauliGates[1..])
            {
                if (noise.ChannelsAfter(pauli, [q]).Any())
                {
                    throw new ArgumentException($"{noise.Source}: probabilistic error cancellation inserts noise-free Pauli gates, but the model puts noise on '{pauli}'");
                }
            }
        }
        var rep = new List<Correction>();
        for (int i = 0; i < circuit.Instructions.Count; i++)
        {
            Instruction ins = circuit.Instructions[i];
            if (ins.Kind != InstructionKind.Gate)
            {
                if (ins.Kind == InstructionKind.Reset || ins.Condition is not null)
                {
                    throw new ArgumentException($"{(ins.Location is null ? "" : ins.Location + ": ")}probabilistic error cancellation needs gates followed by final measurements ('{ins.Name}' breaks this)");
                }
                continue;
            }
            foreach ((QuantumChannel channel, int[] qubits) in noise.ChannelsAfter(ins.Name, ins.Qubits))
            {
                if (channel.DepolarizingProbability is not { } p)
                {
                    throw new ArgumentException($"{noise.Source}: probabilistic error cancellation represents depolarizing channels only; '{ins.Name}' is followed by {channel.Name}");
                }
                if (p >= 1)
                {
                    throw new ArgumentException($"{noise.Source}: a depolarizing channel with p = 1 after '{ins.Name}' cannot be inverted");
                }
                if (p > 0)
                {
                    rep.Add(Correction.Create(i, qubits, p));
                }
            }
        }
        return rep;
    }

    /// <summary>D⁻¹ after instruction <see cref="After"/> on <see cref="Qubits"/>: quasi-probabilities over Pauli strings (2 bits per qubit).</summary>
    private sealed record Correction(int After, int[] Qubits, double[] Quasi, double[] Cumulative, double Gamma)
    {
        public static Correction Create(int after, int[] qubits, double p)
        {
            int strings = 1 << (2 * qubits.Length);
            double alpha = 1 / (1 - p), beta = -p / (1 - p);
            var quasi = new double[strings];
            for (int s = 0; s < strings; s++)
            {
                quasi[s] = s == 0 ? alpha + (beta / strings) : beta / strings;
            }
            double gamma = quasi.Sum(Math.Abs);
            var cumulative = new double[strings];
            double acc = 0;
            for (int s = 0; s < strings; s++)
            {
                acc += Math.Abs(quasi[s]) / gamma;
                cumulative[s] = acc;
            }
            return new Correction(after, qubits, quasi, cumulative, gamma);
        }

        public int Draw(double u)
        {
            for (int s = 0; s < Cumulative.Length - 1; s++)
            {
                if (u < Cumulative[s])
                {
                    return s;
                }
            }
            return Cumulative.Length - 1;
        }
    }
}
