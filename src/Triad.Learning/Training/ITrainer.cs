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
