using System.Numerics;
using System.Runtime.Intrinsics;

namespace Triad.Quantum.Kernels;

internal static unsafe partial class StateVectorKernels
{
    /// <summary>
    /// A diagonal single-qubit gate diag(d₀, d₁): aᵢ ← d_b·aᵢ with b bit <paramref name="target"/> of i.
    /// When d₀ = 1 (phase gates: z, s, t, p, u1) only the half with the bit set is read and written.
    /// </summary>
    public static void ApplyDiagonal1(Span<Complex> state, int target, Complex d0, Complex d1)
    {
        int n = QubitsOf(state.Length);
        CheckQubits(n, [target], 0);
        bool phaseOnly = d0 == Complex.One;
        fixed (Complex* p = state)
        {
            if (RunsInline(n))
            {
                Diagonal1Range((double*)p, target, 0, state.Length >> 1, d0, d1, phaseOnly);
            }
            else
            {
                Diagonal1Threaded((nint)p, n, target, state.Length >> 1, d0, d1, phaseOnly);
            }
        }
    }

    private static void Diagonal1Threaded(nint address, int n, int target, long pairs, Complex d0, Complex d1, bool phaseOnly) =>
        ForRange(pairs, n, (start, end) => Diagonal1Range((double*)address, target, start, end, d0, d1, phaseOnly));

    private static void Diagonal1Range(double* s, int target, long start, long end, Complex d0, Complex d1, bool phaseOnly)
    {
        long half = 1L << target, lowMask = half - 1;
        if (Vector256.IsHardwareAccelerated && target >= 1)
        {
            Vector256<double> r0 = RealPart(d0), i0v = ImagSigned(d0), r1 = RealPart(d1), i1v = ImagSigned(d1);
            for (long k = start; k < end;)
            {
                long runEnd = Math.Min(end, ((k >> target) + 1) << target);
                long i0 = ((k >> target) << (target + 1)) | (k & lowMask);
                double* p0 = s + (2 * i0), p1 = p0 + (2 * half), stop = p0 + (2 * (runEnd - k));
                for (; p0 < stop; p0 += 4, p1 += 4)
                {
                    if (!phaseOnly)
                    {
                        Vector256<double> v0 = Vector256.Load(p0);
                        ((r0 * v0) + (i0v * SwapReIm(v0))).Store(p0);
                    }
                    Vector256<double> v1 = Vector256.Load(p1);
                    ((r1 * v1) + (i1v * SwapReIm(v1))).Store(p1);
                }
                k = runEnd;
            }
            return;
        }
        if (Vector256.IsHardwareAccelerated && target == 0)
        {
            Vector256<double> re = Vector256.Create(d0.Real, d0.Real, d1.Real, d1.Real);
            Vector256<double> im = Vector256.Create(-d0.Imaginary, d0.Imaginary, -d1.Imaginary, d1.Imaginary);
            for (long k = start; k < end; k++)
            {
                double* q = s + (4 * k);
                Vector256<double> v = Vector256.Load(q);
                ((re * v) + (im * SwapReIm(v))).Store(q);
            }
            return;
        }
        Complex* c = (Complex*)s;
        for (long k = start; k < end; k++)
        {
            long i0 = ((k >> target) << (target + 1)) | (k & lowMask);
            c[i0] *= d0;
            c[i0 + half] *= d1;
        }
    }

    /// <summary>
    /// A diagonal gate on several qubits: aᵢ ← d[l]·aᵢ, where l gathers the bits of i at <paramref name="qubits"/>
    /// (bit j of l = bit qubits[j] of i). Controlled phases (cz, cp, crz, cu1) and rzz are such gates.
    /// </summary>
    public static void ApplyDiagonal(Span<Complex> state, ReadOnlySpan<int> qubits, ReadOnlySpan<Complex> diagonal)
    {
        int n = QubitsOf(state.Length);
        CheckQubits(n, qubits, 0);
        if (diagonal.Length != 1 << qubits.Length)
        {
            throw new ArgumentException($"a diagonal on {qubits.Length} qubits has {1 << qubits.Length} entries, not {diagonal.Length}", nameof(diagonal));
        }
        if (qubits.Length == 1)
        {
            ApplyDiagonal1(state, qubits[0], diagonal[0], diagonal[1]);
            return;
        }
        // Only the entries that differ from 1 are visited (a controlled phase touches a quarter of the state):
        // for each such local index l, every group k gives the amplitude InsertZeroBits(k) + offset(l).
        int[] sorted = SortedPositions(qubits, 0);
        var offsets = new List<long>();
        var factors = new List<Complex>();
        for (int l = 0; l < diagonal.Length; l++)
        {
            if (diagonal[l] == Complex.One)
            {
                continue;
            }
            long offset = 0;
            for (int j = 0; j < qubits.Length; j++)
            {
                offset |= (long)((l >> j) & 1) << qubits[j];
            }
            offsets.Add(offset);
            factors.Add(diagonal[l]);
        }
        if (offsets.Count == 0)
        {
            return;
        }
        long[] o = [.. offsets];
        Complex[] f = [.. factors];
        long groups = state.Length >> sorted.Length;
        fixed (Complex* p = state)
        {
            if (RunsInline(n))
            {
                DiagonalRange(p, sorted, o, f, 0, groups);
            }
            else
            {
                nint address = (nint)p;
                DiagonalThreaded(address, n, sorted, o, f, groups);
            }
        }
    }

    private static void DiagonalThreaded(nint address, int n, int[] sorted, long[] offsets, Complex[] factors, long groups) =>
        ForRange(groups, n, (start, end) => DiagonalRange((Complex*)address, sorted, offsets, factors, start, end));

    private static void DiagonalRange(Complex* s, int[] sorted, long[] offsets, Complex[] factors, long start, long end)
    {
        for (long k = start; k < end; k++)
        {
            long i = InsertZeroBits(k, sorted);
            for (int e = 0; e < offsets.Length; e++)
            {
                s[i + offsets[e]] *= factors[e];
            }
        }
    }
}
