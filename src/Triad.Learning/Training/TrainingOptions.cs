using System.Globalization;
using Triad.Learning.Optimizers;

namespace Triad.Learning.Training;

/// <summary>Settings of a training run; <see cref="Validate"/> checks them before any work starts.</summary>
public sealed record TrainingOptions
{
    /// <summary>Epochs to train (upper bound when early stopping is on).</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Samples per mini-batch.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seed for the validation split, shuffling and dropout.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Fraction of the training data held out, stratified by class, to validate each epoch (0 = none).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Stop after this many epochs without a better validation loss (0 = never stop early).</summary>
    public int Patience { get; init; }

    /// <summary>An improvement must lower the validation loss by more than this.</summary>
    public double MinDelta { get; init; }

    /// <summary>At the end, put back the weights of the epoch with the best validation loss.</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>The optimiser.</summary>
    public OptimizerSpec Optimizer { get; init; } = new();

    /// <summary>Where to write a checkpoint after every epoch (null = none). Written atomically.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentException($"epochs {Epochs} must be at least 1");
        }
        if (BatchSize < 1)
        {
            throw new ArgumentException($"batch size {BatchSize} must be at least 1");
        }
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
        {
            throw new ArgumentException($"validation fraction {ValidationFraction.ToString(CultureInfo.InvariantCulture)} must lie in [0, 1)");
        }
        if (Patience < 0)
        {
            throw new ArgumentException($"patience {Patience} must be non-negative");
        }
        if (!(MinDelta >= 0))
        {
            throw new ArgumentException($"min delta {MinDelta.ToString(CultureInfo.InvariantCulture)} must be non-negative");
        }
        ArgumentNullException.ThrowIfNull(Optimizer);
        Optimizer.Validate();
    }
}
