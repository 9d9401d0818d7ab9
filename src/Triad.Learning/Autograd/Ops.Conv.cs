using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Triad.Numerics.Kernels;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Tensors;
using Triad.Numerics.Threading;

namespace Triad.Learning.Autograd;

public static partial class Ops
{
    /// <summary>
    /// 2-D convolution (cross-correlation, as in PyTorch): x [B, C, H, W], weight [F, C, K, K], bias [F],
    /// y[b, f, i, j] = bias_f + Σ_{c,u,v} W[f, c, u, v] · x[b, c, i·S − P + u, j·S − P + v] (zero outside the image).
    /// Computed as one matrix product over the whole batch after <see cref="Im2Col"/> lowering:
    /// Y_cols = X_cols · Wᵀ; backward ∂W = ∂Y_colsᵀ · X_cols, ∂X_cols = ∂Y_cols · W, then col2im. The lowered input
    /// is kept on the tape for the weight gradient; the input gradient is computed only when the input needs one.
    /// </summary>
    public static Variable<T> Conv2d<T>(Variable<T> x, Variable<T> weight, Variable<T> bias, int stride = 1, int padding = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = Tape<T>.Of(x);
        if (x.IsComplex || x.Rank != 4 || weight.Rank != 4 || weight.Dim(1) != x.Dim(1) || weight.Dim(2) != weight.Dim(3))
        {
            throw new ShapeMismatchException($"conv2d: input {x.ShapeString} and weight {weight.ShapeString} do not fit ([B, C, H, W] and [F, C, K, K])");
        }
        int batch = x.Dim(0), c = x.Dim(1), h = x.Dim(2), w = x.Dim(3);
        int filters = weight.Dim(0), kernel = weight.Dim(2);
        if (bias.Rank != 1 || bias.Dim(0) != filters)
        {
            throw new ShapeMismatchException($"conv2d: bias {bias.ShapeString} must be [{filters}]");
        }
        int oh = Im2Col.OutputSize(h, kernel, stride, padding), ow = Im2Col.OutputSize(w, kernel, stride, padding);
        var g = new ConvGeometry(batch, c, h, w, filters, kernel, stride, padding, oh, ow);
        bool requires = tape.AnyRequiresGrad(x, weight) || tape.AnyRequiresGrad(bias);
        Variable<T> y = tape.NewValue([batch, filters, oh, ow], false, requires);

        Tensor<T> cols = tape.Allocate(g.Rows, g.Patch);
        T[] xs = x.Value.Data, cs = cols.Data;
        ThreadSettings.For(batch, b => Im2Col.Lower(
            (ReadOnlySpan<T>)xs.AsSpan(b * g.ImageLength, g.ImageLength), c, h, w, kernel, stride, padding,
            cs.AsSpan(b * g.Positions * g.Patch, g.Positions * g.Patch)));
        Tensor<T> outCols = tape.Allocate(g.Rows, filters);
        T[] oc = outCols.Data;
        Gemm.Multiply(false, true, g.Rows, filters, g.Patch, T.One, cs, g.Patch, weight.Value.Data, g.Patch, T.Zero, oc, filters);
        T[] ys = y.Value.Data, bs = bias.Value.Data;
        int positions = g.Positions;
        // [positions, filters] rows of each image → [filters, positions] planes, adding the bias on the way.
        ThreadSettings.For(batch, b => Transpose(oc, b * positions * filters, positions, filters, ys, b * positions * filters, bs));
        tape.Record(new Conv2dFunction<T>(g, cols), y, x, weight, bias);
        return y;
    }

