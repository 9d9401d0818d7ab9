using Triad.Learning.Data;

namespace Triad.Cli.Inputs;

/// <summary>The samples a run trains on and the samples it is tested on.</summary>
/// <param name="Train">Training samples; the trainer takes its validation split from them.</param>
/// <param name="Test">Held-out test samples, or null when <c>--test-fraction 0</c> leaves none.</param>
/// <param name="TestDescription">Which samples the test set is, in words, for reports.</param>
internal sealed record DataSplit(Dataset Train, Dataset? Test, string TestDescription);
