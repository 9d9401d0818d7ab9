using System.Globalization;
using System.Numerics;
using Triad.Quantum.Gates;
using Triad.Quantum.Kernels;

namespace Triad.Quantum.Simulation;

/// <summary>
/// The state |ψ⟩ = Σᵢ aᵢ|i⟩ of n qubits as 2^n complex128 amplitudes; qubit k is bit k of i (little-endian, as
/// Qiskit). A state is refused before allocation when 16·2^n bytes (8·2^n for complex64,
/// <see cref="Complex64StateVector"/>) exceed the memory available to the process or one .NET array (2^30 amplitudes).
/// </summary>
public sealed class StateVector : IStateVector
{
    /// <summary>Largest state of either precision: 2^30 amplitudes (16 GiB in complex128, 8 GiB in complex64), the
    /// largest power of two below .NET's array limit.</summary>
    public const int MaxQubits = 30;

    private readonly Complex[] _amplitudes;

    private StateVector(Complex[] amplitudes, int qubits)
    {
        _amplitudes = amplitudes;
        QubitCount = qubits;
    }

    /// <summary>Number of qubits.</summary>
    public int QubitCount { get; }

    /// <summary>The amplitudes, index i = Σₖ bₖ2^k.</summary>
    public Span<Complex> Amplitudes => _amplitudes;

    /// <inheritdoc />
    public Precision Precision => Precision.Complex128;

    /// <summary>Bytes a state of <paramref name="qubits"/> qubits takes (16 per amplitude).</summary>
    public static double BytesFor(int qubits) => 16.0 * Math.Pow(2, qubits);

    /// <summary>Bytes a state of <paramref name="qubits"/> qubits takes in <paramref name="precision"/> (16 or 8 per amplitude).</summary>
    public static double BytesFor(int qubits, Precision precision) => BytesPerAmplitude(precision) * Math.Pow(2, qubits);

    /// <summary>16 for complex128, 8 for complex64.</summary>
    public static int BytesPerAmplitude(Precision precision) => precision switch
    {
        Precision.Complex128 => 16,
        Precision.Complex64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "complex128 or complex64"),
    };

    /// <summary>Throws <see cref="StateTooLargeException"/> unless a complex128 state of <paramref name="qubits"/>
    /// qubits fits, allowing for <paramref name="copies"/> states at once.</summary>
    public static void EnsureFits(int qubits, int copies = 1) => EnsureFits(qubits, copies, Precision.Complex128);

    /// <summary>Throws <see cref="StateTooLargeException"/> unless a state of <paramref name="qubits"/> qubits in
    /// <paramref name="precision"/> fits, allowing for <paramref name="copies"/> states at once.</summary>
    public static void EnsureFits(int qubits, int copies, Precision precision)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(qubits);
        int bytes = BytesPerAmplitude(precision);
        double need = BytesFor(qubits, precision) * copies;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        string needText = FormatBytes(need) + (copies > 1 ? $" for {copies} copies" : "");
        string kind = precision == Precision.Complex64 ? "complex64 " : "";
        if (qubits > MaxQubits)
        {
            throw new StateTooLargeException($"a {qubits}-qubit {kind}state vector needs {needText} (2^{qubits} amplitudes of {bytes} bytes); " +
                $"the largest this simulator holds is {MaxQubits} qubits ({FormatBytes(BytesFor(MaxQubits, precision))}), and this machine has {FormatBytes(available)} of memory");
        }
        if (need > available)
        {
            throw new StateTooLargeException($"a {qubits}-qubit {kind}state vector needs {needText} (2^{qubits} amplitudes of {bytes} bytes); " +
                $"this machine has {FormatBytes(available)} of memory");
        }
    }

    /// <summary>|0…0⟩ on <paramref name="qubits"/> qubits in <paramref name="precision"/>.</summary>
    /// <exception cref="StateTooLargeException">The state would not fit; nothing is allocated.</exception>
    public static IStateVector Create(int qubits, Precision precision) => precision switch
    {
        Precision.Complex128 => Zero(qubits),
        Precision.Complex64 => Complex64StateVector.Zero(qubits),
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "complex128 or complex64"),
    };

    /// <summary>|0…0⟩ on <paramref name="qubits"/> qubits.</summary>
    /// <exception cref="StateTooLargeException">The state would not fit; nothing is allocated.</exception>
    public static StateVector Zero(int qubits)
    {
        EnsureFits(qubits);
        var a = new Complex[1 << qubits];
        a[0] = Complex.One;
        return new StateVector(a, qubits);
    }

    /// <summary>A state holding a copy of <paramref name="amplitudes"/> (length a power of two).</summary>
    public static StateVector FromAmplitudes(ReadOnlySpan<Complex> amplitudes)
    {
        int n = StateVectorKernels.QubitsOf(amplitudes.Length);
        return new StateVector(amplitudes.ToArray(), n);
    }

    /// <summary>An independent copy.</summary>
    public StateVector Clone() => new((Complex[])_amplitudes.Clone(), QubitCount);

    /// <inheritdoc />
    public IStateVector Copy() => Clone();

    /// <inheritdoc />
    public void ApplyX(int qubit) => StateVectorKernels.ApplyX(_amplitudes, qubit);

    /// <summary>Applies a gate in place.</summary>
    public void Apply(GateOperator gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        gate.Apply(_amplitudes);
    }

    /// <summary>‖ψ‖².</summary>
    public double NormSquared() => StateVectorKernels.NormSquared(_amplitudes);

    /// <summary>P(qubit = 1).</summary>
    public double ProbabilityOfOne(int qubit) => StateVectorKernels.ProbabilityOfOne(_amplitudes, qubit);

    /// <summary>Projects qubit <paramref name="qubit"/> onto <paramref name="outcome"/>, which has probability <paramref name="probability"/>.</summary>
    public void Collapse(int qubit, int outcome, double probability) => StateVectorKernels.Collapse(_amplitudes, qubit, outcome, probability);

    /// <summary>pᵢ = |aᵢ|² for every basis state.</summary>
    public double[] Probabilities()
    {
        var p = new double[_amplitudes.Length];
        StateVectorKernels.Probabilities(_amplitudes, p);
        return p;
    }

    /// <summary>Bytes in binary units, e.g. "16 TiB" or "23.4 GiB".</summary>
    public static string FormatBytes(double bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        int u = 0;
        while (bytes >= 1024 && u < units.Length - 1)
        {
            bytes /= 1024;
            u++;
        }
        return u == 0 ? $"{bytes.ToString("0", CultureInfo.InvariantCulture)} bytes" : $"{bytes.ToString("0.#", CultureInfo.InvariantCulture)} {units[u]}";
    }
}