    /// <summary>
    /// destination[c, r] = source[r, c] (+ bias[c]) for a [rows, cols] block at <paramref name="sourceOffset"/>, written as
    /// [cols, rows] at <paramref name="destinationOffset"/>. float32 goes through 8×8 AVX register transposes; the edges
    /// and other types through tiles of 16 rows, so that both sides stay in cache.
    /// </summary>
    private static void Transpose<T>(T[] source, int sourceOffset, int rows, int cols, T[] destination, int destinationOffset, T[]? bias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows8 = 0, cols8 = 0;
        if (typeof(T) == typeof(float) && Avx.IsSupported)
        {
            rows8 = rows & ~7;
            cols8 = cols & ~7;
            TransposeFloat8x8(
                Unsafe.As<float[]>(source), sourceOffset, rows, cols, rows8, cols8,
                Unsafe.As<float[]>(destination), destinationOffset, Unsafe.As<float[]?>(bias));
        }
        // What the 8×8 blocks left: the last rows % 8 rows of every column, and the last cols % 8 columns.
        TransposeScalar(source, sourceOffset, rows, cols, destination, destinationOffset, bias, rows8, rows, 0, cols);
        TransposeScalar(source, sourceOffset, rows, cols, destination, destinationOffset, bias, 0, rows8, cols8, cols);
    }

    private static void TransposeScalar<T>(T[] source, int sourceOffset, int rows, int cols, T[] destination, int destinationOffset, T[]? bias,
        int rowStart, int rowEnd, int colStart, int colEnd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int Tile = 16;
        ref T s = ref MemoryMarshal.GetArrayDataReference(source);
        ref T d = ref MemoryMarshal.GetArrayDataReference(destination);
        for (int r0 = rowStart; r0 < rowEnd; r0 += Tile)
        {
            int r1 = Math.Min(rowEnd, r0 + Tile);
            for (int c = colStart; c < colEnd; c++)
            {
                T add = bias is null ? T.Zero : bias[c];
                ref T dst = ref Unsafe.Add(ref d, destinationOffset + (c * rows));
                for (int r = r0; r < r1; r++)
                {
                    Unsafe.Add(ref dst, r) = Unsafe.Add(ref s, sourceOffset + (r * cols) + c) + add;
                }
            }
        }
    }

