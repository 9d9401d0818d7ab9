namespace Triad.Quantum.Qasm;

/// <summary>
/// An OpenQASM file could not be read: the message starts with <c>file:line:column:</c> and says what was wrong
/// (unknown gate, wrong number of parameters or qubits, qubit out of range, unbound parameter, syntax). An
/// <see cref="ArgumentException"/>: the file is a bad argument, so the CLI reports it as bad input (exit code 2).
/// </summary>
public sealed class QasmException : ArgumentException
{
    /// <summary>Creates the exception for a problem at a place in a file.</summary>
    public QasmException(string file, int line, int column, string problem) : base($"{file}:{line}:{column}: {problem}")
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>Creates the exception with a message.</summary>
    public QasmException() : base("invalid OpenQASM")
    {
        File = "";
        Problem = Message;
    }

    /// <summary>Creates the exception with a message.</summary>
    public QasmException(string message) : base(message)
    {
        File = "";
        Problem = message;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public QasmException(string message, Exception innerException) : base(message, innerException)
    {
        File = "";
        Problem = message;
    }

    /// <summary>The file (as given).</summary>
    public string File { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>What was wrong, without the place.</summary>
    public string Problem { get; }
}
