using Triad.Numerics.Random;
using Triad.Quantum.Circuits;

namespace Triad.Quantum.Simulation;

/// <summary>
/// Shots of a circuit from a seeded stream: the counts of the classical register's bit strings (classical bit 0
/// the rightmost character), or, for a circuit with no measurement, of the qubits' bit strings (qubit 0 rightmost).
/// When every measurement is final the state is computed once and the shots are drawn from |aᵢ|² by inverse
/// transform; otherwise each shot s is a trajectory of its own on stream s of the seed, so counts never depend on
/// the thread count.
/// </summary>
public static class Sampler
{
    /// <summary>Counts of each outcome over <paramref name="shots"/> shots, keyed by bit string, sorted by key; states
    /// held in <paramref name="precision"/>.</summary>
    public static SortedDictionary<string, int> Sample(CompiledCircuit circuit, int shots, ulong seed, Precision precision = Precision.Complex128)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shots);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var random = new SeededRandom(seed);
        bool measures = circuit.Steps.Any(s => s.Kind == InstructionKind.Measure);
        if (circuit.IsUnitaryUpToFinalMeasurements)
        {
            double[] p = StateVectorSimulator.FinalState(circuit, precision).Probabilities();
            var cumulative = new double[p.Length];
            double total = 0;
            for (int i = 0; i < p.Length; i++)
            {
                total += p[i];
                cumulative[i] = total;
            }
            // Final measurements in order: a later one into the same classical bit wins, as it would at run time.
            List<Step> finals = [.. circuit.Steps.Where(s => s.Kind == InstructionKind.Measure)];
            for (int shot = 0; shot < shots; shot++)
            {
                int index = Array.BinarySearch(cumulative, random.NextDouble() * total);
                index = Math.Min(index < 0 ? ~index : index, p.Length - 1);
                string key;
                if (measures)
                {
                    var clbits = new bool[circuit.ClbitCount];
                    foreach (Step m in finals)
                    {
                        clbits[m.Clbit] = ((index >> m.Qubit) & 1) == 1;
                    }
                    key = BitString(clbits);
                }
                else
                {
                    key = BitString(index, circuit.QubitCount);
                }
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
            return counts;
        }
        for (int shot = 0; shot < shots; shot++)
        {
            (IStateVector state, bool[] clbits) = StateVectorSimulator.Run(circuit, random.Fork((ulong)shot), precision);
            string key = measures ? BitString(clbits) : BitString(SampleIndex(state, random.Fork((ulong)shot + (1UL << 40))), circuit.QubitCount);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    private static int SampleIndex(IStateVector state, SeededRandom random)
    {
        double[] p = state.Probabilities();
        double u = random.NextDouble() * p.Sum(), acc = 0;
        for (int i = 0; i < p.Length; i++)
        {
            acc += p[i];
            if (u < acc)
            {
                return i;
            }
        }
        return p.Length - 1;
    }

    /// <summary>Bits of <paramref name="index"/> as text, bit 0 the rightmost of <paramref name="width"/> characters.</summary>
    public static string BitString(long index, int width) => string.Create(width, index, (span, v) =>
    {
        for (int k = 0; k < span.Length; k++)
        {
            span[span.Length - 1 - k] = ((v >> k) & 1) == 1 ? '1' : '0';
        }
    });

    /// <summary>Classical bits as text, bit 0 the rightmost character.</summary>
    public static string BitString(ReadOnlySpan<bool> bits)
    {
        var chars = new char[bits.Length];
        for (int k = 0; k < bits.Length; k++)
        {
            chars[bits.Length - 1 - k] = bits[k] ? '1' : '0';
        }
        return new string(chars);
    }
}