    // The classic 8×8 float transpose in AVX: unpack pairs, shuffle quads, swap 128-bit halves (Intel's optimisation
    // manual, §11 "transposing 8×8 single-precision"); 24 shuffles move 64 values.
    private static void TransposeFloat8x8(float[] source, int sourceOffset, int rows, int cols, int rows8, int cols8,
        float[] destination, int destinationOffset, float[]? bias)
    {
        ref float s = ref MemoryMarshal.GetArrayDataReference(source);
        ref float d = ref MemoryMarshal.GetArrayDataReference(destination);
        for (int r = 0; r < rows8; r += 8)
        {
            for (int c = 0; c < cols8; c += 8)
            {
                ref float b = ref Unsafe.Add(ref s, sourceOffset + (r * cols) + c);
                Vector256<float> r0 = Vector256.LoadUnsafe(ref b);
                Vector256<float> r1 = Vector256.LoadUnsafe(ref b, (nuint)cols);
                Vector256<float> r2 = Vector256.LoadUnsafe(ref b, (nuint)(2 * cols));
                Vector256<float> r3 = Vector256.LoadUnsafe(ref b, (nuint)(3 * cols));
                Vector256<float> r4 = Vector256.LoadUnsafe(ref b, (nuint)(4 * cols));
                Vector256<float> r5 = Vector256.LoadUnsafe(ref b, (nuint)(5 * cols));
                Vector256<float> r6 = Vector256.LoadUnsafe(ref b, (nuint)(6 * cols));
                Vector256<float> r7 = Vector256.LoadUnsafe(ref b, (nuint)(7 * cols));
                Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
                Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
                Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
                Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
                Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
                Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
                Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
                Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
                ref float o = ref Unsafe.Add(ref d, destinationOffset + (c * rows) + r);
                Store(Avx.Permute2x128(u0, u4, 0x20), ref o, 0, rows, bias, c);
                Store(Avx.Permute2x128(u1, u5, 0x20), ref o, 1, rows, bias, c);
                Store(Avx.Permute2x128(u2, u6, 0x20), ref o, 2, rows, bias, c);
                Store(Avx.Permute2x128(u3, u7, 0x20), ref o, 3, rows, bias, c);
                Store(Avx.Permute2x128(u0, u4, 0x31), ref o, 4, rows, bias, c);
                Store(Avx.Permute2x128(u1, u5, 0x31), ref o, 5, rows, bias, c);
                Store(Avx.Permute2x128(u2, u6, 0x31), ref o, 6, rows, bias, c);
                Store(Avx.Permute2x128(u3, u7, 0x31), ref o, 7, rows, bias, c);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> v, ref float block, int column, int rows, float[]? bias, int c)
    {
        if (bias is not null)
        {
            v += Vector256.Create(bias[c + column]);
        }
        v.StoreUnsafe(ref block, (nuint)(column * rows));
    }

    internal readonly record struct ConvGeometry(int Batch, int Channels, int Height, int Width, int Filters, int Kernel, int Stride, int Padding, int OutHeight, int OutWidth)
    {
        public int Positions => OutHeight * OutWidth;

        public int Patch => Channels * Kernel * Kernel;

        public int Rows => Batch * Positions;

        public int ImageLength => Channels * Height * Width;
    }

    private sealed class Conv2dFunction<T>(ConvGeometry g, Tensor<T> cols) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "conv2d";

        public override long Flops => (2L * g.Rows * g.Filters * g.Patch) + ((long)g.Rows * g.Filters);

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            int filters = g.Filters, positions = g.Positions, patch = g.Patch;
            T[] dy = outputGradient.Data;
            Tensor<T> dyColsTensor = Tape.Allocate(g.Rows, filters);
            T[] dyCols = dyColsTensor.Data;
            // [filters, positions] planes of each image → [positions, filters] rows, for the products below.
            ThreadSettings.For(g.Batch, b => Transpose(dy, b * positions * filters, filters, positions, dyCols, b * positions * filters, null));
            if (GradientFor(1, out bool freshW) is { } gw)
            {
                Gemm.Multiply(true, false, filters, patch, g.Rows, T.One, dyCols, filters, cols.Data, patch, freshW ? T.Zero : T.One, gw.Data, patch);
            }
            if (GradientFor(2, out bool freshB) is { } gb)
            {
                // ∂bias_f = Σ_b Σ_p ∂y[b, f, p]: contiguous plane sums, in batch order.
                Span<T> db = gb.Span;
                if (freshB)
                {
                    db.Clear();
                }
                for (int b = 0; b < g.Batch; b++)
                {
                    for (int f = 0; f < filters; f++)
                    {
                        db[f] += System.Numerics.Tensors.TensorPrimitives.Sum<T>(dy.AsSpan(((b * filters) + f) * positions, positions));
                    }
                }
            }
            if (GradientFor(0, out bool freshX) is not { } gx)
            {
                return;
            }
            Tensor<T> dColsTensor = Tape.Allocate(g.Rows, patch);
            T[] dCols = dColsTensor.Data;
            Gemm.Multiply(false, false, g.Rows, patch, filters, T.One, dyCols, filters, Inputs[1].Value.Data, patch, T.Zero, dCols, patch);
            T[] dx = gx.Data;
            if (freshX)
            {
                gx.Clear();
            }
            ThreadSettings.For(g.Batch, b => Im2Col.Raise(
                (ReadOnlySpan<T>)dCols.AsSpan(b * positions * patch, positions * patch), g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding,
                dx.AsSpan(b * g.ImageLength, g.ImageLength)));
        }
    }

