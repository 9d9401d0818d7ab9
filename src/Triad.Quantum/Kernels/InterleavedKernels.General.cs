using System.Numerics;
using System.Runtime.Intrinsics;

namespace Triad.Quantum.Kernels;

internal static unsafe partial class InterleavedKernels<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>A (controlled) swap of qubits a and b: exchanges the amplitudes with bits (a, b) = (1, 0) and (0, 1).</summary>
    public static void ApplySwap(T* state, int n, int a, int b, long controlMask)
    {
        int[] sorted = StateVectorKernels.SortedPositions([a, b], controlMask);
        long bitA = 1L << a, bitB = 1L << b;
        nint address = (nint)state;
        StateVectorKernels.ForRange((1L << n) >> sorted.Length, n, (start, end) =>
        {
            T* s = (T*)address;
            for (long k = start; k < end; k++)
            {
                long i = StateVectorKernels.InsertZeroBits(k, sorted) | controlMask;
                T* pa = s + (2 * (i | bitA)), pb = s + (2 * (i | bitB));
                (pa[0], pa[1], pb[0], pb[1]) = (pb[0], pb[1], pa[0], pa[1]);
            }
        });
    }

    /// <summary>
    /// A diagonal on several qubits: aᵢ ← d[l]·aᵢ with l the bits of i at <paramref name="qubits"/>; only the entries
    /// that differ from 1 are visited. <paramref name="diagonal"/> holds 2^|qubits| interleaved entries.
    /// </summary>
    public static void ApplyDiagonal(T* state, int n, ReadOnlySpan<int> qubits, ReadOnlySpan<T> diagonal)
    {
        if (qubits.Length == 1)
        {
            ApplyDiagonal1(state, n, qubits[0], diagonal[0], diagonal[1], diagonal[2], diagonal[3]);
            return;
        }
        int[] sorted = StateVectorKernels.SortedPositions(qubits, 0);
        var offsets = new List<long>();
        var factors = new List<T>();
        for (int l = 0; l < 1 << qubits.Length; l++)
        {
            if (diagonal[2 * l] == T.One && diagonal[(2 * l) + 1] == T.Zero)
            {
                continue;
            }
            long offset = 0;
            for (int j = 0; j < qubits.Length; j++)
            {
                offset |= (long)((l >> j) & 1) << qubits[j];
            }
            offsets.Add(offset);
            factors.Add(diagonal[2 * l]);
            factors.Add(diagonal[(2 * l) + 1]);
        }
        if (offsets.Count == 0)
        {
            return;
        }
        long[] o = [.. offsets];
        T[] f = [.. factors];
        nint address = (nint)state;
        StateVectorKernels.ForRange((1L << n) >> sorted.Length, n, (start, end) =>
        {
            T* s = (T*)address;
            for (long k = start; k < end; k++)
            {
                long i = StateVectorKernels.InsertZeroBits(k, sorted);
                for (int e = 0; e < o.Length; e++)
                {
                    T* p = s + (2 * (i + o[e]));
                    T re = p[0], im = p[1], dr = f[2 * e], di = f[(2 * e) + 1];
                    p[0] = (dr * re) + (-di * im);
                    p[1] = (dr * im) + (di * re);
                }
            }
        });
    }

    /// <summary>
    /// A general gate on m ≥ 2 targets: for every group of 2^m amplitudes that differ only in the target bits (with
    /// every control bit set), a ← M·a; <paramref name="matrix"/> is row-major 2^m × 2^m, interleaved.
    /// </summary>
    public static void ApplyMatrix(T* state, int n, ReadOnlySpan<int> targets, ReadOnlySpan<T> matrix, long controlMask)
    {
        int m = targets.Length, dim = 1 << m;
        int[] sorted = StateVectorKernels.SortedPositions(targets, controlMask);
        var offsets = new long[dim];
        for (int l = 0; l < dim; l++)
        {
            for (int j = 0; j < m; j++)
            {
                if ((l & (1 << j)) != 0)
                {
                    offsets[l] |= 1L << targets[j];
                }
            }
        }
        T[] mat = matrix.ToArray();
        long groups = (1L << n) >> sorted.Length;
        nint address = (nint)state;
        // When the lowest target or control bit is above the bits one vector spans, groups k … k + PerVector256 − 1
        // (k a multiple of it) start at neighbouring indices, so one vector holds the same local amplitude of that
        // many groups; the vector's lanes then run the scalar loop's arithmetic side by side.
        if (Vector256.IsHardwareAccelerated && 1L << sorted[0] >= PerVector256)
        {
            var re = new Vector256<T>[dim * dim];
            var im = new Vector256<T>[dim * dim];
            for (int e = 0; e < dim * dim; e++)
            {
                re[e] = Vector256.Create(mat[2 * e]);
                im[e] = ImagSigned256(mat[(2 * e) + 1]);
            }
            StateVectorKernels.ForRange(groups, n, (start, end) => MatrixVectorRange((T*)address, sorted, controlMask, offsets, re, im, start, end));
            return;
        }
        StateVectorKernels.ForRange(groups, n, (start, end) =>
        {
            T* s = (T*)address;
            Span<T> v = dim <= 32 ? stackalloc T[2 * dim] : new T[2 * dim];
            for (long k = start; k < end; k++)
            {
                long i = StateVectorKernels.InsertZeroBits(k, sorted) | controlMask;
                for (int l = 0; l < dim; l++)
                {
                    T* p = s + (2 * (i + offsets[l]));
                    v[2 * l] = p[0];
                    v[(2 * l) + 1] = p[1];
                }
                for (int r = 0; r < dim; r++)
                {
                    T sumRe = T.Zero, sumIm = T.Zero;
                    int row = 2 * r * dim;
                    for (int c = 0; c < dim; c++)
                    {
                        T mr = mat[row + (2 * c)], mi = mat[row + (2 * c) + 1], vr = v[2 * c], vi = v[(2 * c) + 1];
                        sumRe += (mr * vr) + (-mi * vi);
                        sumIm += (mr * vi) + (mi * vr);
                    }
                    T* p = s + (2 * (i + offsets[r]));
                    p[0] = sumRe;
                    p[1] = sumIm;
                }
            }
        });
    }

    private static void MatrixVectorRange(T* s, int[] sorted, long controlMask, long[] offsets, Vector256<T>[] re, Vector256<T>[] im, long start, long end)
    {
        int dim = offsets.Length;
        Span<Vector256<T>> v = stackalloc Vector256<T>[dim];
        Span<Vector256<T>> w = stackalloc Vector256<T>[dim];
        for (long k = start; k < end; k += PerVector256)
        {
            long i = StateVectorKernels.InsertZeroBits(k, sorted) | controlMask;
            for (int l = 0; l < dim; l++)
            {
                v[l] = Vector256.Load(s + (2 * (i + offsets[l])));
                w[l] = SwapReIm(v[l]);
            }
            for (int r = 0; r < dim; r++)
            {
                Vector256<T> sum = Vector256<T>.Zero;
                int row = r * dim;
                for (int c = 0; c < dim; c++)
                {
                    sum += (re[row + c] * v[c]) + (im[row + c] * w[c]);
                }
                sum.Store(s + (2 * (i + offsets[r])));
            }
        }
    }
}
