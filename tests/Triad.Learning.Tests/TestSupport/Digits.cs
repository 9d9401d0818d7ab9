using Triad.Learning.Data;

namespace Triad.Learning.Tests.TestSupport;

/// <summary>
/// The digits data set split as <c>triad train</c> splits it: 20 % of each class held out as the test set, drawn
/// with seed 42. Loaded once per test run.
/// </summary>
internal static class Digits
{
    public const ulong SplitSeed = 42;

    public const double TestFraction = 0.2;

    private static readonly Lazy<(Dataset Train, Dataset Test)> s_split =
        new(() => BuiltInData.Load("digits").StratifiedSplit(TestFraction, SplitSeed));

    /// <summary>The 80 % the model trains on (1,438 samples).</summary>
    public static Dataset Train => s_split.Value.Train;

    /// <summary>The held-out 20 % (359 samples).</summary>
    public static Dataset Test => s_split.Value.Test;
}