    /// <summary>
    /// Max pooling over K×K windows with stride S (no padding) on [B, C, H, W]:
    /// y[b, c, i, j] = max over 0 ≤ u, v &lt; K of x[b, c, i·S + u, j·S + v]. Backward routes each ∂y to the input
    /// element that was the maximum (the first one on ties).
    /// </summary>
    public static Variable<T> MaxPool2d<T>(Variable<T> x, int size, int stride) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = Tape<T>.Of(x);
        if (x.IsComplex || x.Rank != 4)
        {
            throw new ShapeMismatchException($"maxpool2d: needs a real [B, C, H, W] value, got {x.ShapeString}");
        }
        int batch = x.Dim(0), channels = x.Dim(1), h = x.Dim(2), w = x.Dim(3);
        int oh = Im2Col.OutputSize(h, size, stride, 0), ow = Im2Col.OutputSize(w, size, stride, 0);
        Variable<T> y = tape.NewValue([batch, channels, oh, ow], false, tape.AnyRequiresGrad(x));
        int[] argMax = tape.AllocateIndices(y.Length);
        T[] xs = x.Value.Data, ys = y.Value.Data;
        ThreadSettings.For(batch, b =>
        {
            for (int plane = b * channels; plane < (b + 1) * channels; plane++)
            {
                MaxPoolKernel<T>.Plane(xs, plane * h * w, h, w, ys, argMax, plane * oh * ow, oh, ow, size, stride);
            }
        });
        tape.Record(new MaxPoolFunction<T>(argMax, batch, size), y, x);
        return y;
    }

    private static class MaxPoolKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Pools one [h, w] plane starting at <paramref name="input"/> into [oh, ow] at <paramref name="output"/>, keeping each maximum's index.</summary>
        public static void Plane(T[] x, int input, int h, int w, T[] y, int[] argMax, int output, int oh, int ow, int size, int stride)
        {
            ref T xr = ref MemoryMarshal.GetArrayDataReference(x);
            ref T yr = ref MemoryMarshal.GetArrayDataReference(y);
            ref int ar = ref MemoryMarshal.GetArrayDataReference(argMax);
            if (size == 2 && stride == 2)
            {
                // The common 2×2 window, unrolled: first maximum wins on ties, in the order (0,0), (0,1), (1,0), (1,1).
                for (int i = 0; i < oh; i++)
                {
                    int row0 = input + (2 * i * w), row1 = row0 + w, o = output + (i * ow);
                    for (int j = 0; j < ow; j++)
                    {
                        // Branch-free: with random data each comparison is a coin toss, and a mispredicted branch costs
                        // more than the arithmetic. Comparisons become 0/1 integers that pick the index; MaxNative picks the
                        // value. Ties keep the earlier element, as the general loop does.
                        int p = row0 + (2 * j), q = row1 + (2 * j);
                        T a = Unsafe.Add(ref xr, p), b = Unsafe.Add(ref xr, p + 1);
                        T c = Unsafe.Add(ref xr, q), d = Unsafe.Add(ref xr, q + 1);
                        int i0 = p + (b > a ? 1 : 0), i1 = q + (d > c ? 1 : 0);
                        T m0 = T.MaxNative(a, b), m1 = T.MaxNative(c, d);
                        int lower = m1 > m0 ? 1 : 0;
                        Unsafe.Add(ref yr, o + j) = T.MaxNative(m0, m1);
                        Unsafe.Add(ref ar, o + j) = i0 + ((i1 - i0) * lower);
                    }
                }
                return;
            }
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++)
                {
                    int best = input + (i * stride * w) + (j * stride);
                    T m = Unsafe.Add(ref xr, best);
                    for (int u = 0; u < size; u++)
                    {
                        int rowStart = input + (((i * stride) + u) * w) + (j * stride);
                        for (int v = 0; v < size; v++)
                        {
                            T value = Unsafe.Add(ref xr, rowStart + v);
                            if (value > m)
                            {
                                m = value;
                                best = rowStart + v;
                            }
                        }
                    }
                    Unsafe.Add(ref yr, output + (i * ow) + j) = m;
                    Unsafe.Add(ref ar, output + (i * ow) + j) = best;
                }
            }
        }
    }

    private sealed class MaxPoolFunction<T>(int[] argMax, int batch, int size) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "maxpool2d";

        public override long Flops => (long)Output.Length * size * size;

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            if (GradientFor(0, out bool fresh) is not { } g)
            {
                return;
            }
            if (fresh)
            {
                g.Clear();
            }
            T[] dx = g.Data, dy = outputGradient.Data;
            int perSample = batch == 0 ? 0 : dy.Length / batch;
            // Windows of one sample may overlap (stride < size), so each sample is one piece of work.
            ThreadSettings.For(batch, b =>
            {
                for (int k = b * perSample, end = k + perSample; k < end; k++)
                {
                    dx[argMax[k]] += dy[k];
                }
            });
        }
    }
}
