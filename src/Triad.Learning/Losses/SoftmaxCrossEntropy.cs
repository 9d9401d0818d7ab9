using Triad.Numerics.Kernels;
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
        RowKernels.Softmax(z, classes, g);
        double total = 0.0;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<double> zr = z.Slice(b * classes, classes), tr = t.Slice(b * classes, classes);
            double max = System.Numerics.Tensors.TensorPrimitives.Max(zr);
            double sumExp = 0.0;
            for (int k = 0; k < classes; k++)
            {
                sumExp += Math.Exp(zr[k] - max);
            }
            double logSum = max + Math.Log(sumExp);
            for (int k = 0; k < classes; k++)
            {
                if (tr[k] != 0.0)
                {
                    total -= tr[k] * (zr[k] - logSum);
                }
            }
        }
        System.Numerics.Tensors.TensorPrimitives.Subtract(g, t, g);
        System.Numerics.Tensors.TensorPrimitives.Multiply(g, 1.0 / batch, g);
        return total / batch;
    }
}
