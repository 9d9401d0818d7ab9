namespace Triad.Quantum.Simulation;

/// <summary>A state was refused before allocation because it would not fit; the message says how much it needs.</summary>
public sealed class StateTooLargeException : ArgumentException
{
    /// <summary>Creates the exception with a message naming the size needed.</summary>
    public StateTooLargeException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public StateTooLargeException() : base("the state does not fit in memory")
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public StateTooLargeException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
