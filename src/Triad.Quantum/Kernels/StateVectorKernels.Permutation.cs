using System.Numerics;
using System.Runtime.Intrinsics;

namespace Triad.Quantum.Kernels;

internal static unsafe partial class StateVectorKernels
{
    /// <summary>
    /// A (multi-)controlled X: swaps the amplitudes of every pair that differs only in bit <paramref name="target"/>
    /// and has all bits of <paramref name="controlMask"/> set (x, cx, ccx, c3x, c4x). No arithmetic, only moves.
    /// </summary>
    public static void ApplyX(Span<Complex> state, int target, long controlMask = 0)
    {
        int n = QubitsOf(state.Length);
        CheckQubits(n, [target], controlMask);
        fixed (Complex* p = state)
        {
            if (controlMask != 0)
            {
                int[] sorted = SortedPositions([target], controlMask);
                long groups = state.Length >> sorted.Length;
                if (RunsInline(n))
                {
                    XControlledRange(p, target, sorted, controlMask, 0, groups);
                }
                else
                {
                    XControlledThreaded((nint)p, n, target, sorted, controlMask, groups);
                }
                return;
            }
            if (RunsInline(n))
            {
                XRange((double*)p, target, 0, state.Length >> 1);
            }
            else
            {
                XThreaded((nint)p, n, target, state.Length >> 1);
            }
        }
    }

    private static void XThreaded(nint address, int n, int target, long pairs) =>
        ForRange(pairs, n, (start, end) => XRange((double*)address, target, start, end));

    private static void XControlledThreaded(nint address, int n, int target, int[] sorted, long controlMask, long groups) =>
        ForRange(groups, n, (start, end) => XControlledRange((Complex*)address, target, sorted, controlMask, start, end));

    private static void XControlledRange(Complex* s, int target, int[] sorted, long controlMask, long start, long end)
    {
        long half = 1L << target;
        for (long k = start; k < end; k++)
        {
            long i0 = InsertZeroBits(k, sorted) | controlMask;
            (s[i0], s[i0 + half]) = (s[i0 + half], s[i0]);
        }
    }

    private static void XRange(double* s, int target, long start, long end)
    {
        long half = 1L << target, lowMask = half - 1;
        if (Vector256.IsHardwareAccelerated && target >= 1)
        {
            for (long k = start; k < end;)
            {
                long runEnd = Math.Min(end, ((k >> target) + 1) << target);
                long i0 = ((k >> target) << (target + 1)) | (k & lowMask);
                double* p0 = s + (2 * i0), p1 = p0 + (2 * half), stop = p0 + (2 * (runEnd - k));
                for (; p0 < stop; p0 += 4, p1 += 4)
                {
                    Vector256<double> v0 = Vector256.Load(p0), v1 = Vector256.Load(p1);
                    v1.Store(p0);
                    v0.Store(p1);
                }
                k = runEnd;
            }
            return;
        }
        if (Vector256.IsHardwareAccelerated && target == 0)
        {
            for (long k = start; k < end; k++)
            {
                double* q = s + (4 * k);
                Vector256<double> v = Vector256.Load(q);
                Vector256.Create(v.GetUpper(), v.GetLower()).Store(q);
            }
            return;
        }
        Complex* c = (Complex*)s;
        for (long k = start; k < end; k++)
        {
            long i0 = ((k >> target) << (target + 1)) | (k & lowMask);
            (c[i0], c[i0 + half]) = (c[i0 + half], c[i0]);
        }
    }

    /// <summary>
    /// A (controlled) swap of qubits <paramref name="a"/> and <paramref name="b"/>: exchanges the amplitudes of the
    /// basis states with bits (a, b) = (1, 0) and (0, 1) where every control bit is set (swap, cswap).
    /// </summary>
    public static void ApplySwap(Span<Complex> state, int a, int b, long controlMask = 0)
    {
        int n = QubitsOf(state.Length);
        CheckQubits(n, [a, b], controlMask);
        int[] sorted = SortedPositions([a, b], controlMask);
        long bitA = 1L << a, bitB = 1L << b;
        fixed (Complex* p = state)
        {
            nint address = (nint)p;
            ForRange(state.Length >> sorted.Length, n, (start, end) =>
            {
                Complex* s = (Complex*)address;
                for (long k = start; k < end; k++)
                {
                    long i = InsertZeroBits(k, sorted) | controlMask;
                    (s[i | bitA], s[i | bitB]) = (s[i | bitB], s[i | bitA]);
                }
            });
        }
    }
}
