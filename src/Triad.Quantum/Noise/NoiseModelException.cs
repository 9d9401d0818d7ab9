namespace Triad.Quantum.Noise;

/// <summary>A noise model file is invalid; the message names the file and the JSON path (or line and column).</summary>
public sealed class NoiseModelException : ArgumentException
{
    /// <summary>Creates the exception with a message naming the file and the place.</summary>
    public NoiseModelException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public NoiseModelException() : base("invalid noise model")
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public NoiseModelException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
