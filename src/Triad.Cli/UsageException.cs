namespace Triad.Cli;

/// <summary>
/// A command-line option has a value the command cannot use; the message names the option and the value,
/// e.g. <c>--lr -0.1: the learning rate must be positive</c>. Reported with <see cref="ExitCodes.BadInput"/>.
/// </summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception with a message that names the option.</summary>
    public UsageException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public UsageException() : base("invalid command line")
    {
    }

    /// <summary>Creates the exception wrapping an inner one.</summary>
    public UsageException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
