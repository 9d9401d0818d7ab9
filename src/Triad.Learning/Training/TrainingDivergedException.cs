namespace Triad.Learning.Training;

/// <summary>The loss became NaN or infinite; the message names the epoch, batch and learning rate.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public TrainingDivergedException() : base("training diverged")
    {
    }

    /// <summary>Creates the exception wrapping an inner one.</summary>
    public TrainingDivergedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
