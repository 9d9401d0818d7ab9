using Triad.Quantum.Simulation;

namespace Triad.Quantum.Kernels;

/// <summary>
/// The complex64 overloads: the same kernel kinds, arguments and checks as the complex128 ones, on a state of
/// <see cref="Complex64"/> (interleaved floats), run by <see cref="InterleavedKernels{T}"/> with T = float. Matrices
/// and diagonals are interleaved floats (the complex128 entries rounded once, see <c>GateOperator</c>).
/// Sums (norm, probabilities) are taken in double.
/// </summary>
internal static unsafe partial class StateVectorKernels
{
    /// <summary>A general single-qubit gate, [m₀₀, m₀₁, m₁₀, m₁₁] as 8 floats; see the complex128 overload.</summary>
    public static void ApplyMatrix1(Span<Complex64> state, int target, ReadOnlySpan<float> matrix, long controlMask = 0)
    {
        if (matrix.Length != 8)
        {
            throw new ArgumentException($"a single-qubit matrix has 4 entries (8 floats), not {matrix.Length} floats", nameof(matrix));
        }
        int n = QubitsOf(state.Length);
        CheckQubits(n, [target], controlMask);
        fixed (Complex64* p = state)
        {
            InterleavedKernels<float>.ApplyMatrix1((float*)p, n, target, matrix, controlMask);
        }
    }

    /// <summary>A general gate on 1 to <see cref="MaxMatrixQubits"/> targets, row-major interleaved floats.</summary>
    public static void ApplyMatrix(Span<Complex64> state, ReadOnlySpan<int> targets, ReadOnlySpan<float> matrix, long controlMask = 0)
    {
        int m = targets.Length;
        if (m < 1 || m > MaxMatrixQubits)
        {
            throw new ArgumentOutOfRangeException(nameof(targets), m, $"a general matrix acts on 1 to {MaxMatrixQubits} qubits");
        }
        int dim = 1 << m;
        if (matrix.Length != 2 * dim * dim)
        {
            throw new ArgumentException($"a matrix on {m} qubits has {dim * dim} entries ({2 * dim * dim} floats), not {matrix.Length} floats", nameof(matrix));
        }
        if (m == 1)
        {
            ApplyMatrix1(state, targets[0], matrix, controlMask);
            return;
        }
        int n = QubitsOf(state.Length);
        CheckQubits(n, targets, controlMask);
        fixed (Complex64* p = state)
        {
            InterleavedKernels<float>.ApplyMatrix((float*)p, n, targets, matrix, controlMask);
        }
    }

    /// <summary>A diagonal on <paramref name="qubits"/>, 2^|qubits| entries as interleaved floats.</summary>
    public static void ApplyDiagonal(Span<Complex64> state, ReadOnlySpan<int> qubits, ReadOnlySpan<float> diagonal)
    {
        int n = QubitsOf(state.Length);
        CheckQubits(n, qubits, 0);
        if (diagonal.Length != 2 << qubits.Length)
        {
            throw new ArgumentException($"a diagonal on {qubits.Length} qubits has {1 << qubits.Length} entries ({2 << qubits.Length} floats), not {diagonal.Length} floats", nameof(diagonal));
        }
        fixed (Complex64* p = state)
        {
            InterleavedKernels<float>.ApplyDiagonal((float*)p, n, qubits, diagonal);
        }
    }

    /// <summary>A (multi-)controlled X.</summary>
    public static void ApplyX(Span<Complex64> state, int target, long controlMask = 0)
    {
        int n = QubitsOf(state.Length);
        CheckQubits(n, [target], controlMask);
        fixed (Complex64* p = state)
        {
            InterleavedKernels<float>.ApplyX((float*)p, n, target, controlMask);
        }
    }

    /// <summary>A (controlled) swap of qubits <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static void ApplySwap(Span<Complex64> state, int a, int b, long controlMask = 0)
    {
        int n = QubitsOf(state.Length);
        CheckQubits(n, [a, b], controlMask);
        fixed (Complex64* p = state)
        {
            InterleavedKernels<float>.ApplySwap((float*)p, n, a, b, controlMask);
        }
    }

    /// <summary>‖ψ‖², summed in double in fixed pieces.</summary>
    public static double NormSquared(ReadOnlySpan<Complex64> state)
    {
        int n = QubitsOf(state.Length);
        fixed (Complex64* p = state)
        {
            return InterleavedKernels<float>.NormSquared((float*)p, n);
        }
    }

    /// <summary>P(qubit = 1), summed in double in fixed pieces.</summary>
    public static double ProbabilityOfOne(ReadOnlySpan<Complex64> state, int qubit)
    {
        int n = QubitsOf(state.Length);
        CheckQubits(n, [qubit], 0);
        fixed (Complex64* p = state)
        {
            return InterleavedKernels<float>.ProbabilityOfOne((float*)p, n, qubit);
        }
    }

    /// <summary>Projects onto bit <paramref name="qubit"/> = <paramref name="outcome"/> of probability p and rescales by 1/√p.</summary>
    public static void Collapse(Span<Complex64> state, int qubit, int outcome, double probability)
    {
        int n = QubitsOf(state.Length);
        CheckQubits(n, [qubit], 0);
        if (!(probability > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "cannot collapse onto an outcome of probability 0");
        }
        fixed (Complex64* p = state)
        {
            InterleavedKernels<float>.Collapse((float*)p, n, qubit, outcome, 1.0 / Math.Sqrt(probability));
        }
    }

    /// <summary>destination[i] = |aᵢ|² in double.</summary>
    public static void Probabilities(ReadOnlySpan<Complex64> state, Span<double> destination)
    {
        if (destination.Length != state.Length)
        {
            throw new ArgumentException($"destination has {destination.Length} entries for {state.Length} amplitudes", nameof(destination));
        }
        fixed (Complex64* p = state)
        {
            InterleavedKernels<float>.Probabilities((float*)p, destination);
        }
    }
}
