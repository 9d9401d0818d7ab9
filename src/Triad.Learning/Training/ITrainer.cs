using Triad.Learning.Data;
using Triad.Learning.Models;

namespace Triad.Learning.Training;

/// <summary>A training run, whatever the model's element type (see <see cref="Trainer{T}"/>).</summary>
public interface ITrainer : IDisposable
{
    /// <summary>The model being trained.</summary>
    IModel Model { get; }

    /// <summary>Progress of the run so far.</summary>
    TrainingState State { get; }

    /// <summary>Work run between steps and after each epoch (checkpoints, recalibration).</summary>
    List<ITrainingCallback> Callbacks { get; }

    /// <summary>
    /// Trains on <paramref name="data"/> (a validation split is taken from it) until the planned epochs are done or
    /// early stopping ends the run. Returns the metrics of every epoch of the run, resumed ones included.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss stopped being finite or exploded.</exception>
    IReadOnlyList<EpochMetrics> Fit(Dataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>Makes trainers for models of either precision.</summary>
public static class Trainers
{
    /// <summary>A new run.</summary>
    public static ITrainer Create(IModel model, TrainingOptions options) => model switch
    {
        Model<float> f => new Trainer<float>(f, options),
        Model<double> d => new Trainer<double>(d, options),
        _ => throw new ArgumentException($"no trainer for a model of type {model?.GetType().Name ?? "null"}", nameof(model)),
    };

    /// <summary>A run continued from its state.</summary>
    public static ITrainer Resume(IModel model, TrainingState state) => model switch
    {
        Model<float> f => new Trainer<float>(f, state),
        Model<double> d => new Trainer<double>(d, state),
        _ => throw new ArgumentException($"no trainer for a model of type {model?.GetType().Name ?? "null"}", nameof(model)),
    };
}
