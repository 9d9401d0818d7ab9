namespace Triad.Numerics.Tensors;

/// <summary>Raised when tensor shapes do not fit the operation; the message names both shapes.</summary>
public sealed class ShapeMismatchException : Exception
{
    /// <summary>Creates the exception with a message naming the shapes involved.</summary>
    public ShapeMismatchException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ShapeMismatchException() : base("tensor shapes do not match")
    {
    }

    /// <summary>Creates the exception wrapping an inner one.</summary>
    public ShapeMismatchException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
