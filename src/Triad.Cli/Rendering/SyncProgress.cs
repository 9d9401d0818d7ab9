namespace Triad.Cli.Rendering;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler on the reporting thread, at once. (The framework's
/// <see cref="Progress{T}"/> posts to the thread pool, so reports could arrive out of order or after the work.)
/// </summary>
internal sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => handler(value);
}
