namespace Triad.Learning.Models;

/// <summary>A model spec that cannot be built: unknown module, bad setting, a graph that does not hold together, or shapes that do not meet.</summary>
public sealed class ModelSpecException : Exception
{
    /// <summary>Creates the exception; the message names the file, the node and what was wrong.</summary>
    public ModelSpecException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ModelSpecException() : base("invalid model spec")
    {
    }

    /// <summary>Creates the exception wrapping an inner one.</summary>
    public ModelSpecException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
