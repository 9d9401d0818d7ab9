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

    /// <summary>Where the run's checkpoint is written after every epoch (null = none); the writer is a callback of the caller's.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>
    /// Learning-rate schedule over the planned steps: "constant", or "cosine" (Loshchilov and Hutter, SGDR, ICLR 2017,
    /// without restarts): η_t = η·½(1 + cos(π·t/T)) over the T steps after warm-up. T comes from <see cref="Epochs"/>, so a
    /// run resumed with more epochs than first planned stretches the rest of its schedule over the new plan.
    /// </summary>
    public string LearningRateSchedule { get; init; } = "constant";

    /// <summary>Epochs of linear warm-up at the start of the run, η_t = η·(t + 1)/W over the first W steps (0 = none).</summary>
    public double WarmupEpochs { get; init; }

    /// <summary>Clip the gradient's global L2 norm to this value before each update (0 = no clipping).</summary>
    public double ClipNorm { get; init; }

    /// <summary>
    /// A batch loss above this factor times max(1, the run's first batch loss) counts as divergence, as does a loss
    /// that is not finite: the run stops with <see cref="TrainingDivergedException"/> rather than go on at chance.
    /// </summary>
    public double DivergenceFactor { get; init; } = 1e4;

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
        if (LearningRateSchedule is not ("constant" or "cosine"))
        {
            throw new ArgumentException($"learning-rate schedule '{LearningRateSchedule}' is not constant or cosine");
        }
        if (!(WarmupEpochs >= 0) || !(WarmupEpochs < Epochs))
        {
            throw new ArgumentException($"warm-up of {WarmupEpochs.ToString(CultureInfo.InvariantCulture)} epochs must lie in [0, {Epochs}) (the planned epochs)");
        }
        if (!(ClipNorm >= 0) || double.IsInfinity(ClipNorm))
        {
            throw new ArgumentException($"gradient clip norm {ClipNorm.ToString(CultureInfo.InvariantCulture)} must be finite and non-negative (0 = off)");
        }
        if (!(DivergenceFactor > 1) || double.IsNaN(DivergenceFactor))
        {
            throw new ArgumentException($"divergence factor {DivergenceFactor.ToString(CultureInfo.InvariantCulture)} must exceed 1");
        }
        ArgumentNullException.ThrowIfNull(Optimizer);
        Optimizer.Validate();
    }
}
