using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Triad.Quantum.Kernels;

internal static unsafe partial class StateVectorKernels
{
    /// <summary>
    /// A general single-qubit gate: for every pair (a₀, a₁) of amplitudes that differ only in bit
    /// <paramref name="target"/> (and have all bits of <paramref name="controlMask"/> set),
    /// (a₀, a₁) ← (m₀₀a₀ + m₀₁a₁, m₁₀a₀ + m₁₁a₁). <paramref name="matrix"/> is row-major [m₀₀, m₀₁, m₁₀, m₁₁].
    /// Without controls the pairs are streamed with 256-bit vectors (two amplitudes per vector).
    /// </summary>
    public static void ApplyMatrix1(Span<Complex> state, int target, ReadOnlySpan<Complex> matrix, long controlMask = 0)
    {
        if (matrix.Length != 4)
        {
            throw new ArgumentException($"a single-qubit matrix has 4 entries, not {matrix.Length}", nameof(matrix));
        }
        int n = QubitsOf(state.Length);
        CheckQubits(n, [target], controlMask);
        Complex m00 = matrix[0], m01 = matrix[1], m10 = matrix[2], m11 = matrix[3];
        fixed (Complex* p = state)
        {
            if (controlMask != 0)
            {
                int[] sorted = SortedPositions([target], controlMask);
                long groups = state.Length >> sorted.Length;
                if (RunsInline(n))
                {
                    Matrix1ControlledRange(p, target, sorted, controlMask, 0, groups, m00, m01, m10, m11);
                }
                else
                {
                    Matrix1ControlledThreaded((nint)p, n, target, sorted, controlMask, groups, m00, m01, m10, m11);
                }
                return;
            }
            if (RunsInline(n))
            {
                Matrix1Range((double*)p, target, 0, state.Length >> 1, m00, m01, m10, m11);
            }
            else
            {
                Matrix1Threaded((nint)p, n, target, state.Length >> 1, m00, m01, m10, m11);
            }
        }
    }

    private static void Matrix1Threaded(nint address, int n, int target, long pairs, Complex m00, Complex m01, Complex m10, Complex m11) =>
        ForRange(pairs, n, (start, end) => Matrix1Range((double*)address, target, start, end, m00, m01, m10, m11));

    private static void Matrix1ControlledThreaded(nint address, int n, int target, int[] sorted, long controlMask, long groups, Complex m00, Complex m01, Complex m10, Complex m11) =>
        ForRange(groups, n, (start, end) => Matrix1ControlledRange((Complex*)address, target, sorted, controlMask, start, end, m00, m01, m10, m11));

    private static void Matrix1ControlledRange(Complex* s, int target, int[] sorted, long controlMask, long start, long end, Complex m00, Complex m01, Complex m10, Complex m11)
    {
        long step = 1L << target;
        for (long k = start; k < end; k++)
        {
            long i0 = InsertZeroBits(k, sorted) | controlMask;
            Complex a0 = s[i0], a1 = s[i0 + step];
            s[i0] = (m00 * a0) + (m01 * a1);
            s[i0 + step] = (m10 * a0) + (m11 * a1);
        }
    }

    private static void Matrix1Range(double* s, int target, long start, long end, Complex m00, Complex m01, Complex m10, Complex m11)
    {
        long half = 1L << target, lowMask = half - 1;
        if (Vector256.IsHardwareAccelerated && target >= 1)
        {
            // Pair index k maps to i₀ by inserting a 0 at bit `target`; k and k+1 (k even) give neighbouring i₀,
            // so one vector holds two amplitudes of the lower half and one two of the upper half.
            Vector256<double> r00 = RealPart(m00), i00 = ImagSigned(m00), r01 = RealPart(m01), i01 = ImagSigned(m01);
            Vector256<double> r10 = RealPart(m10), i10 = ImagSigned(m10), r11 = RealPart(m11), i11 = ImagSigned(m11);
            // Pairs come in runs of 2^target with the same high bits: within a run both halves are contiguous, so
            // the loop walks two pointers instead of recomputing indices.
            for (long k = start; k < end;)
            {
                long runEnd = Math.Min(end, ((k >> target) + 1) << target);
                long i0 = ((k >> target) << (target + 1)) | (k & lowMask);
                double* p0 = s + (2 * i0), p1 = p0 + (2 * half), stop = p0 + (2 * (runEnd - k));
                for (; p0 < stop; p0 += 4, p1 += 4)
                {
                    Vector256<double> v0 = Vector256.Load(p0), v1 = Vector256.Load(p1);
                    Vector256<double> w0 = SwapReIm(v0), w1 = SwapReIm(v1);
                    ((r00 * v0) + (i00 * w0) + (r01 * v1) + (i01 * w1)).Store(p0);
                    ((r10 * v0) + (i10 * w0) + (r11 * v1) + (i11 * w1)).Store(p1);
                }
                k = runEnd;
            }
            return;
        }
        if (Vector256.IsHardwareAccelerated && target == 0)
        {
            // Target 0: a pair is one vector [a₀, a₁]; broadcast each half to both and combine with
            // per-half coefficients [m₀₀ | m₁₀] and [m₀₁ | m₁₁].
            Vector256<double> ra = Vector256.Create(m00.Real, m00.Real, m10.Real, m10.Real);
            Vector256<double> ia = Vector256.Create(-m00.Imaginary, m00.Imaginary, -m10.Imaginary, m10.Imaginary);
            Vector256<double> rb = Vector256.Create(m01.Real, m01.Real, m11.Real, m11.Real);
            Vector256<double> ib = Vector256.Create(-m01.Imaginary, m01.Imaginary, -m11.Imaginary, m11.Imaginary);
            for (long k = start; k < end; k++)
            {
                double* p = s + (4 * k);
                Vector256<double> v = Vector256.Load(p);
                Vector256<double> lo = Vector256.Create(v.GetLower(), v.GetLower());
                Vector256<double> hi = Vector256.Create(v.GetUpper(), v.GetUpper());
                ((ra * lo) + (ia * SwapReIm(lo)) + (rb * hi) + (ib * SwapReIm(hi))).Store(p);
            }
            return;
        }
        Complex* c = (Complex*)s;
        for (long k = start; k < end; k++)
        {
            long i0 = ((k >> target) << (target + 1)) | (k & lowMask);
            Complex a0 = c[i0], a1 = c[i0 + half];
            c[i0] = (m00 * a0) + (m01 * a1);
            c[i0 + half] = (m10 * a0) + (m11 * a1);
        }
    }

    /// <summary>Reinterprets a state as interleaved doubles (re₀, im₀, re₁, im₁, …).</summary>
    internal static Span<double> AsDoubles(Span<Complex> state) => MemoryMarshal.Cast<Complex, double>(state);
}
