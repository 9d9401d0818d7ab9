namespace Triad.Learning.Training;

/// <summary>Where the run is after an optimiser step.</summary>
/// <param name="Step">Optimiser steps taken so far (1 after the first).</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Batch">1-based batch within the epoch.</param>
/// <param name="Loss">The batch's loss.</param>
public sealed record TrainingStep(long Step, int Epoch, int Batch, double Loss);
