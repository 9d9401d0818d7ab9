using System.Globalization;
using Spectre.Console;
using Triad.Learning.Data;
using Triad.Learning.Training;

namespace Triad.Cli.Rendering;

/// <summary>
/// Runs <see cref="ITrainer.Fit"/> under a live progress bar over all planned mini-batches, whose caption shows
/// the epoch, the running training loss and the last validation accuracy. Only for interactive terminals:
/// callers train without it when stdout is redirected or <c>--json</c> is given.
/// </summary>
internal static class TrainingProgressView
{
    /// <summary>Trains with the progress bar drawn on <paramref name="console"/>.</summary>
    public static IReadOnlyList<EpochMetrics> Fit(IAnsiConsole console, ITrainer trainer, Dataset train, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(trainer);
        return console.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                int planned = trainer.State.Options.Epochs;
                ProgressTask task = context.AddTask(Markup.Escape($"epoch {trainer.State.EpochsCompleted + 1}/{planned}"));
                double lastValidation = trainer.State.History.Count > 0 ? trainer.State.History[^1].ValidationAccuracy : double.NaN;
                var progress = new SyncProgress<TrainingProgress>(p =>
                {
                    task.MaxValue = (double)p.Epochs * p.Batches;
                    task.Value = ((double)(p.Epoch - 1) * p.Batches) + p.Batch;
                    if (p.Completed is { } done)
                    {
                        lastValidation = done.ValidationAccuracy;
                    }
                    string validation = double.IsFinite(lastValidation) ? $"  val acc {Format.Percent(lastValidation)}" : "";
                    task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                        $"epoch {p.Epoch}/{p.Epochs}  loss {Format.Fixed4(p.RunningLoss)}{validation}"));
                });
                IReadOnlyList<EpochMetrics> history = trainer.Fit(train, progress, cancellation);
                task.Value = task.MaxValue;
                task.StopTask();
                return history;
            });
    }
}
