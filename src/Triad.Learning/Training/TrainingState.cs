using Triad.Numerics.Tensors;

namespace Triad.Learning.Training;

/// <summary>
/// Everything beyond the weights that a resumed run needs to continue exactly: options, epochs done,
/// history, early-stopping counters, optimiser state and the best weights so far.
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

    /// <summary>Optimiser state tensors.</summary>
    public Dictionary<string, Tensor<double>> OptimizerState { get; init; } = [];

    /// <summary>Weights at <see cref="BestEpoch"/>, parameter by parameter (empty if none).</summary>
    public List<Tensor<double>> BestWeights { get; init; } = [];

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
            OptimizerState = OptimizerState,
            BestWeights = BestWeights,
        };
        copy.History.AddRange(History);
        return copy;
    }
}
