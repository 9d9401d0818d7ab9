namespace Triad.Learning.Training;

/// <summary>
/// Work the trainer runs between steps: every <see cref="Every"/> optimiser steps (recalibration, logging) and at the
/// end of every epoch (checkpoints). Callbacks run in the order they were added, on the training thread.
/// </summary>
public interface ITrainingCallback
{
    /// <summary>Run <see cref="OnStep"/> after every this many optimiser steps (0: never).</summary>
    int Every { get; }

    /// <summary>Called after optimiser step number <see cref="TrainingStep.Step"/> when it is a multiple of <see cref="Every"/>.</summary>
    void OnStep(TrainingStep step);

    /// <summary>Called after an epoch is finished and <paramref name="state"/> (optimiser state included) is up to date.</summary>
    void OnEpochEnd(TrainingState state, EpochMetrics metrics);
}
