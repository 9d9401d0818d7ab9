namespace Triad.Learning.Data;

/// <summary>
/// Raised when a data file does not hold what its loader expects. The message names the file, the place
/// of the fault and what was found against what was expected, e.g.
/// <c>digits.csv.gz line 12: expected 65 fields, found 64</c>.
/// <para>
/// Places are written as <c>line N</c> for text files (1-based, counting every line including a header),
/// <c>byte N</c> for binary files (0-based offset into the decompressed content) and <c>record N</c> for the
/// N-th sample of a binary file (0-based, equal to the sample's index in the loaded <see cref="Dataset"/>).
/// </para>
/// <para>
/// A file that does not exist is not a format fault: every loader in this namespace raises
/// <see cref="FileNotFoundException"/> for it, with <see cref="FileNotFoundException.FileName"/> set and the
/// full path in the message.
/// </para>
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception for a fault at <paramref name="location"/> in <paramref name="fileName"/>.</summary>
    /// <param name="fileName">Path of the file as the loader was given it; the message shows its file name.</param>
    /// <param name="location">Place of the fault: "line 12", "byte 4", "record 3017".</param>
    /// <param name="detail">What was found and what was expected.</param>
    /// <param name="innerException">The lower-level error (e.g. a corrupt gzip stream), or null.</param>
    public DataFormatException(string fileName, string location, string detail, Exception? innerException = null)
        : base($"{Path.GetFileName(fileName)} {location}: {detail}", innerException)
    {
        FileName = fileName;
        Location = location;
    }

    /// <summary>Creates the exception with a message only; <see cref="FileName"/> and <see cref="Location"/> are empty.</summary>
    public DataFormatException(string message) : base(message)
    {
        FileName = string.Empty;
        Location = string.Empty;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public DataFormatException(string message, Exception innerException) : base(message, innerException)
    {
        FileName = string.Empty;
        Location = string.Empty;
    }

    /// <summary>Creates the exception with no message.</summary>
    public DataFormatException() : base("data file is not in the expected format")
    {
        FileName = string.Empty;
        Location = string.Empty;
    }

    /// <summary>Path of the faulty file, as the loader was given it.</summary>
    public string FileName { get; }

    /// <summary>Place of the fault in the file: "line 12", "byte 4" or "record 3017".</summary>
    public string Location { get; }
}
