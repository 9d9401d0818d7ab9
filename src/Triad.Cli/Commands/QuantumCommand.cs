using System.CommandLine;

namespace Triad.Cli.Commands;

/// <summary><c>triad quantum</c>: quantum circuit simulation (subcommands: <c>run</c>, <c>grad</c>, <c>qaoa</c>).</summary>
internal static class QuantumCommand
{
    /// <summary>The <c>quantum</c> command with its subcommands, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("quantum", "simulate quantum circuits (OpenQASM 2.0)");
        command.Subcommands.Add(QuantumRunCommand.Create(context));
        command.Subcommands.Add(QuantumGradCommand.Create(context));
        command.Subcommands.Add(QuantumQaoaCommand.Create(context));
        return command;
    }
}
