using System.Text.Json;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Training;
using Triad.Numerics.Tensors;

namespace Triad.Cli;

/// <summary>
/// Turns an exception into the one line <c>triad: error: &lt;message&gt;</c> on stderr and an exit code:
/// <see cref="ExitCodes.BadInput"/> for bad options and bad input files, <see cref="ExitCodes.Failure"/>
/// for failures during the work, <see cref="ExitCodes.Interrupted"/> for Ctrl+C. The stack trace follows
/// only in debug mode (<c>TRIAD_DEBUG=1</c>).
/// </summary>
internal static class ErrorReporter
{
    /// <summary>Prefix of every error line.</summary>
    public const string Prefix = "triad: error: ";

    /// <summary>Start of the message for Ctrl+C; an <see cref="OperationCanceledException"/> whose message starts so is shown as it is.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>Writes the error line (and in debug mode the stack trace) and returns the exit code.</summary>
    public static int Report(Exception exception, TextWriter stderr, bool debug)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(stderr);
        int code = ExitCode(exception);
        string message = code == ExitCodes.Failure && !IsExpectedFailure(exception)
            ? $"internal error ({exception.GetType().Name}): {exception.Message}" + (debug ? "" : "; set TRIAD_DEBUG=1 for details")
            : exception is OperationCanceledException
                ? exception.Message.StartsWith(Interrupted, StringComparison.Ordinal) ? exception.Message : Interrupted
                : MessageOf(exception);
        WriteLine(stderr, message);
        if (debug)
        {
            stderr.WriteLine(exception.ToString());
        }
        return code;
    }

    /// <summary>Writes <c>triad: error: message</c> on one line.</summary>
    public static void WriteLine(TextWriter stderr, string message)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        stderr.WriteLine(Prefix + OneLine(message));
    }

    /// <summary>The message with line breaks and runs of white space folded into single spaces.</summary>
    public static string OneLine(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "unknown error";
        }
        return string.Join(' ', message.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>The exception's message, without the "(Parameter 'x')" that argument exceptions append.</summary>
    private static string MessageOf(Exception exception)
    {
        string message = exception.Message;
        if (exception is ArgumentException { ParamName: { } name })
        {
            string suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message[..^suffix.Length];
            }
        }
        return message;
    }

    /// <summary>The exit code for <paramref name="exception"/>.</summary>
    public static int ExitCode(Exception exception) => exception switch
    {
        OperationCanceledException => ExitCodes.Interrupted,
        UsageException or ArgumentException or FileNotFoundException or DirectoryNotFoundException
            or DataFormatException or ModelSpecException or ShapeMismatchException or InvalidDataException
            or JsonException or YamlDotNet.Core.YamlException or Triad.Learning.Specs.SpecFormatException => ExitCodes.BadInput,
        _ => ExitCodes.Failure,
    };

    /// <summary>Failures that are not bugs: their message is shown as it is.</summary>
    private static bool IsExpectedFailure(Exception exception) =>
        exception is TrainingDivergedException or IOException or UnauthorizedAccessException or OutOfMemoryException;
}
