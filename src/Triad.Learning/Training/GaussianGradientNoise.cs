using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Random;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Triad.Learning.Training;

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
