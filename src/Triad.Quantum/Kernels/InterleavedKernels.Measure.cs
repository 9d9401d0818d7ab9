using System.Numerics;

namespace Triad.Quantum.Kernels;

internal static unsafe partial class InterleavedKernels<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>‖ψ‖² = Σᵢ |aᵢ|², each term and the sum in double, in fixed pieces (the same bits for any thread count).</summary>
    public static double NormSquared(T* state, int n)
    {
        nint address = (nint)state;
        return StateVectorKernels.SumRange(1L << n, n, (start, end) =>
        {
            T* s = (T*)address;
            double sum = 0;
            for (long j = 2 * start; j < 2 * end; j++)
            {
                double x = double.CreateTruncating(s[j]);
                sum += x * x;
            }
            return sum;
        });
    }

    /// <summary>P(qubit = 1) = Σ over i with bit <paramref name="qubit"/> set of |aᵢ|², in double.</summary>
    public static double ProbabilityOfOne(T* state, int n, int qubit)
    {
        long half = 1L << qubit, lowMask = half - 1;
        nint address = (nint)state;
        return StateVectorKernels.SumRange((1L << n) >> 1, n, (start, end) =>
        {
            T* s = (T*)address;
            double sum = 0;
            for (long k = start; k < end; k++)
            {
                T* p = s + (2 * ((((k >> qubit) << (qubit + 1)) | (k & lowMask)) + half));
                double re = double.CreateTruncating(p[0]), im = double.CreateTruncating(p[1]);
                sum += (re * re) + (im * im);
            }
            return sum;
        });
    }

    /// <summary>Keeps bit <paramref name="qubit"/> = <paramref name="outcome"/>, scaled by <paramref name="scale"/>, and zeroes the rest.</summary>
    public static void Collapse(T* state, int n, int qubit, int outcome, double scale)
    {
        T factor = T.CreateTruncating(scale);
        long half = 1L << qubit, lowMask = half - 1;
        long keep = outcome == 0 ? 0 : half, drop = half - keep;
        nint address = (nint)state;
        StateVectorKernels.ForRange((1L << n) >> 1, n, (start, end) =>
        {
            T* s = (T*)address;
            for (long k = start; k < end; k++)
            {
                long i0 = ((k >> qubit) << (qubit + 1)) | (k & lowMask);
                T* pk = s + (2 * (i0 + keep)), pd = s + (2 * (i0 + drop));
                pk[0] *= factor;
                pk[1] *= factor;
                pd[0] = T.Zero;
                pd[1] = T.Zero;
            }
        });
    }

    /// <summary>destination[i] = |aᵢ|², in double.</summary>
    public static void Probabilities(T* state, Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            double re = double.CreateTruncating(state[2 * i]), im = double.CreateTruncating(state[(2 * i) + 1]);
            destination[i] = (re * re) + (im * im);
        }
    }
}
