namespace Triad.Photonics.IO;

/// <summary>A matrix file cannot be read: the message names the file and what is wrong with it.</summary>
public sealed class MatrixFormatException : FormatException
{
    /// <summary>Creates the exception with a message that names the file.</summary>
    public MatrixFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public MatrixFormatException() : base("the matrix file cannot be read")
    {
    }

    /// <summary>Creates the exception wrapping an inner one.</summary>
    public MatrixFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
