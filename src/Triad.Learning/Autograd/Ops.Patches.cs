using System.Numerics;
using Triad.Numerics.Kernels;
using Triad.Numerics.Tensors;
using Triad.Numerics.Threading;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Triad.Learning.Autograd;

public static partial class Ops
{
    /// <summary>
    /// Cuts images [B, C, H, W] into non-overlapping P×P patches, one token each, in row-major order of the patch
    /// grid: y[b, n, (c·P + u)·P + v] = x[b, c, (n / (W/P))·P + u, (n mod (W/P))·P + v]. y is [B, (H/P)·(W/P), C·P·P]
    /// (the im2col lowering with stride P). Backward puts each gradient back where its pixel came from.
    /// </summary>
    public static Variable<T> Patches<T>(Variable<T> x, int patch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = Tape<T>.Of(x);
        if (x.IsComplex || x.Rank != 4)
        {
            throw new ShapeMismatchException($"patches: needs real images [B, C, H, W], got {x.ShapeString}");
        }
        int batch = x.Dim(0), c = x.Dim(1), h = x.Dim(2), w = x.Dim(3);
        if (patch < 1 || h % patch != 0 || w % patch != 0)
        {
            throw new ShapeMismatchException($"patches: patch size {patch} does not divide the image {h}×{w}");
        }
        int tokens = (h / patch) * (w / patch), length = c * patch * patch, image = c * h * w;
        Variable<T> y = tape.NewValue([batch, tokens, length], false, tape.AnyRequiresGrad(x));
        T[] xs = x.Value.Data, ys = y.Value.Data;
        ThreadSettings.For(batch, b => Im2Col.Lower((ReadOnlySpan<T>)xs.AsSpan(b * image, image), c, h, w, patch, patch, 0,
            ys.AsSpan(b * tokens * length, tokens * length)));
        tape.Record(new PatchesFunction<T>(c, h, w, patch), y, x);
        return y;
    }

    private sealed class PatchesFunction<T>(int c, int h, int w, int patch) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "patches";

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
            int image = c * h * w, perImage = outputGradient.Length / Math.Max(1, Inputs[0].Dim(0));
            T[] dy = outputGradient.Data, dx = g.Data;
            ThreadSettings.For(Inputs[0].Dim(0), b => Im2Col.Raise((ReadOnlySpan<T>)dy.AsSpan(b * perImage, perImage), c, h, w, patch, patch, 0,
                dx.AsSpan(b * image, image)));
        }
    }

    /// <summary>
    /// <paramref name="count"/> copies of x stacked on a new leading axis: y[i, …] = x[…], shape [count, …x]. Backward
    /// sums the copies. Takes the tape explicitly, since x is typically a parameter (a class token).
    /// </summary>
    public static Variable<T> Repeat<T>(Tape<T> tape, Variable<T> x, int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Variable<T> y = tape.NewValue([count, .. x.Shape], x.IsComplex, tape.AnyRequiresGrad(x));
        ReadOnlySpan<T> xs = x.Span;
        Span<T> ys = y.Span;
        for (int i = 0; i < count; i++)
        {
            xs.CopyTo(ys.Slice(i * xs.Length, xs.Length));
        }
        tape.Record(new RepeatFunction<T>(count), y, x);
        return y;
    }

    private sealed class RepeatFunction<T>(int count) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "repeat";

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
            for (int i = 0; i < count; i++)
            {
                TP.Add(d, gy.Slice(i * d.Length, d.Length), d);
            }
        }
    }
}
