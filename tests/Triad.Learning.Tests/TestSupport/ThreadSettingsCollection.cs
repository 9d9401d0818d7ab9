namespace Triad.Learning.Tests.TestSupport;

/// <summary>
/// Tests that change <see cref="Numerics.Threading.ThreadSettings.MaxThreads"/>, a process-wide setting, run in this
/// collection, alone and one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadSettingsCollection
{
    public const string Name = "ThreadSettings";
}
