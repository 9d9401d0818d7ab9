namespace Triad.Cli;

/// <summary>Process exit codes of the <c>triad</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The work failed part way (training diverged, a file could not be written, an internal error).</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or bad input: an unknown option, an out-of-range value, a missing or corrupt file.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
