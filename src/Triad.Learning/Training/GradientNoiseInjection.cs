using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Random;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Triad.Learning.Training;

/// <summary>The time pattern of injected gradient noise.</summary>
public enum NoisePattern
{
    /// <summary>Independent Gaussian noise at every step.</summary>
    White,

    /// <summary>
    /// Random telegraph noise: each gradient element carries a sign s ∈ {−1, +1} that flips with a fixed probability
    /// at every step (a two-state Markov process), so the noise is correlated in time, as the frequency offset of a
    /// qubit with a two-level fluctuator is (Paladino et al., Rev. Mod. Phys. 86, 361 (2014)).
    /// </summary>
    Telegraph,
}

/// <summary>
/// The noise-injection regulariser on the gradient hook: g ← g + r·rms(g)·n for every parameter tensor, with r the
/// error rate (relative to the tensor's root-mean-square gradient of this step) and n either white, N(0, 1) drawn from
/// the step's stream, or the ±1 telegraph signs of <see cref="NoisePattern.Telegraph"/>. The telegraph process is a
/// function of <see cref="Seed"/> and the step alone (initial signs from stream 0, the flips of step τ from stream
/// τ + 1), so a transform made fresh for a resumed run rebuilds the same signs and the run stays bit-identical to an
/// unbroken one.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class GradientNoiseInjection<T> : IGradientTransform<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int[]? _signs;
    private long _signsStep = -1;

    /// <summary>Noise at error rate <paramref name="rate"/> with <paramref name="pattern"/>; a telegraph sign flips with <paramref name="switchProbability"/> per step.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate below 0 or not finite, or a switching probability outside [0, 1].</exception>
    public GradientNoiseInjection(double rate, NoisePattern pattern, double switchProbability = 0.1, ulong seed = 0)
    {
        if (!(rate >= 0) || !double.IsFinite(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "the noise error rate must be a finite number at least 0");
        }
        if (!(switchProbability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(switchProbability), switchProbability, "the telegraph switching probability must lie in [0, 1]");
        }
        Rate = rate;
        Pattern = pattern;
        SwitchProbability = switchProbability;
        Seed = seed;
    }

    /// <summary>r, the noise's size relative to each tensor's root-mean-square gradient.</summary>
    public double Rate { get; }

    /// <summary>White or telegraph.</summary>
    public NoisePattern Pattern { get; }

    /// <summary>Probability that a telegraph sign flips at a step.</summary>
    public double SwitchProbability { get; }

    /// <summary>Seed of the telegraph process.</summary>
    public ulong Seed { get; }

    /// <summary>The telegraph signs of every gradient element (in parameter order) at optimiser step <paramref name="step"/>.</summary>
    public ReadOnlySpan<int> TelegraphSigns(long step, int elements)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (_signs is null || _signs.Length != elements || _signsStep > step)
        {
            _signs = new int[elements];
            SeededRandom initial = new SeededRandom(Seed).Fork(0);
            for (int i = 0; i < elements; i++)
            {
                _signs[i] = initial.NextDouble() < 0.5 ? -1 : 1;
            }
            _signsStep = 0;
        }
        for (long t = _signsStep + 1; t <= step; t++)
        {
            SeededRandom flips = new SeededRandom(Seed).Fork((ulong)t + 1);
            for (int i = 0; i < elements; i++)
            {
                if (flips.NextDouble() < SwitchProbability)
                {
                    _signs[i] = -_signs[i];
                }
            }
        }
        _signsStep = step;
        return _signs;
    }

    /// <inheritdoc />
    public void Apply(GradientStep<T> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (Rate == 0)
        {
            return;
        }
        ReadOnlySpan<int> signs = Pattern == NoisePattern.Telegraph
            ? TelegraphSigns(step.Step, step.Parameters.Sum(p => p.Value.Gradient.Length))
            : default;
        int offset = 0;
        foreach (var (_, p) in step.Parameters)
        {
            Span<T> g = p.Gradient.Span;
            double rms = g.Length == 0 ? 0 : Math.Sqrt(double.CreateTruncating(TP.SumOfSquares<T>(g)) / g.Length);
            double size = Rate * rms;
            for (int i = 0; i < g.Length; i++)
            {
                double n = Pattern == NoisePattern.Telegraph ? signs[offset + i] : step.Random.NextGaussian();
                g[i] += T.CreateTruncating(size * n);
            }
            offset += g.Length;
        }
    }
}
