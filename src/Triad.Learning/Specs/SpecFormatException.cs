namespace Triad.Learning.Specs;

/// <summary>
/// Raised when a spec file's text is not a valid spec document. The message names the file, the place and what
/// was wrong: <c>spec.yaml line 7: duplicate key 'units' (first at line 3)</c>, or with a column,
/// <c>spec.json line 3, column 8: '}' is an invalid start of a value</c>; a fault of the whole file has no place,
/// <c>big.yaml: the file is 2,000,000 bytes, more than …</c>.
/// </summary>
public sealed class SpecFormatException : Exception
{
    /// <summary>Creates the exception for a fault in <paramref name="sourceName"/> at a line and column.</summary>
    /// <param name="sourceName">The file's name as shown in messages, e.g. "spec.yaml".</param>
    /// <param name="line">1-based line of the fault; 0 for a fault of the whole file.</param>
    /// <param name="column">1-based column (in characters) of the fault; 0 when only the line is named.</param>
    /// <param name="detail">What was wrong, and what was expected.</param>
    /// <param name="innerException">The parser's own error, or null.</param>
    public SpecFormatException(string sourceName, int line, int column, string detail, Exception? innerException = null)
        : base(Format(sourceName, line, column, detail), innerException)
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
    }

    /// <summary>Creates the exception with a message only; <see cref="SourceName"/> is empty and the place is 0.</summary>
    public SpecFormatException(string message) : base(message)
    {
        SourceName = string.Empty;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public SpecFormatException(string message, Exception innerException) : base(message, innerException)
    {
        SourceName = string.Empty;
    }

    /// <summary>Creates the exception with no message.</summary>
    public SpecFormatException() : base("spec document is not valid")
    {
        SourceName = string.Empty;
    }

    /// <summary>The file's name as shown in the message.</summary>
    public string SourceName { get; }

    /// <summary>1-based line of the fault, or 0 for a fault of the whole file.</summary>
    public int Line { get; }

    /// <summary>1-based column of the fault in characters, or 0 when not named.</summary>
    public int Column { get; }

    private static string Format(string sourceName, int line, int column, string detail) => (line, column) switch
    {
        ( <= 0, _) => $"{sourceName}: {detail}",
        (_, <= 0) => $"{sourceName} line {line}: {detail}",
        _ => $"{sourceName} line {line}, column {column}: {detail}",
    };
}
