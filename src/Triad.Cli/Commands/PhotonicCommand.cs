using System.CommandLine;

namespace Triad.Cli.Commands;

/// <summary><c>triad photonic</c>: photonic meshes (Triad.Photonics). Subcommands: <c>decompose</c>, <c>energy</c>, <c>drift</c>, <c>wdm</c>, <c>sweep</c>, <c>map</c>, <c>drift-accuracy</c>, <c>map-experiment</c>.</summary>
internal static class PhotonicCommand
{
    /// <summary>The <c>photonic</c> command group, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("photonic", "photonic MZI meshes: decompose a unitary into phases, energy per MAC, thermal drift, WDM, defect sweeps, mapping a trained model's dense layers");
        command.Subcommands.Add(PhotonicDecomposeCommand.Create(context));
        command.Subcommands.Add(PhotonicEnergyCommand.Create(context));
        command.Subcommands.Add(PhotonicDriftCommand.Create(context));
        command.Subcommands.Add(PhotonicWdmCommand.Create(context));
        command.Subcommands.Add(PhotonicSweepCommand.Create(context));
        command.Subcommands.Add(PhotonicMapCommand.Create(context));
        command.Subcommands.Add(PhotonicDriftAccuracyCommand.Create(context));
        command.Subcommands.Add(PhotonicMapExperimentCommand.Create(context));
        return command;
    }
}
