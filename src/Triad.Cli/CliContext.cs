using Spectre.Console;

namespace Triad.Cli;

/// <summary>
/// Where a command writes and what it may assume about the terminal: plain writers for machine-readable
/// output and errors, a Spectre console over <see cref="Stdout"/> for tables, and whether live progress may
/// be drawn. Tests build one over <see cref="StringWriter"/>s with <see cref="ForWriters"/>.
/// </summary>
internal sealed class CliContext
{
    /// <summary>Width given to tables when the output is not a terminal (files, pipes, tests).</summary>
    private const int RedirectedWidth = 120;

    private CliContext(TextWriter stdout, TextWriter stderr, IAnsiConsole console, bool interactive, bool debug, CancellationToken cancellation)
    {
        Stdout = stdout;
        Stderr = stderr;
        Console = console;
        Interactive = interactive;
        Debug = debug;
        Cancellation = cancellation;
    }

    /// <summary>Standard output: JSON with <c>--json</c>, otherwise what <see cref="Console"/> renders.</summary>
    public TextWriter Stdout { get; }

    /// <summary>Standard error: the one-line error, notes and warnings.</summary>
    public TextWriter Stderr { get; }

    /// <summary>Spectre console writing to <see cref="Stdout"/>, for tables and the progress bar.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Whether stdout is a terminal on which a live progress bar may be drawn.</summary>
    public bool Interactive { get; }

    /// <summary>Whether errors also print their stack trace (environment variable <c>TRIAD_DEBUG=1</c>).</summary>
    public bool Debug { get; }

    /// <summary>Signalled by Ctrl+C; long work stops at the next mini-batch.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>The process console; progress is drawn only when stdout is a terminal.</summary>
    public static CliContext ForConsole(CancellationToken cancellation)
    {
        TextWriter stdout = System.Console.Out, stderr = System.Console.Error;
        bool interactive = !System.Console.IsOutputRedirected;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = RedirectedWidth;
        }
        return new CliContext(stdout, stderr, console, interactive, DebugFromEnvironment(), cancellation);
    }

    /// <summary>Plain writers with no terminal: no colours, no cursor movement, no live progress.</summary>
    public static CliContext ForWriters(TextWriter stdout, TextWriter stderr, bool debug = false, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Interactive = InteractionSupport.No,
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = RedirectedWidth;
        return new CliContext(stdout, stderr, console, interactive: false, debug, cancellation);
    }

    private static bool DebugFromEnvironment() =>
        Environment.GetEnvironmentVariable("TRIAD_DEBUG") is "1" or "true" or "TRUE" or "True";
}
