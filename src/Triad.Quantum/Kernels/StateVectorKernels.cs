using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Triad.Numerics.Threading;

namespace Triad.Quantum.Kernels;

/// <summary>
/// Kernels that apply a gate to a state vector in place, one file per gate family (diagonal, permutation,
/// general 1-qubit, general k-qubit, measurement), after Qulacs' <c>csim</c> and qsim's <c>simulator_*.h</c>.
/// <para>
/// <b>Layout</b>, the same in every kernel: the state of n qubits is a span of 2^n <see cref="Complex"/> values
/// (interleaved real, imaginary doubles); qubit k is bit k of the basis index, so qubit 0 is the least
/// significant bit (Qiskit's little-endian order). A gate's matrix is row-major, 2^m × 2^m for m target qubits,
/// and its local index has bit j equal to the bit of the j-th target qubit as listed (so for <c>cx(c, t)</c> with
/// targets (c, t) the local index is 2·t + c). Controls are a bit mask: the gate acts only on basis states whose
/// control bits are all 1.
/// </para>
/// <para>
/// <b>Arguments</b>: the state first, then qubit indices, then the matrix or diagonal, then the control mask.
/// </para>
/// <para>
/// <b>Threads</b>: states of at least 2^<see cref="ParallelThresholdQubits"/> amplitudes are cut into pieces of a
/// fixed size that threads take in turn; every amplitude is computed by the same arithmetic whichever thread runs
/// it, and reductions add per-piece sums in piece order, so results never depend on the thread count.
/// </para>
/// </summary>
internal static unsafe partial class StateVectorKernels
{
    /// <summary>
    /// States of at least 2^14 amplitudes (256 KiB) use threads; below that the cost of waking threads
    /// (a few microseconds) is larger than the work of one gate.
    /// </summary>
    public const int ParallelThresholdQubits = 14;

    // Loop iterations per piece of work (2^13 amplitude pairs = 256 KiB touched): large enough that handing out a
    // piece costs little, small enough that 2 to 64 threads balance. Fixed whatever the thread count.
    private const int PieceBits = 13;

    /// <summary>The body of a loop over iterations [start, end).</summary>
    internal delegate void RangeBody(long start, long end);

    /// <summary>Runs <paramref name="body"/> over [0, <paramref name="iterations"/>), in pieces on threads when large.</summary>
    internal static void ForRange(long iterations, int stateQubits, RangeBody body)
    {
        if (stateQubits < ParallelThresholdQubits || ThreadSettings.MaxThreads == 1 || iterations <= 1L << PieceBits)
        {
            body(0, iterations);
            return;
        }
        long size = 1L << PieceBits;
        int pieces = (int)((iterations + size - 1) >> PieceBits);
        ThreadSettings.For(pieces, p => body(p * size, Math.Min(iterations, (p + 1) * size)));
    }

    /// <summary>
    /// Σ over [0, <paramref name="iterations"/>) of a per-range sum, cut into fixed pieces summed in piece order,
    /// so the total is bit-identical for any thread count.
    /// </summary>
    internal static double SumRange(long iterations, int stateQubits, Func<long, long, double> body)
    {
        long size = 1L << PieceBits;
        int pieces = (int)Math.Max(1, (iterations + size - 1) >> PieceBits);
        var partial = new double[pieces];
        if (stateQubits < ParallelThresholdQubits || ThreadSettings.MaxThreads == 1)
        {
            for (int p = 0; p < pieces; p++)
            {
                partial[p] = body(p * size, Math.Min(iterations, (p + 1) * size));
            }
        }
        else
        {
            ThreadSettings.For(pieces, p => partial[p] = body(p * size, Math.Min(iterations, (p + 1) * size)));
        }
        double total = 0;
        foreach (double v in partial)
        {
            total += v;
        }
        return total;
    }

    /// <summary>Number of qubits of a state of <paramref name="length"/> amplitudes (a power of two).</summary>
    internal static int QubitsOf(int length)
    {
        if (length <= 0 || !BitOperations.IsPow2(length))
        {
            throw new ArgumentException($"a state vector has a power-of-two length, not {length}", nameof(length));
        }
        return BitOperations.Log2((uint)length);
    }

    /// <summary>
    /// <paramref name="k"/> with a zero bit inserted at every position of <paramref name="sortedQubits"/> (ascending):
    /// enumerates the basis indices whose bits at those positions are all zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long InsertZeroBits(long k, ReadOnlySpan<int> sortedQubits)
    {
        foreach (int q in sortedQubits)
        {
            long low = k & ((1L << q) - 1);
            k = ((k >> q) << (q + 1)) | low;
        }
        return k;
    }

    /// <summary>[v.im, v.re] for each complex in the vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SwapReIm(Vector256<double> v) =>
        Avx.IsSupported ? Avx.Permute(v, 0b0101) : Vector256.Shuffle(v, Vector256.Create(1L, 0, 3, 2));

    /// <summary>The real parts of a complex broadcast, for <c>re·v + imSigned·swap(v)</c> = c·v.</summary>
    private static Vector256<double> RealPart(Complex c) => Vector256.Create(c.Real);

    /// <summary>[−im, im, −im, im]: with <see cref="SwapReIm"/>, the imaginary part of a complex product.</summary>
    private static Vector256<double> ImagSigned(Complex c) => Vector256.Create(-c.Imaginary, c.Imaginary, -c.Imaginary, c.Imaginary);

    /// <summary>Checks that the qubits are distinct and inside a state of <paramref name="stateQubits"/> qubits.</summary>
    internal static void CheckQubits(int stateQubits, ReadOnlySpan<int> qubits, long controlMask)
    {
        long seen = 0;
        foreach (int q in qubits)
        {
            if (q < 0 || q >= stateQubits)
            {
                throw new ArgumentOutOfRangeException(nameof(qubits), q, $"qubit {q} is outside a {stateQubits}-qubit state");
            }
            if ((seen & (1L << q)) != 0)
            {
                throw new ArgumentException($"qubit {q} appears twice in one gate", nameof(qubits));
            }
            seen |= 1L << q;
        }
        if ((controlMask & seen) != 0 || (controlMask >> stateQubits) != 0)
        {
            throw new ArgumentException($"control mask 0x{controlMask:x} overlaps the targets or lies outside a {stateQubits}-qubit state", nameof(controlMask));
        }
    }

    /// <summary>Ascending qubit positions of the targets and the control bits together.</summary>
    internal static int[] SortedPositions(ReadOnlySpan<int> targets, long controlMask)
    {
        // Targets and controls are distinct bits (CheckQubits), so their union's set bits, lowest first, are the sorted list.
        ulong bits = (ulong)controlMask;
        foreach (int q in targets)
        {
            bits |= 1UL << q;
        }
        var sorted = new int[BitOperations.PopCount(bits)];
        for (int j = 0; j < sorted.Length; j++)
        {
            sorted[j] = BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
        }
        return sorted;
    }

    /// <summary>
    /// Whether a state runs on one thread (below <see cref="ParallelThresholdQubits"/>, or one thread allowed): the
    /// kernels then call their range loop directly, without the closure a threaded loop needs, which matters for the
    /// small states of layer circuits (a gate on 16 amplitudes is a few dozen nanoseconds of work). The loop is the
    /// same, so so are the results.
    /// </summary>
    internal static bool RunsInline(int stateQubits) => stateQubits < ParallelThresholdQubits || ThreadSettings.MaxThreads == 1;
}
