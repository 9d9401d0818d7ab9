using System.Numerics;
using Triad.Numerics.Tensors;
using Triad.Numerics.Threading;

namespace Triad.Learning.Autograd;

/// <summary>Shared loop drivers and shape checks of the operations.</summary>
internal static class OpSupport
{
    // 16 Ki elements per piece: large enough that starting a piece costs little beside its work, small enough
    // that a batch of conv activations spreads over the threads. A tuning choice, not a result.
    private const int Chunk = 1 << 14;

    /// <summary>Runs <paramref name="body"/>(start, length) over [0, length) in fixed chunks, in parallel when large.</summary>
    public static void ForChunks(int length, Action<int, int> body)
    {
        if (length <= Chunk)
        {
            if (length > 0)
            {
                body(0, length);
            }
            return;
        }
        int pieces = (length + Chunk - 1) / Chunk;
        ThreadSettings.For(pieces, p =>
        {
            int start = p * Chunk;
            body(start, Math.Min(Chunk, length - start));
        });
    }

    /// <summary>Product of the extents.</summary>
    public static int Product(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            n *= d;
        }
        return checked((int)n);
    }

    /// <summary>Axis index with negative values counted from the end; throws naming the operation.</summary>
    public static int Axis(int axis, int rank, string op)
    {
        int a = axis < 0 ? axis + rank : axis;
        if ((uint)a >= (uint)rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"{op}: a value of rank {rank} has no axis {axis}");
        }
        return a;
    }

    /// <summary>
    /// How many times <paramref name="b"/> repeats over <paramref name="a"/>: 1 when the shapes are equal, a.Length/b.Length
    /// when b's shape is a trailing part of a's (b is broadcast over a's leading axes).
    /// </summary>
    public static int SuffixRepeats<T>(Variable<T> a, Variable<T> b, string op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<int> sa = a.Shape, sb = b.Shape;
        if (sb.Length <= sa.Length && sa[(sa.Length - sb.Length)..].SequenceEqual(sb))
        {
            return b.Length == 0 ? 0 : a.Length / b.Length;
        }
        throw new ShapeMismatchException(
            $"{op}: shapes {a.ShapeString} and {b.ShapeString} do not match (the second may only be a trailing part of the first)");
    }
}
