namespace Triad.Learning.Training;

/// <summary>Progress within a run, reported after every mini-batch and at the end of every epoch.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="Batch">Mini-batches done in this epoch.</param>
/// <param name="Batches">Mini-batches per epoch.</param>
/// <param name="RunningLoss">Mean training loss so far in this epoch.</param>
/// <param name="Completed">The epoch's metrics once it is over, otherwise null.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double RunningLoss, EpochMetrics? Completed);
