using System.Globalization;

namespace Triad.Learning.Optimizers;

/// <summary>
/// Settings of an optimiser, validated on creation. <see cref="Name"/> is "sgd" or "adam".
/// </summary>
public sealed record OptimizerSpec
{
    /// <summary>"sgd" or "adam".</summary>
    public string Name { get; init; } = "adam";

    /// <summary>Step size η (&gt; 0).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>SGD momentum μ in [0, 1).</summary>
    public double Momentum { get; init; }

    /// <summary>Use Nesterov momentum with SGD.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Adam β₁ in [0, 1).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam β₂ in [0, 1).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam ε (&gt; 0).</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>L2 weight decay λ ≥ 0, added to the gradient as λ·θ.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        string name = Name?.Trim().ToLowerInvariant() ?? "";
        if (name is not ("sgd" or "adam"))
        {
            throw new ArgumentException($"unknown optimizer '{Name}' (known: sgd, adam)");
        }
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "learning rate", LearningRate, "must be positive and finite");
        Require(Momentum is >= 0 and < 1, "momentum", Momentum, "must lie in [0, 1)");
        Require(Beta1 is >= 0 and < 1, "beta1", Beta1, "must lie in [0, 1)");
        Require(Beta2 is >= 0 and < 1, "beta2", Beta2, "must lie in [0, 1)");
        Require(Epsilon > 0 && double.IsFinite(Epsilon), "epsilon", Epsilon, "must be positive");
        Require(WeightDecay >= 0 && double.IsFinite(WeightDecay), "weight decay", WeightDecay, "must be non-negative");
    }

    private static void Require(bool ok, string what, double value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"{what} {value.ToString(CultureInfo.InvariantCulture)} {rule}");
        }
    }
}
