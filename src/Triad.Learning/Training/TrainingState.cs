using Triad.Numerics.Tensors;

namespace Triad.Learning.Training;

/// <summary>
/// Everything beyond the weights that a resumed run needs to continue exactly: options, epochs done,
/// history, early-stopping counters, optimiser state and the best weights so far. Tensors are kept in double
/// whatever the model's precision (float32 values convert to double and back exactly).
/// </summary>
public sealed class TrainingState
{
    /// <summary>Options of the run.</summary>
    public required TrainingOptions Options { get; init; }

    /// <summary>Name of the data set trained on.</summary>
    public string DataSet { get; set; } = "";

    /// <summary>Epochs finished.</summary>
    public int EpochsCompleted { get; set; }

    /// <summary>Metrics of every finished epoch.</summary>
    public List<EpochMetrics> History { get; } = [];

    /// <summary>Epoch with the lowest validation loss (0 = none yet).</summary>
    public int BestEpoch { get; set; }

    /// <summary>The lowest validation loss so far.</summary>
    public double BestValidationLoss { get; set; } = double.PositiveInfinity;

    /// <summary>Epochs since the last improvement.</summary>
    public int EpochsWithoutImprovement { get; set; }

    /// <summary>True once early stopping ended the run.</summary>
    public bool StoppedEarly { get; set; }

    /// <summary>Optimiser updates so far.</summary>
    public long OptimizerSteps { get; set; }

    /// <summary>Loss of the run's first batch, the reference for divergence (NaN before the first step).</summary>
    public double ReferenceLoss { get; set; } = double.NaN;

    /// <summary>Optimiser state tensors.</summary>
    public Dictionary<string, Tensor<double>> OptimizerState { get; init; } = [];

    /// <summary>Weights at <see cref="BestEpoch"/>, parameter by parameter (empty if none).</summary>
    public List<Tensor<double>> BestWeights { get; init; } = [];

    /// <summary>
    /// Checks that the counters hold together (a checkpoint edited by hand, or damaged, must not resume at epoch −4).
    /// </summary>
    /// <exception cref="InvalidDataException">A counter is out of range; the message names it and its value.</exception>
    public void Validate()
    {
        void Require(bool ok, string what, object value, string rule)
        {
            if (!ok)
            {
                throw new InvalidDataException($"training state: {what} = {value} {rule}");
            }
        }
        Require(EpochsCompleted >= 0 && EpochsCompleted <= Options.Epochs, "epochsCompleted", EpochsCompleted, $"must lie in 0..{Options.Epochs} (the planned epochs)");
        Require(History.Count == EpochsCompleted, "history", $"{History.Count} epochs", $"must list every completed epoch ({EpochsCompleted})");
        for (int i = 0; i < History.Count; i++)
        {
            Require(History[i].Epoch == i + 1, $"history[{i}].epoch", History[i].Epoch, $"must be {i + 1}");
        }
        Require(BestEpoch >= 0 && BestEpoch <= EpochsCompleted, "bestEpoch", BestEpoch, $"must lie in 0..{EpochsCompleted}");
        Require(EpochsWithoutImprovement >= 0 && EpochsWithoutImprovement <= EpochsCompleted, "epochsWithoutImprovement", EpochsWithoutImprovement,
            $"must lie in 0..{EpochsCompleted}");
        Require(OptimizerSteps >= 0, "optimizerSteps", OptimizerSteps, "must be non-negative");
        Require(OptimizerSteps > 0 || EpochsCompleted == 0, "optimizerSteps", OptimizerSteps, "must be positive after a completed epoch");
        Require(!double.IsNaN(BestValidationLoss), "bestValidationLoss", BestValidationLoss, "must be a number");
        Require(!StoppedEarly || EpochsCompleted > 0, "stoppedEarly", StoppedEarly, "needs a completed epoch");
    }

    /// <summary>The same progress under other options (e.g. more epochs, another checkpoint path).</summary>
    public TrainingState WithOptions(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var copy = new TrainingState
        {
            Options = options,
            DataSet = DataSet,
            EpochsCompleted = EpochsCompleted,
            BestEpoch = BestEpoch,
            BestValidationLoss = BestValidationLoss,
            EpochsWithoutImprovement = EpochsWithoutImprovement,
            StoppedEarly = StoppedEarly,
            OptimizerSteps = OptimizerSteps,
            ReferenceLoss = ReferenceLoss,
            OptimizerState = OptimizerState,
            BestWeights = BestWeights,
        };
        copy.History.AddRange(History);
        return copy;
    }
}
