using System.Numerics;

namespace Triad.Quantum.Kernels;

internal static unsafe partial class StateVectorKernels
{
    /// <summary>‖ψ‖² = Σᵢ |aᵢ|², summed in fixed pieces (the same bits for any thread count).</summary>
    public static double NormSquared(ReadOnlySpan<Complex> state)
    {
        int n = QubitsOf(state.Length);
        fixed (Complex* p = state)
        {
            nint address = (nint)p;
            return SumRange(state.Length, n, (start, end) =>
            {
                double* s = (double*)address;
                double sum = 0;
                for (long j = 2 * start; j < 2 * end; j++)
                {
                    sum += s[j] * s[j];
                }
                return sum;
            });
        }
    }

    /// <summary>P(qubit = 1) = Σ over i with bit <paramref name="qubit"/> set of |aᵢ|².</summary>
    public static double ProbabilityOfOne(ReadOnlySpan<Complex> state, int qubit)
    {
        int n = QubitsOf(state.Length);
        CheckQubits(n, [qubit], 0);
        long half = 1L << qubit, lowMask = half - 1;
        fixed (Complex* p = state)
        {
            nint address = (nint)p;
            return SumRange(state.Length >> 1, n, (start, end) =>
            {
                Complex* s = (Complex*)address;
                double sum = 0;
                for (long k = start; k < end; k++)
                {
                    long i1 = (((k >> qubit) << (qubit + 1)) | (k & lowMask)) + half;
                    sum += (s[i1].Real * s[i1].Real) + (s[i1].Imaginary * s[i1].Imaginary);
                }
                return sum;
            });
        }
    }

    /// <summary>
    /// Projects onto bit <paramref name="qubit"/> = <paramref name="outcome"/> and rescales by 1/√p, where
    /// <paramref name="probability"/> = p is the outcome's probability (must be positive).
    /// </summary>
    public static void Collapse(Span<Complex> state, int qubit, int outcome, double probability)
    {
        int n = QubitsOf(state.Length);
        CheckQubits(n, [qubit], 0);
        if (!(probability > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "cannot collapse onto an outcome of probability 0");
        }
        double scale = 1.0 / Math.Sqrt(probability);
        long half = 1L << qubit, lowMask = half - 1;
        long keep = outcome == 0 ? 0 : half, drop = half - keep;
        fixed (Complex* p = state)
        {
            nint address = (nint)p;
            ForRange(state.Length >> 1, n, (start, end) =>
            {
                Complex* s = (Complex*)address;
                for (long k = start; k < end; k++)
                {
                    long i0 = ((k >> qubit) << (qubit + 1)) | (k & lowMask);
                    s[i0 + keep] *= scale;
                    s[i0 + drop] = Complex.Zero;
                }
            });
        }
    }

    /// <summary>destination[i] = |aᵢ|².</summary>
    public static void Probabilities(ReadOnlySpan<Complex> state, Span<double> destination)
    {
        if (destination.Length != state.Length)
        {
            throw new ArgumentException($"destination has {destination.Length} entries for {state.Length} amplitudes", nameof(destination));
        }
        for (int i = 0; i < state.Length; i++)
        {
            destination[i] = (state[i].Real * state[i].Real) + (state[i].Imaginary * state[i].Imaginary);
        }
    }
}
