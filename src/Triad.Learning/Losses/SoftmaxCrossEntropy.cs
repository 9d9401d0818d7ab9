using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Losses;

/// <summary>
/// Softmax followed by cross-entropy, fused for stability: with p = softmax(z) per row,
/// L = −(1/B) Σ_b Σ_k t[b,k] · log p[b,k] and ∂L/∂z = (p − t)/B.
/// log p is computed as z − max − log Σ exp(z − max), so large logits do not overflow.
/// </summary>
public sealed class SoftmaxCrossEntropy : Loss
{
    /// <inheritdoc />
    public override string Name => "softmax-cross-entropy";

    /// <inheritdoc />
    public override double Evaluate(Tensor<double> prediction, Tensor<double> target, Tensor<double> gradient)
    {
        CheckShapes(prediction, target, gradient);
        int batch = prediction.Dim(0);
        int classes = prediction.Length / batch;
        ReadOnlySpan<double> z = prediction.ReadOnlySpan, t = target.ReadOnlySpan;
        Span<double> g = gradient.Span;
        double total = 0.0;
        double invBatch = 1.0 / batch;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<double> zr = z.Slice(b * classes, classes), tr = t.Slice(b * classes, classes);
            Span<double> gr = g.Slice(b * classes, classes);
            // gr ← z − logΣexp(z), the log-probabilities, computed once and used for both outputs.
            double max = TensorPrimitives.Max(zr);
            TensorPrimitives.Subtract(zr, max, gr);
            TensorPrimitives.Exp(gr, gr);
            double logSum = max + Math.Log(TensorPrimitives.Sum<double>(gr));
            TensorPrimitives.Subtract(zr, logSum, gr);
            for (int k = 0; k < classes; k++)
            {
                if (tr[k] != 0.0)
                {
                    total -= tr[k] * gr[k];
                }
            }
            // ∂L/∂z = (softmax(z) − t)/B with softmax = exp(log-probabilities).
            TensorPrimitives.Exp(gr, gr);
            TensorPrimitives.Subtract(gr, tr, gr);
            TensorPrimitives.Multiply(gr, invBatch, gr);
        }
        return total / batch;
    }
}
