namespace Triad.Photonics.Tests.TestSupport;

/// <summary>Tests that change the process-wide thread count run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadSettingsCollection
{
    public const string Name = "ThreadSettings";
}
