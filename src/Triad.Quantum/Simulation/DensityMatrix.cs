using System.Numerics;
using Triad.Quantum.Gates;
using Triad.Quantum.Kernels;
using Triad.Quantum.Noise;

namespace Triad.Quantum.Simulation;

/// <summary>
/// The density matrix ρ of n qubits, stored as a state vector of 2n qubits: element ρᵢⱼ at index i + 2^n·j (row
/// bits low, column bits high). Then UρU† is U on the row qubits and U* on the column qubits (qubit q + n), and a
/// channel Σₘ KₘρKₘ† is one matrix S = Σₘ Kₘ ⊗ Kₘ* on the qubits (q…, q+n…), so the state-vector kernels do all the
/// work (the "vectorised" or Liouville form; Wood, Biamonte and Cory, QIC 15, 2015).
/// </summary>
public sealed class DensityMatrix
{
    /// <summary>Largest density matrix: 15 qubits (2^30 entries, 16 GiB).</summary>
    public const int MaxQubits = StateVector.MaxQubits / 2;

    private readonly StateVector _vector;

    private DensityMatrix(StateVector vector, int qubits)
    {
        _vector = vector;
        QubitCount = qubits;
    }

    /// <summary>Number of qubits.</summary>
    public int QubitCount { get; }

    /// <summary>The entries, ρᵢⱼ at i + 2^n·j.</summary>
    public ReadOnlySpan<Complex> Entries => _vector.Amplitudes;

    /// <summary>ρ = |0…0⟩⟨0…0|.</summary>
    /// <exception cref="StateTooLargeException">4^n·16 bytes would not fit; nothing is allocated.</exception>
    public static DensityMatrix Zero(int qubits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(qubits);
        if (qubits > MaxQubits)
        {
            throw new StateTooLargeException($"a {qubits}-qubit density matrix needs {StateVector.FormatBytes(StateVector.BytesFor(2 * qubits))} " +
                $"(4^{qubits} entries of 16 bytes); the largest this simulator holds is {MaxQubits} qubits");
        }
        StateVector.EnsureFits(2 * qubits);
        return new DensityMatrix(StateVector.Zero(2 * qubits), qubits);
    }

    /// <summary>An independent copy.</summary>
    public DensityMatrix Clone() => new(_vector.Clone(), QubitCount);

    /// <summary>ρ ← UρU†.</summary>
    public void Apply(GateOperator gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        gate.Apply(_vector.Amplitudes);
        int n = QubitCount;
        var conjugate = new GateOperator(gate.Kind, [.. gate.Controls.Select(q => q + n)], [.. gate.Targets.Select(q => q + n)],
            [.. gate.Data.ToArray().Select(Complex.Conjugate)]);
        conjugate.Apply(_vector.Amplitudes);
    }

    /// <summary>ρ ← Σₘ KₘρKₘ† for <paramref name="channel"/> on <paramref name="qubits"/> (in the channel's local order).</summary>
    public void Apply(QuantumChannel channel, ReadOnlySpan<int> qubits)
    {
        ArgumentNullException.ThrowIfNull(channel);
        int k = channel.QubitCount;
        if (qubits.Length != k)
        {
            throw new ArgumentException($"channel {channel.Name} acts on {k} qubit(s), given {qubits.Length}", nameof(qubits));
        }
        int d = 1 << k, dd = d * d;
        // S[(r, r'), (c, c')] = Σₘ K[r, c]·conj(K[r', c']), local index = row part | (column part << k).
        var s = new Complex[dd * dd];
        foreach (Complex[] kraus in channel.Kraus)
        {
            for (int r = 0; r < d; r++)
            {
                for (int rp = 0; rp < d; rp++)
                {
                    int row = r | (rp << k);
                    for (int c = 0; c < d; c++)
                    {
                        Complex krc = kraus[(r * d) + c];
                        if (krc == Complex.Zero)
                        {
                            continue;
                        }
                        for (int cp = 0; cp < d; cp++)
                        {
                            s[(row * dd) + (c | (cp << k))] += krc * Complex.Conjugate(kraus[(rp * d) + cp]);
                        }
                    }
                }
            }
        }
        int[] targets = [.. qubits.ToArray(), .. qubits.ToArray().Select(q => q + QubitCount)];
        StateVectorKernels.ApplyMatrix(_vector.Amplitudes, targets, s);
    }

    /// <summary>Keeps only the part of ρ with qubit <paramref name="qubit"/> = <paramref name="outcome"/> (P ρ P, unnormalised).</summary>
    public void Project(int qubit, int outcome)
    {
        Complex[] diagonal = outcome == 0 ? [1, 0] : [0, 1];
        StateVectorKernels.ApplyDiagonal(_vector.Amplitudes, [qubit], diagonal);
        StateVectorKernels.ApplyDiagonal(_vector.Amplitudes, [qubit + QubitCount], diagonal);
    }

    /// <summary>Tr ρ.</summary>
    public double Trace()
    {
        double t = 0;
        ReadOnlySpan<Complex> e = Entries;
        long stride = (1L << QubitCount) + 1;
        for (long i = 0; i < 1L << QubitCount; i++)
        {
            t += e[(int)(i * stride)].Real;
        }
        return t;
    }

    /// <summary>The diagonal ρᵢᵢ: the probability of each basis state (times Tr ρ).</summary>
    public double[] Probabilities()
    {
        var p = new double[1 << QubitCount];
        ReadOnlySpan<Complex> e = Entries;
        long stride = (1L << QubitCount) + 1;
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = e[(int)(i * stride)].Real;
        }
        return p;
    }
}
