using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Random;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Triad.Learning.Training;

/// <summary>
/// A change to the gradients between the backward pass and the optimiser step: clipping, noise injection,
/// quantisation of gradients as hardware would see them. Transforms run in the order they were added.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public interface IGradientTransform<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Changes the gradients in place.</summary>
    void Apply(GradientStep<T> step);
}

/// <summary>What a gradient transform sees: the parameters with their gradients, where the run is, and its own random stream.</summary>
/// <param name="Parameters">Every parameter by dotted name; <see cref="Parameter{T}.Gradient"/> holds ∂L/∂θ of this step.</param>
/// <param name="Step">Optimiser steps taken before this one (0 for the first).</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Random">A stream for this transform and this step alone: root.Fork(5).Fork(step).Fork(transform index).</param>
public sealed record GradientStep<T>(IReadOnlyList<KeyValuePair<string, Parameter<T>>> Parameters, long Step, int Epoch, SeededRandom Random)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The global L2 norm of all gradients, √(Σ g²), summed in double in parameter order.</summary>
    public double GlobalNorm()
    {
        double sum = 0;
        foreach (var (_, p) in Parameters)
        {
            sum += double.CreateTruncating(TP.SumOfSquares<T>(p.Gradient.Span));
        }
        return Math.Sqrt(sum);
    }
}

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

/// <summary>
/// Adds Gaussian noise to every gradient, g ← g + N(0, σ_t²) with σ_t² = η/(1 + t)^γ (Neelakantan et al., "Adding
/// gradient noise improves learning for very deep networks", arXiv:1511.06807; they use γ = 0.55). Each step draws
/// from its own stream, so the noise is fixed by the seed and the step alone.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class GaussianGradientNoise<T> : IGradientTransform<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the transform with variance scale η ≥ 0 and decay γ ≥ 0.</summary>
    public GaussianGradientNoise(double eta, double gamma = 0.55)
    {
        if (!(eta >= 0) || double.IsInfinity(eta) || !(gamma >= 0) || double.IsInfinity(gamma))
        {
            throw new ArgumentOutOfRangeException(nameof(eta), $"gradient noise needs η ≥ 0 and γ ≥ 0, got η = {eta}, γ = {gamma}");
        }
        Eta = eta;
        Gamma = gamma;
    }

    /// <summary>Variance scale η.</summary>
    public double Eta { get; }

    /// <summary>Decay exponent γ.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    public void Apply(GradientStep<T> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        double sigma = Math.Sqrt(Eta / Math.Pow(1 + step.Step, Gamma));
        foreach (var (_, p) in step.Parameters)
        {
            Span<T> g = p.Gradient.Span;
            for (int i = 0; i < g.Length; i++)
            {
                g[i] += T.CreateTruncating(sigma * step.Random.NextGaussian());
            }
        }
    }
}
