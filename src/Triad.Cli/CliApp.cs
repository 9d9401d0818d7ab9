using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Triad.Cli.Commands;

namespace Triad.Cli;

/// <summary>
/// The <c>triad</c> command line: builds the commands, parses the arguments and runs one command, turning every
/// error into one line on stderr and an exit code (<see cref="ExitCodes"/>). Everything is written through a
/// <see cref="CliContext"/>, so tests run commands in-process over string writers.
/// </summary>
internal static class CliApp
{
    /// <summary>Runs <paramref name="args"/> writing to plain writers (no terminal); returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, CliContext.ForWriters(stdout, stderr));

    /// <summary>Runs <paramref name="args"/> in <paramref name="context"/>; returns the exit code.</summary>
    public static int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        RootCommand root = BuildRoot(context);
        ParseResult parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            var names = new List<string>();
            for (SymbolResult? r = parsed.CommandResult; r is CommandResult c && c.Command is not RootCommand; r = c.Parent)
            {
                names.Insert(0, c.Command.Name);
            }
            string command = string.Join(" ", ["triad", .. names]);
            ErrorReporter.WriteLine(context.Stderr, $"{string.Join("; ", parsed.Errors.Select(Describe))} (see '{command} --help')");
            return ExitCodes.BadInput;
        }
        return parsed.Invoke(new InvocationConfiguration
        {
            Output = context.Stdout,
            Error = context.Stderr,
            EnableDefaultExceptionHandler = false,
        });
    }

    /// <summary>
    /// A parse error's message with the option it concerns in front when the parser left it out ("Argument 'float16'
    /// not recognized" becomes "--precision: Argument 'float16' not recognized"), so the line names the input.
    /// </summary>
    private static string Describe(ParseError error)
    {
        Option? option = error.SymbolResult switch
        {
            OptionResult o => o.Option,
            ArgumentResult { Parent: OptionResult o } => o.Option,
            _ => null,
        };
        return option is null || error.Message.Contains(option.Name, StringComparison.Ordinal) ? error.Message : $"{option.Name}: {error.Message}";
    }

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand(
            "triad: train, evaluate and inspect neural networks for photonic, quantum and electronic hardware. " +
            "Errors are one line on stderr; exit codes: 0 success, 1 failure during the work, 2 bad usage or input, " +
            "130 interrupted. Set TRIAD_DEBUG=1 for stack traces.");
        root.Subcommands.Add(TrainCommand.Create(context));
        root.Subcommands.Add(EvalCommand.Create(context));
        root.Subcommands.Add(InfoCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        root.Subcommands.Add(PlanCommand.Create(context));
        root.Subcommands.Add(AuditCommand.Create(context));
        root.Subcommands.Add(PhotonicCommand.Create(context));
        root.Subcommands.Add(QuantumCommand.Create(context));
        return root;
    }

    /// <summary>Runs a command's work, reporting any exception as one line (see <see cref="ErrorReporter"/>).</summary>
    public static int Guard(CliContext context, Func<int> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return work();
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, context.Stderr, context.Debug);
        }
    }
}
