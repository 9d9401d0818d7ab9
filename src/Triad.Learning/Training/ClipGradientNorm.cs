using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Random;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Triad.Learning.Training;

/// <summary>
/// Clips the global gradient norm (Pascanu, Mikolov and Bengio, ICML 2013; PyTorch's <c>clip_grad_norm_</c>): when
/// ‖g‖ &gt; c, every gradient is scaled by c/(‖g‖ + 10⁻⁶).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ClipGradientNorm<T> : IGradientTransform<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the transform with bound <paramref name="maxNorm"/> &gt; 0.</summary>
    public ClipGradientNorm(double maxNorm)
    {
        if (!(maxNorm > 0) || double.IsInfinity(maxNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "the clip norm must be positive and finite");
        }
        MaxNorm = maxNorm;
    }

    /// <summary>The bound c.</summary>
    public double MaxNorm { get; }

    /// <summary>The norm before clipping at the last step.</summary>
    public double LastNorm { get; private set; }

    /// <inheritdoc />
    public void Apply(GradientStep<T> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        LastNorm = step.GlobalNorm();
        if (!double.IsFinite(LastNorm))
        {
            // Scaling by c/∞ would zero every gradient and hide the failure.
            throw new TrainingDivergedException($"the gradient norm is {LastNorm} at step {step.Step + 1} (epoch {step.Epoch}); clipping cannot rescue it");
        }
        if (LastNorm <= MaxNorm)
        {
            return;
        }
        T scale = T.CreateTruncating(MaxNorm / (LastNorm + 1e-6));
        foreach (var (_, p) in step.Parameters)
        {
            TP.Multiply(p.Gradient.Span, scale, p.Gradient.Span);
        }
    }
}
