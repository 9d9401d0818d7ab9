namespace Triad.Learning.Training;

/// <summary>What one epoch did. Validation figures are NaN when no validation split is used.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's mini-batches, weighted by batch size.</param>
/// <param name="TrainAccuracy">Fraction of training samples classified right during the epoch (with dropout on).</param>
/// <param name="ValidationLoss">Mean loss on the validation split after the epoch.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation split after the epoch.</param>
/// <param name="Seconds">Wall time of the epoch.</param>
/// <param name="SamplesPerSecond">Training samples processed per second (forward, backward and update).</param>
public sealed record EpochMetrics(
    int Epoch, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy,
    double Seconds, double SamplesPerSecond);
