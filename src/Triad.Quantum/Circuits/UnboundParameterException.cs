namespace Triad.Quantum.Circuits;

/// <summary>A circuit was run with a symbolic parameter that no binding gives a value to.</summary>
public sealed class UnboundParameterException : ArgumentException
{
    /// <summary>Creates the exception for parameter <paramref name="name"/>.</summary>
    public UnboundParameterException(string name, SourceLocation? location = null)
        : base($"{(location is null ? "" : location + ": ")}unbound parameter '{name}': bind it to a value before running the circuit")
    {
        ParameterName = name;
    }

    /// <summary>Creates the exception with a message.</summary>
    public UnboundParameterException() : base("unbound parameter")
    {
        ParameterName = "";
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public UnboundParameterException(string message, Exception innerException) : base(message, innerException)
    {
        ParameterName = "";
    }

    /// <summary>The parameter without a value.</summary>
    public string ParameterName { get; }
}
