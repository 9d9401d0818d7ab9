namespace Triad.Cli.Tests.TestSupport;

/// <summary>The test classes that share one <see cref="TrainedRun"/> (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class TrainedRunCollection : ICollectionFixture<TrainedRun>
{
    public const string Name = "trained digits run";
}
