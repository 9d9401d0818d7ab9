using Triad.Cli;

// The process entry point: wires the real console and Ctrl+C to CliApp, which does the work.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C asks the run to stop after the current batch; a second one ends the process.
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};
return CliApp.Run(args, CliContext.ForConsole(cancellation.Token));
