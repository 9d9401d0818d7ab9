using System.CommandLine;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad plan</c>: hardware planning with Triad.Hardware: <c>estimate</c> a training run
/// (<see cref="PlanEstimateCommand"/>), list or show the <c>devices</c> of the catalog (<see cref="PlanDevicesCommand"/>),
/// <c>schedule</c> a task graph with HEFT (<see cref="PlanScheduleCommand"/>), the sampling-clock loop's residual
/// skew (<c>sync</c>, <see cref="PlanSyncCommand"/>), a scaled device profile's costs (<c>whatif</c>, <see cref="PlanWhatifCommand"/>).
/// </summary>
internal static class PlanCommand
{
    /// <summary>The <c>plan</c> command with its subcommands, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("plan", "hardware planning: training-run estimates, the device catalog, heterogeneous schedules, clock synchronisation");
        command.Subcommands.Add(PlanEstimateCommand.Create(context));
        command.Subcommands.Add(PlanDevicesCommand.Create(context));
        command.Subcommands.Add(PlanScheduleCommand.Create(context));
        command.Subcommands.Add(PlanSyncCommand.Create(context));
        command.Subcommands.Add(PlanWhatifCommand.Create(context));
        return command;
    }
}
