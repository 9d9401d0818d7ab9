using System.Numerics;
using Triad.Numerics.Tensors;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Triad.Learning.Autograd;

public static partial class Ops
{
    /// <summary>The same elements under a new logical shape (one extent may be −1); shares storage with x.</summary>
    public static Variable<T> Reshape<T>(Variable<T> x, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(shape);
        Tape<T> tape = Tape<T>.Of(x);
        int[] storage = x.IsComplex ? [.. shape, 2] : (int[])shape.Clone();
        Tensor<T> view;
        try
        {
            view = x.Value.Reshape(storage);
        }
        catch (ShapeMismatchException)
        {
            throw new ShapeMismatchException($"reshape: cannot view {x.ShapeString} ({x.Length} elements) as {Tensor<T>.ShapeToString(shape)}");
        }
        var y = new Variable<T>(view, x.IsComplex, tape.AnyRequiresGrad(x), tape, tape.Generation);
        tape.Record(new ReshapeFunction<T>(), y, x);
        return y;
    }

    private sealed class ReshapeFunction<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "reshape";

        public override long BytesMoved => 0;

        protected internal override void Backward(Tensor<T> outputGradient) => AccumulateGradient(0, outputGradient.Span);
    }

    /// <summary>Swaps two axes (a copy): y = x with axes <paramref name="axis0"/> and <paramref name="axis1"/> exchanged.</summary>
    public static Variable<T> Transpose<T>(Variable<T> x, int axis0 = -2, int axis1 = -1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rank = x.Rank;
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            perm[i] = i;
        }
        int a0 = OpSupport.Axis(axis0, rank, "transpose"), a1 = OpSupport.Axis(axis1, rank, "transpose");
        (perm[a0], perm[a1]) = (perm[a1], perm[a0]);
        return Permute(x, perm);
    }

    /// <summary>Reorders the axes (a copy): y has shape [x.Dim(perm[0]), …] and y[i_0, …] = x[… i_k at axis perm[k] …].</summary>
    public static Variable<T> Permute<T>(Variable<T> x, params int[] permutation) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(permutation);
        Tape<T> tape = Tape<T>.Of(x);
        int rank = x.Rank;
        if (permutation.Length != rank)
        {
            throw new ShapeMismatchException($"permute: {permutation.Length} axes given for a value of rank {rank}");
        }
        bool[] seen = new bool[rank];
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int a = OpSupport.Axis(permutation[i], rank, "permute");
            if (seen[a])
            {
                throw new ArgumentException($"permute: axis {a} appears twice in [{string.Join(", ", permutation)}]", nameof(permutation));
            }
            seen[a] = true;
            perm[i] = a;
        }
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            shape[i] = x.Dim(perm[i]);
        }
        Variable<T> y = tape.NewValue(shape, x.IsComplex, tape.AnyRequiresGrad(x));
        PermuteCopy(x.Span, x.Shape, perm, x.IsComplex ? 2 : 1, y.Span, accumulate: false, inverse: false);
        tape.Record(new PermuteFunction<T>(perm), y, x);
        return y;
    }

    private sealed class PermuteFunction<T>(int[] perm) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "permute";

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            if (GradientFor(0, out bool fresh) is { } g)
            {
                Variable<T> x = Inputs[0];
                PermuteCopy<T>(outputGradient.Span, x.Shape, perm, x.IsComplex ? 2 : 1, g.Span, accumulate: !fresh, inverse: true);
            }
        }
    }

    /// <summary>
    /// Copies between x (shape <paramref name="xShape"/>) and its permutation y: forward y[j] = x[map(j)]; inverse
    /// x[map(j)] (+)= y[j]. <paramref name="width"/> is 2 for interleaved complex values.
    /// </summary>
    private static void PermuteCopy<T>(ReadOnlySpan<T> source, ReadOnlySpan<int> xShape, int[] perm, int width, Span<T> destination, bool accumulate, bool inverse)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rank = xShape.Length;
        int[] xStrides = new int[rank];
        int stride = width;
        for (int a = rank - 1; a >= 0; a--)
        {
            xStrides[a] = stride;
            stride *= xShape[a];
        }
        int total = stride / width;
        int[] yShape = new int[rank], yToX = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            yShape[i] = xShape[perm[i]];
            yToX[i] = xStrides[perm[i]];
        }
        int[] index = new int[rank];
        int xOffset = 0;
        for (int j = 0; j < total; j++)
        {
            for (int w = 0; w < width; w++)
            {
                if (!inverse)
                {
                    destination[(j * width) + w] = source[xOffset + w];
                }
                else if (accumulate)
                {
                    destination[xOffset + w] += source[(j * width) + w];
                }
                else
                {
                    destination[xOffset + w] = source[(j * width) + w];
                }
            }
            for (int a = rank - 1; a >= 0; a--)
            {
                index[a]++;
                xOffset += yToX[a];
                if (index[a] < yShape[a])
                {
                    break;
                }
                xOffset -= yToX[a] * yShape[a];
                index[a] = 0;
            }
        }
    }

    /// <summary>Joins values along an axis; all other extents must agree, and all must be real or all complex.</summary>
    public static Variable<T> Concat<T>(IReadOnlyList<Variable<T>> values, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("concat: no values given", nameof(values));
        }
        Variable<T>[] inputs = [.. values];
        Tape<T> tape = Tape<T>.Of(inputs);
        Variable<T> first = inputs[0];
        int a = OpSupport.Axis(axis, first.Rank, "concat");
        int total = 0;
        foreach (Variable<T> v in inputs)
        {
            if (v.Rank != first.Rank || v.IsComplex != first.IsComplex)
            {
                throw new ShapeMismatchException($"concat: {v.ShapeString} does not fit {first.ShapeString}");
            }
            for (int d = 0; d < first.Rank; d++)
            {
                if (d != a && v.Dim(d) != first.Dim(d))
                {
                    throw new ShapeMismatchException($"concat along axis {a}: {v.ShapeString} does not fit {first.ShapeString} (axis {d} differs)");
                }
            }
            total += v.Dim(a);
        }
        int[] shape = first.ShapeArray;
        shape[a] = total;
        int width = first.IsComplex ? 2 : 1;
        int outer = OpSupport.Product(shape.AsSpan(0, a));
        int inner = OpSupport.Product(shape.AsSpan(a + 1)) * width;
        Variable<T> y = tape.NewValue(shape, first.IsComplex, tape.AnyRequiresGrad(inputs));
        Span<T> ys = y.Span;
        int offset = 0;
        foreach (Variable<T> v in inputs)
        {
            int block = v.Dim(a) * inner;
            ReadOnlySpan<T> vs = v.Span;
            for (int o = 0; o < outer; o++)
            {
                vs.Slice(o * block, block).CopyTo(ys.Slice((o * total * inner) + offset, block));
            }
            offset += block;
        }
        tape.Record(new ConcatFunction<T>(a, outer, inner, total), y, inputs);
        return y;
    }

    private sealed class ConcatFunction<T>(int axis, int outer, int inner, int total) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "concat";

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            ReadOnlySpan<T> g = outputGradient.Span;
            int offset = 0;
            for (int i = 0; i < Inputs.Count; i++)
            {
                int block = Inputs[i].Dim(axis) * inner;
                if (GradientFor(i, out bool fresh) is { } gi)
                {
                    Span<T> d = gi.Span;
                    for (int o = 0; o < outer; o++)
                    {
                        ReadOnlySpan<T> src = g.Slice((o * total * inner) + offset, block);
                        Span<T> dst = d.Slice(o * block, block);
                        if (fresh)
                        {
                            src.CopyTo(dst);
                        }
                        else
                        {
                            TP.Add(dst, src, dst);
                        }
                    }
                }
                offset += block;
            }
        }
    }

    /// <summary>Elements [start, start + length) along an axis (a copy).</summary>
    public static Variable<T> Slice<T>(Variable<T> x, int axis, int start, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = Tape<T>.Of(x);
        int a = OpSupport.Axis(axis, x.Rank, "slice");
        int extent = x.Dim(a);
        if (start < 0 || length < 0 || start > extent - length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"slice: [{start}, {start + length}) is outside axis {a} of {x.ShapeString}");
        }
        int[] shape = x.ShapeArray;
        shape[a] = length;
        int width = x.IsComplex ? 2 : 1;
        int outer = OpSupport.Product(shape.AsSpan(0, a));
        int inner = OpSupport.Product(shape.AsSpan(a + 1)) * width;
        Variable<T> y = tape.NewValue(shape, x.IsComplex, tape.AnyRequiresGrad(x));
        ReadOnlySpan<T> xs = x.Span;
        Span<T> ys = y.Span;
        for (int o = 0; o < outer; o++)
        {
            xs.Slice((((o * extent) + start) * inner), length * inner).CopyTo(ys.Slice(o * length * inner, length * inner));
        }
        tape.Record(new SliceFunction<T>(outer, inner, extent, start, length), y, x);
        return y;
    }

    private sealed class SliceFunction<T>(int outer, int inner, int extent, int start, int length) : Function<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "slice";

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            if (GradientFor(0, out bool fresh) is not { } g)
            {
                return;
            }
            Span<T> d = g.Span;
            if (fresh)
            {
                d.Clear();
            }
            ReadOnlySpan<T> gy = outputGradient.Span;
            for (int o = 0; o < outer; o++)
            {
                Span<T> dst = d.Slice(((o * extent) + start) * inner, length * inner);
                TP.Add(dst, gy.Slice(o * length * inner, length * inner), dst);
            }
        }
    }

    /// <summary>Cuts x along an axis into consecutive pieces of the given sizes (which must add up to the extent).</summary>
    public static Variable<T>[] Split<T>(Variable<T> x, int axis, params int[] sizes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(sizes);
        int a = OpSupport.Axis(axis, x.Rank, "split");
        if (sizes.Sum() != x.Dim(a) || sizes.Any(s => s < 0))
        {
            throw new ShapeMismatchException($"split: sizes [{string.Join(", ", sizes)}] do not add up to axis {a} of {x.ShapeString}");
        }
        var pieces = new Variable<T>[sizes.Length];
        int start = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            pieces[i] = Slice(x, a, start, sizes[i]);
            start += sizes[i];
        }
        return pieces;
    }

    /// <summary>
    /// Gathers along an axis: y has x's shape with that axis replaced by indices.Length, and
    /// y[…, j, …] = x[…, indices[j], …]. Backward adds each ∂y slice back onto the row it came from (in index order).
    /// </summary>
    public static Variable<T> IndexSelect<T>(Variable<T> x, int axis, ReadOnlySpan<int> indices) where T : unmanaged, IFloatingPointIeee754<T> =>
        IndexSelect(Tape<T>.Of(x), x, axis, indices);

    /// <summary>As <see cref="IndexSelect{T}(Variable{T}, int, ReadOnlySpan{int})"/>, for an x (a parameter, say) that belongs to no tape.</summary>
    public static Variable<T> IndexSelect<T>(Tape<T> tape, Variable<T> x, int axis, ReadOnlySpan<int> indices) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(x);
        int a = OpSupport.Axis(axis, x.Rank, "index-select");
        int extent = x.Dim(a);
        int[] kept = tape.AllocateIndices(indices.Length);
        for (int j = 0; j < indices.Length; j++)
        {
            if ((uint)indices[j] >= (uint)extent)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), indices[j], $"index-select: index {indices[j]} at position {j} is outside 0..{extent - 1} of axis {a}");
            }
            kept[j] = indices[j];
        }
        int[] shape = x.ShapeArray;
        shape[a] = indices.Length;
        int width = x.IsComplex ? 2 : 1;
        int outer = OpSupport.Product(shape.AsSpan(0, a));
        int inner = OpSupport.Product(shape.AsSpan(a + 1)) * width;
        Variable<T> y = tape.NewValue(shape, x.IsComplex, tape.AnyRequiresGrad(x));
        ReadOnlySpan<T> xs = x.Span;
        Span<T> ys = y.Span;
        int count = indices.Length;
        for (int o = 0; o < outer; o++)
        {
            for (int j = 0; j < count; j++)
            {
                xs.Slice(((o * extent) + kept[j]) * inner, inner).CopyTo(ys.Slice(((o * count) + j) * inner, inner));
            }
        }
        tape.Record(new IndexSelectFunction<T>(kept, count, outer, inner, extent), y, x);
        return y;
    }

    private sealed class IndexSelectFunction<T>(int[] indices, int count, int outer, int inner, int extent) : Function<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "gather";

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            if (GradientFor(0, out bool fresh) is not { } g)
            {
                return;
            }
            Span<T> d = g.Span;
            if (fresh)
            {
                d.Clear();
            }
            ReadOnlySpan<T> gy = outputGradient.Span;
            for (int o = 0; o < outer; o++)
            {
                for (int j = 0; j < count; j++)
                {
                    Span<T> dst = d.Slice(((o * extent) + indices[j]) * inner, inner);
                    TP.Add(dst, gy.Slice(((o * count) + j) * inner, inner), dst);
                }
            }
        }
    }

    /// <summary>
    /// Embedding lookup: rows of <paramref name="table"/> [V, D] for integer ids of shape <paramref name="idShape"/>;
    /// y has shape [..idShape, D]. The gradient of a row is the sum of the ∂y rows that looked it up.
    /// </summary>
    public static Variable<T> Embedding<T>(Tape<T> tape, Variable<T> table, ReadOnlySpan<int> ids, params int[] idShape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(idShape);
        if (table.Rank != 2)
        {
            throw new ShapeMismatchException($"embedding: the table must be [vocabulary, dimension], got {table.ShapeString}");
        }
        if (OpSupport.Product(idShape) != ids.Length)
        {
            throw new ShapeMismatchException($"embedding: {ids.Length} ids cannot have shape {Tensor<T>.ShapeToString(idShape)}");
        }
        Variable<T> rows = IndexSelect(tape, table, 0, ids);
        return Reshape(rows, [.. idShape, table.Dim(1)]);
    }
}
