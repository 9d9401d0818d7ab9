using Triad.Quantum.Gates;
using Triad.Quantum.Kernels;

namespace Triad.Quantum.Simulation;

/// <summary>
/// The state |ψ⟩ = Σᵢ aᵢ|i⟩ of n qubits as 2^n complex64 amplitudes (8 bytes each: half the memory and half the bytes
/// per gate of <see cref="StateVector"/>, for about 7 significant digits). Gates run the same kernel kinds as
/// complex128 with their entries rounded once to float; norms and probabilities are summed in double. Refused before
/// allocation when 8·2^n bytes do not fit (<see cref="StateVector.EnsureFits(int, int, Precision)"/>).
/// </summary>
public sealed class Complex64StateVector : IStateVector
{
    private readonly Complex64[] _amplitudes;

    private Complex64StateVector(Complex64[] amplitudes, int qubits)
    {
        _amplitudes = amplitudes;
        QubitCount = qubits;
    }

    /// <inheritdoc />
    public int QubitCount { get; }

    /// <inheritdoc />
    public Precision Precision => Precision.Complex64;

    /// <summary>The amplitudes, index i = Σₖ bₖ2^k.</summary>
    public Span<Complex64> Amplitudes => _amplitudes;

    /// <summary>|0…0⟩ on <paramref name="qubits"/> qubits.</summary>
    /// <exception cref="StateTooLargeException">The state would not fit; nothing is allocated.</exception>
    public static Complex64StateVector Zero(int qubits)
    {
        StateVector.EnsureFits(qubits, 1, Precision.Complex64);
        var a = new Complex64[1 << qubits];
        a[0] = Complex64.One;
        return new Complex64StateVector(a, qubits);
    }

    /// <summary>A state holding a copy of <paramref name="amplitudes"/> (length a power of two).</summary>
    public static Complex64StateVector FromAmplitudes(ReadOnlySpan<Complex64> amplitudes)
    {
        int n = StateVectorKernels.QubitsOf(amplitudes.Length);
        return new Complex64StateVector(amplitudes.ToArray(), n);
    }

    /// <summary>An independent copy.</summary>
    public Complex64StateVector Clone() => new((Complex64[])_amplitudes.Clone(), QubitCount);

    /// <inheritdoc />
    public IStateVector Copy() => Clone();

    /// <inheritdoc />
    public void Apply(GateOperator gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        gate.Apply(_amplitudes.AsSpan());
    }

    /// <inheritdoc />
    public void ApplyX(int qubit) => StateVectorKernels.ApplyX(_amplitudes.AsSpan(), qubit);

    /// <inheritdoc />
    public double NormSquared() => StateVectorKernels.NormSquared((ReadOnlySpan<Complex64>)_amplitudes);

    /// <inheritdoc />
    public double ProbabilityOfOne(int qubit) => StateVectorKernels.ProbabilityOfOne((ReadOnlySpan<Complex64>)_amplitudes, qubit);

    /// <inheritdoc />
    public void Collapse(int qubit, int outcome, double probability) => StateVectorKernels.Collapse(_amplitudes.AsSpan(), qubit, outcome, probability);

    /// <inheritdoc />
    public double[] Probabilities()
    {
        var p = new double[_amplitudes.Length];
        StateVectorKernels.Probabilities((ReadOnlySpan<Complex64>)_amplitudes, p);
        return p;
    }
}
