using Triad.Learning.Models;
using Triad.Learning.Training;

namespace Triad.Learning.Serialization;

/// <summary>
/// A training callback that saves a resumable checkpoint (model, optimiser state, counters, best weights) at the end
/// of every epoch, atomically, to one path. <see cref="ModelMetadata.Epochs"/> is set to the epochs completed.
/// </summary>
/// <param name="path">The checkpoint file.</param>
/// <param name="model">The model being trained.</param>
/// <param name="metadata">What to record about the run (data set, classes, seed, test split).</param>
public sealed class CheckpointWriter(string path, IModel model, ModelMetadata metadata) : ITrainingCallback
{
    /// <summary>The checkpoint file.</summary>
    public string Path { get; } = path ?? throw new ArgumentNullException(nameof(path));

    /// <inheritdoc />
    public int Every => 0;

    /// <inheritdoc />
    public void OnStep(TrainingStep step)
    {
    }

    /// <inheritdoc />
    public void OnEpochEnd(TrainingState state, EpochMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(state);
        ModelFile.Save(Path, model, metadata with { Epochs = state.EpochsCompleted }, state);
    }
}
