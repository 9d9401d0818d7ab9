using System.Globalization;
using System.Text;
using Triad.Learning.Training;

namespace Triad.Cli.Output;

/// <summary>
/// The per-epoch metrics as CSV: a header line, then one line per epoch, numbers in the invariant culture
/// with full precision; a metric that does not exist (validation without a validation split) is an empty field.
/// </summary>
internal static class HistoryCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,seconds,samples_per_second";

    /// <summary>The CSV text for <paramref name="history"/>.</summary>
    public static string Format(IEnumerable<EpochMetrics> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var text = new StringBuilder(Header).Append('\n');
        foreach (EpochMetrics m in history)
        {
            text.Append(m.Epoch.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(Field(m.TrainLoss))
                .Append(',').Append(Field(m.TrainAccuracy))
                .Append(',').Append(Field(m.ValidationLoss))
                .Append(',').Append(Field(m.ValidationAccuracy))
                .Append(',').Append(Field(m.Seconds))
                .Append(',').Append(Field(m.SamplesPerSecond))
                .Append('\n');
        }
        return text.ToString();
    }

    private static string Field(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";
}
