namespace Triad.Photonics.Meshes;

/// <summary>A matrix given to a unitary decomposition is not unitary; the message gives ‖U†U − I‖_F.</summary>
public sealed class NotUnitaryException : ArgumentException
{
    /// <summary>Creates the exception for a matrix whose deviation from unitarity is <paramref name="deviation"/>.</summary>
    public NotUnitaryException(double deviation, double tolerance)
        : base(FormattableString.Invariant($"the matrix is not unitary: ‖U†U − I‖_F = {deviation:G3} (tolerance {tolerance:G3})"))
    {
        Deviation = deviation;
        Tolerance = tolerance;
    }

    /// <summary>Creates the exception with a message.</summary>
    public NotUnitaryException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public NotUnitaryException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public NotUnitaryException() : base("the matrix is not unitary")
    {
    }

    /// <summary>‖U†U − I‖_F of the refused matrix.</summary>
    public double Deviation { get; }

    /// <summary>The largest deviation that was allowed.</summary>
    public double Tolerance { get; }
}
