using System.Numerics;
using Triad.Numerics.Tensors;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Triad.Learning.Autograd;

public static partial class Ops
{
    /// <summary>
    /// Softmax followed by cross-entropy, fused for stability, averaged over the rows of <paramref name="logits"/>
    /// [… , C]: with p = softmax(z) per row, L = −(1/R) Σ_r Σ_k t[r, k]·log p[r, k] and ∂L/∂z = (p − t)/R.
    /// <paramref name="targets"/> holds either one class index per row (shape = logits' leading axes) or a
    /// probability row per row (shape = logits' shape). log p is computed as z − max − log Σ exp(z − max).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The targets fit neither form.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class index is not an integer in 0..C−1 (the message names the row).</exception>
    public static Variable<T> SoftmaxCrossEntropy<T>(Variable<T> logits, Tensor<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(targets);
        Tape<T> tape = Tape<T>.Of(logits);
        if (logits.IsComplex || logits.Rank < 1 || logits.Dim(-1) == 0 || logits.Length == 0)
        {
            throw new ShapeMismatchException($"softmax-cross-entropy: needs real, non-empty logits […, classes], got {logits.ShapeString}");
        }
        int classes = logits.Dim(-1), rows = logits.Length / classes;
        bool indices = targets.Shape.SequenceEqual(logits.Shape[..^1]);
        if (!indices && !targets.Shape.SequenceEqual(logits.Shape))
        {
            throw new ShapeMismatchException(
                $"softmax-cross-entropy: targets {targets.ShapeString} fit neither class indices {Tensor<T>.ShapeToString(logits.Shape[..^1])} " +
                $"nor probabilities {Tensor<T>.ShapeToString(logits.Shape)}");
        }
        ReadOnlySpan<T> t = targets.Span;
        if (indices)
        {
            for (int r = 0; r < rows; r++)
            {
                T v = t[r];
                if (!T.IsInteger(v) || v < T.Zero || v >= T.CreateTruncating(classes))
                {
                    throw new ArgumentOutOfRangeException(nameof(targets), double.CreateTruncating(v),
                        $"softmax-cross-entropy: target of row {r} is {v}, not a class index in 0..{classes - 1}");
                }
            }
        }
        Variable<T> loss = tape.NewValue([], false, tape.AnyRequiresGrad(logits));
        Tensor<T> p = tape.Allocate(rows, classes);
        ReadOnlySpan<T> z = logits.Span;
        Span<T> ps = p.Span;
        T total = T.Zero;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> zr = z.Slice(r * classes, classes);
            Span<T> pr = ps.Slice(r * classes, classes);
            // pr ← z − logΣexp(z): the log-probabilities, used for the loss, then exponentiated for backward.
            T max = TP.Max(zr);
            TP.Subtract(zr, max, pr);
            TP.Exp(pr, pr);
            T logSum = max + T.Log(TP.Sum<T>(pr));
            TP.Subtract(zr, logSum, pr);
            if (indices)
            {
                total -= pr[int.CreateTruncating(t[r])];
            }
            else
            {
                ReadOnlySpan<T> tr = t.Slice(r * classes, classes);
                for (int k = 0; k < classes; k++)
                {
                    if (tr[k] != T.Zero)
                    {
                        total -= tr[k] * pr[k];
                    }
                }
            }
            TP.Exp(pr, pr);
        }
        loss.Span[0] = total / T.CreateTruncating(rows);
        tape.Record(new CrossEntropyFunction<T>(p, targets, indices, rows, classes), loss, logits);
        return loss;
    }

    private sealed class CrossEntropyFunction<T>(Tensor<T> p, Tensor<T> targets, bool indices, int rows, int classes) : Function<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "softmax-cross-entropy";

        public override long Flops => 6L * rows * classes;

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            if (GradientFor(0, out bool fresh) is not { } g)
            {
                return;
            }
            T scale = outputGradient.Span[0] / T.CreateTruncating(rows);
            ReadOnlySpan<T> ps = p.Span, t = targets.Span;
            Span<T> d = g.Span;
            for (int r = 0; r < rows; r++)
            {
                Span<T> dr = d.Slice(r * classes, classes);
                ReadOnlySpan<T> pr = ps.Slice(r * classes, classes);
                if (fresh)
                {
                    TP.Multiply(pr, scale, dr);
                }
                else
                {
                    TP.MultiplyAdd(pr, scale, dr, dr);
                }
                if (indices)
                {
                    dr[int.CreateTruncating(t[r])] -= scale;
                }
                else
                {
                    TP.MultiplyAdd(t.Slice(r * classes, classes), -scale, dr, dr);
                }
            }
        }
    }

    /// <summary>
    /// Mean squared error over all elements: L = (1/N) Σ (y − t)², ∂L/∂y = 2(y − t)/N, N the element count;
    /// <paramref name="targets"/> has the prediction's shape.
    /// </summary>
    public static Variable<T> MeanSquaredError<T>(Variable<T> prediction, Tensor<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(targets);
        Tape<T> tape = Tape<T>.Of(prediction);
        if (prediction.IsComplex || !targets.Shape.SequenceEqual(prediction.Shape) || prediction.Length == 0)
        {
            throw new ShapeMismatchException($"mse: targets {targets.ShapeString} must have the prediction's shape {prediction.ShapeString} (non-empty, real)");
        }
        Variable<T> loss = tape.NewValue([], false, tape.AnyRequiresGrad(prediction));
        Tensor<T> diff = tape.Allocate(prediction.Length);
        TP.Subtract(prediction.Span, targets.Span, diff.Span);
        loss.Span[0] = TP.SumOfSquares<T>(diff.Span) / T.CreateTruncating(diff.Length);
        tape.Record(new MseFunction<T>(diff), loss, prediction);
        return loss;
    }

    private sealed class MseFunction<T>(Tensor<T> diff) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "mse";

        public override long Flops => 3L * diff.Length;

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            if (GradientFor(0, out bool fresh) is not { } g)
            {
                return;
            }
            T scale = T.CreateTruncating(2.0) * outputGradient.Span[0] / T.CreateTruncating(diff.Length);
            if (fresh)
            {
                TP.Multiply(diff.Span, scale, g.Span);
            }
            else
            {
                TP.MultiplyAdd(diff.Span, scale, g.Span, g.Span);
            }
        }
    }
}
