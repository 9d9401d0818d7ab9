using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Triad.Quantum.Kernels;

/// <summary>
/// The state-vector kernels written once with generic math over the real type <typeparamref name="T"/> of an
/// interleaved complex state (re₀, im₀, re₁, im₁, …): amplitude i is (s[2i], s[2i+1]). The complex64 state runs them
/// with T = float. Conventions as <see cref="StateVectorKernels"/> (qubit k is bit k of the index, row-major matrices
/// whose local index bit j is targets[j], controls as a bit mask), with matrices and diagonals as interleaved T too.
/// <para>
/// Single-qubit kernels share one loop driver (<see cref="Pairs{TOp}"/>) generic over a pair operation struct, as
/// System.Numerics.Tensors' TensorPrimitives does, so the JIT inlines the operation: pairs in runs of 2^target are
/// streamed with <see cref="Vector256{T}"/> (4 complex floats) when a run holds a whole vector, with
/// <see cref="Vector128{T}"/> when it holds one of those, and one at a time otherwise. Which path an amplitude takes
/// depends only on the target, never on the thread or piece, so results are bit-identical for any thread count.
/// </para>
/// </summary>
internal static unsafe partial class InterleavedKernels<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Complex values per 256-bit vector (4 for float).</summary>
    private static int PerVector256 => Vector256<T>.Count / 2;

    /// <summary>Complex values per 128-bit vector (2 for float).</summary>
    private static int PerVector128 => Vector128<T>.Count / 2;

    /// <summary>One operation on the two amplitudes a₀ (bit clear) and a₁ (bit set) of pairs, at three widths.</summary>
    internal interface IPairOperation
    {
        /// <summary>One pair: p0 and p1 point at (re, im) of a₀ and a₁.</summary>
        void Invoke(T* p0, T* p1);

        /// <summary><see cref="PerVector128"/> neighbouring pairs: p0 and p1 point at that many a₀ and a₁.</summary>
        void Invoke128(T* p0, T* p1);

        /// <summary><see cref="PerVector256"/> neighbouring pairs.</summary>
        void Invoke256(T* p0, T* p1);
    }

    /// <summary>
    /// Applies <paramref name="op"/> to every pair of a 2^<paramref name="n"/>-amplitude state that differs only in bit
    /// <paramref name="target"/>; with a control mask, only to pairs whose control bits are all set.
    /// </summary>
    internal static void Pairs<TOp>(T* state, int n, int target, long controlMask, TOp op)
        where TOp : struct, IPairOperation
    {
        long length = 1L << n;
        if (controlMask != 0)
        {
            int[] sorted = StateVectorKernels.SortedPositions([target], controlMask);
            if (StateVectorKernels.RunsInline(n))
            {
                ControlledPairsRange(state, target, sorted, controlMask, 0, length >> sorted.Length, op);
            }
            else
            {
                ControlledPairsThreaded((nint)state, n, target, sorted, controlMask, op);
            }
            return;
        }
        if (StateVectorKernels.RunsInline(n))
        {
            PairsRange(state, target, 0, length >> 1, op);
        }
        else
        {
            PairsThreaded((nint)state, n, target, op);
        }
    }

    // The threaded loops live apart so that their closures are only allocated when threads run.
    private static void PairsThreaded<TOp>(nint address, int n, int target, TOp op)
        where TOp : struct, IPairOperation =>
        StateVectorKernels.ForRange((1L << n) >> 1, n, (start, end) => PairsRange((T*)address, target, start, end, op));

    private static void ControlledPairsThreaded<TOp>(nint address, int n, int target, int[] sorted, long controlMask, TOp op)
        where TOp : struct, IPairOperation =>
        StateVectorKernels.ForRange((1L << n) >> sorted.Length, n, (start, end) => ControlledPairsRange((T*)address, target, sorted, controlMask, start, end, op));

    private static void ControlledPairsRange<TOp>(T* s, int target, int[] sorted, long controlMask, long start, long end, TOp op)
        where TOp : struct, IPairOperation
    {
        long half = 1L << target;
        for (long k = start; k < end; k++)
        {
            long i0 = StateVectorKernels.InsertZeroBits(k, sorted) | controlMask;
            op.Invoke(s + (2 * i0), s + (2 * (i0 + half)));
        }
    }

    private static void PairsRange<TOp>(T* s, int target, long start, long end, TOp op)
        where TOp : struct, IPairOperation
    {
        long half = 1L << target, lowMask = half - 1;
        // Pair index k maps to i₀ by inserting a 0 at bit `target`; pairs come in runs of 2^target with the same high
        // bits, within which both halves are contiguous, so the loop walks two pointers. Pieces start at multiples of
        // 2^13 pairs and states have at least a vector's worth of pairs, so runs always hold whole vectors.
        if (Vector256.IsHardwareAccelerated && half >= PerVector256)
        {
            for (long k = start; k < end;)
            {
                long runEnd = Math.Min(end, ((k >> target) + 1) << target);
                long i0 = ((k >> target) << (target + 1)) | (k & lowMask);
                T* p0 = s + (2 * i0), p1 = p0 + (2 * half), stop = p0 + (2 * (runEnd - k));
                for (; p0 < stop; p0 += Vector256<T>.Count, p1 += Vector256<T>.Count)
                {
                    op.Invoke256(p0, p1);
                }
                k = runEnd;
            }
            return;
        }
        if (Vector128.IsHardwareAccelerated && half >= PerVector128)
        {
            for (long k = start; k < end;)
            {
                long runEnd = Math.Min(end, ((k >> target) + 1) << target);
                long i0 = ((k >> target) << (target + 1)) | (k & lowMask);
                T* p0 = s + (2 * i0), p1 = p0 + (2 * half), stop = p0 + (2 * (runEnd - k));
                for (; p0 < stop; p0 += Vector128<T>.Count, p1 += Vector128<T>.Count)
                {
                    op.Invoke128(p0, p1);
                }
                k = runEnd;
            }
            return;
        }
        for (long k = start; k < end; k++)
        {
            long i0 = ((k >> target) << (target + 1)) | (k & lowMask);
            op.Invoke(s + (2 * i0), s + (2 * (i0 + half)));
        }
    }

    /// <summary>[im, re] for each complex in the vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<T> SwapReIm(Vector256<T> v)
    {
        if (typeof(T) == typeof(float))
        {
            Vector256<float> f = v.AsSingle();
            return (Avx.IsSupported ? Avx.Permute(f, 0b1011_0001) : Vector256.Shuffle(f, Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6))).As<float, T>();
        }
        if (typeof(T) == typeof(double))
        {
            Vector256<double> d = v.AsDouble();
            return (Avx.IsSupported ? Avx.Permute(d, 0b0101) : Vector256.Shuffle(d, Vector256.Create(1L, 0, 3, 2))).As<double, T>();
        }
        throw new NotSupportedException($"interleaved kernels run on float or double, not {typeof(T).Name}");
    }

    /// <summary>[im, re] for each complex in the vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<T> SwapReIm(Vector128<T> v)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector128.Shuffle(v.AsSingle(), Vector128.Create(1, 0, 3, 2)).As<float, T>();
        }
        if (typeof(T) == typeof(double))
        {
            return Vector128.Shuffle(v.AsDouble(), Vector128.Create(1L, 0)).As<double, T>();
        }
        throw new NotSupportedException($"interleaved kernels run on float or double, not {typeof(T).Name}");
    }

    /// <summary>[−im, im, −im, im, …]: with <see cref="SwapReIm(Vector256{T})"/>, c·v = re(c)·v + this·swap(v).</summary>
    internal static Vector256<T> ImagSigned256(T im)
    {
        Span<T> v = stackalloc T[Vector256<T>.Count];
        for (int j = 0; j < v.Length; j++)
        {
            v[j] = (j & 1) == 0 ? -im : im;
        }
        return Vector256.Create((ReadOnlySpan<T>)v);
    }

    /// <summary>[−im, im, …] at 128 bits.</summary>
    internal static Vector128<T> ImagSigned128(T im)
    {
        Span<T> v = stackalloc T[Vector128<T>.Count];
        for (int j = 0; j < v.Length; j++)
        {
            v[j] = (j & 1) == 0 ? -im : im;
        }
        return Vector128.Create((ReadOnlySpan<T>)v);
    }

    /// <summary>Interleaved (re, im) of <paramref name="values"/> rounded to T.</summary>
    internal static T[] Interleave(ReadOnlySpan<Complex> values)
    {
        var result = new T[2 * values.Length];
        for (int j = 0; j < values.Length; j++)
        {
            result[2 * j] = T.CreateTruncating(values[j].Real);
            result[(2 * j) + 1] = T.CreateTruncating(values[j].Imaginary);
        }
        return result;
    }
}
