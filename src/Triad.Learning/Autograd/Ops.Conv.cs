using System.Numerics;
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
        ThreadSettings.For(batch, b =>
        {
            // [positions, filters] rows of this image → [filters, positions] planes, adding the bias on the way.
            for (int f = 0; f < filters; f++)
            {
                T bf = bs[f];
                Span<T> plane = ys.AsSpan(((b * filters) + f) * positions, positions);
                int src = (b * positions * filters) + f;
                for (int p = 0; p < positions; p++)
                {
                    plane[p] = oc[src + (p * filters)] + bf;
                }
            }
        });
        tape.Record(new Conv2dFunction<T>(g, cols), y, x, weight, bias);
        return y;
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
            ThreadSettings.For(g.Batch, b =>
            {
                for (int f = 0; f < filters; f++)
                {
                    ReadOnlySpan<T> plane = dy.AsSpan(((b * filters) + f) * positions, positions);
                    int dst = (b * positions * filters) + f;
                    for (int p = 0; p < positions; p++)
                    {
                        dyCols[dst + (p * filters)] = plane[p];
                    }
                }
            });
            if (GradientFor(1, out bool freshW) is { } gw)
            {
                Gemm.Multiply(true, false, filters, patch, g.Rows, T.One, dyCols, filters, cols.Data, patch, freshW ? T.Zero : T.One, gw.Data, patch);
            }
            if (GradientFor(2, out bool freshB) is { } gb)
            {
                if (freshB)
                {
                    gb.Clear();
                }
                RowKernels.AddColumnSums((ReadOnlySpan<T>)dyCols, gb.Span);
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
            for (int c = 0; c < channels; c++)
            {
                int plane = ((b * channels) + c) * h * w;
                int outPlane = ((b * channels) + c) * oh * ow;
                for (int i = 0; i < oh; i++)
                {
                    for (int j = 0; j < ow; j++)
                    {
                        int best = plane + (i * stride * w) + (j * stride);
                        T max = xs[best];
                        for (int u = 0; u < size; u++)
                        {
                            int rowStart = plane + (((i * stride) + u) * w) + (j * stride);
                            for (int v = 0; v < size; v++)
                            {
                                if (xs[rowStart + v] > max)
                                {
                                    max = xs[rowStart + v];
                                    best = rowStart + v;
                                }
                            }
                        }
                        ys[outPlane + (i * ow) + j] = max;
                        argMax[outPlane + (i * ow) + j] = best;
                    }
                }
            }
        });
        tape.Record(new MaxPoolFunction<T>(argMax, batch, size), y, x);
        return y;
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
