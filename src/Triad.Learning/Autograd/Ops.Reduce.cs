using System.Numerics;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Autograd;

public static partial class Ops
{
    /// <summary>
    /// Sum over the given axes (all axes when none are given): y[kept indices] = Σ over the summed axes of x.
    /// With <paramref name="keepDims"/> the summed axes stay with extent 1. Works on real and complex values.
    /// Elements are added in row-major order, so the result does not depend on threads.
    /// </summary>
    public static Variable<T> Sum<T>(Variable<T> x, int[]? axes = null, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> =>
        Reduce(x, axes, keepDims, mean: false);

    /// <summary>Mean over the given axes (all axes when none are given); see <see cref="Sum{T}"/>.</summary>
    public static Variable<T> Mean<T>(Variable<T> x, int[]? axes = null, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> =>
        Reduce(x, axes, keepDims, mean: true);

    private static Variable<T> Reduce<T>(Variable<T> x, int[]? axes, bool keepDims, bool mean) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = Tape<T>.Of(x);
        string op = mean ? "mean" : "sum";
        int rank = x.Rank;
        bool[] reduced = new bool[rank];
        if (axes is null || axes.Length == 0)
        {
            Array.Fill(reduced, true);
        }
        else
        {
            foreach (int axis in axes)
            {
                int a = OpSupport.Axis(axis, rank, op);
                if (reduced[a])
                {
                    throw new ArgumentException($"{op}: axis {a} given twice", nameof(axes));
                }
                reduced[a] = true;
            }
        }
        var shape = new List<int>(rank);
        int count = 1;
        for (int a = 0; a < rank; a++)
        {
            if (reduced[a])
            {
                count *= x.Dim(a);
                if (keepDims)
                {
                    shape.Add(1);
                }
            }
            else
            {
                shape.Add(x.Dim(a));
            }
        }
        Variable<T> y = tape.NewValue(shape.ToArray(), x.IsComplex, tape.AnyRequiresGrad(x));
        int width = x.IsComplex ? 2 : 1;
        int[] map = ReduceMap(x.Shape, reduced, tape);
        Span<T> ys = y.Span;
        ys.Clear();
        ReadOnlySpan<T> xs = x.Span;
        for (int i = 0; i < map.Length; i++)
        {
            for (int w = 0; w < width; w++)
            {
                ys[(map[i] * width) + w] += xs[(i * width) + w];
            }
        }
        T scale = mean ? T.One / T.CreateTruncating(Math.Max(1, count)) : T.One;
        if (mean)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(ys, scale, ys);
        }
        tape.Record(new ReduceFunction<T>(map, width, scale, mean), y, x);
        return y;
    }

    /// <summary>For each element of x (row-major), the index of the output element it adds to.</summary>
    private static int[] ReduceMap<T>(ReadOnlySpan<int> shape, bool[] reduced, Tape<T> tape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rank = shape.Length;
        int[] outStride = new int[rank];
        int stride = 1;
        for (int a = rank - 1; a >= 0; a--)
        {
            outStride[a] = reduced[a] ? 0 : stride;
            if (!reduced[a])
            {
                stride *= shape[a];
            }
        }
        int total = OpSupport.Product(shape);
        int[] map = tape.AllocateIndices(total);
        int[] index = new int[rank];
        int offset = 0;
        for (int i = 0; i < total; i++)
        {
            map[i] = offset;
            for (int a = rank - 1; a >= 0; a--)
            {
                index[a]++;
                offset += outStride[a];
                if (index[a] < shape[a])
                {
                    break;
                }
                offset -= outStride[a] * shape[a];
                index[a] = 0;
            }
        }
        return map;
    }

    private sealed class ReduceFunction<T>(int[] map, int width, T scale, bool mean) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => mean ? "mean" : "sum";

        public override long Flops => Inputs[0].Value.Length;

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            if (GradientFor(0, out bool fresh) is not { } g)
            {
                return;
            }
            Span<T> d = g.Span;
            ReadOnlySpan<T> gy = outputGradient.Span;
            for (int i = 0; i < map.Length; i++)
            {
                for (int w = 0; w < width; w++)
                {
                    T v = gy[(map[i] * width) + w] * scale;
                    d[(i * width) + w] = fresh ? v : d[(i * width) + w] + v;
                }
            }
        }
    }
}
