using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Triad.Benchmarks;

/// <summary>
/// A numeric summary column computed from a benchmark case's mean time; subclasses give the name, the legend
/// and the value, or null where it cannot be computed (shown as "-").
/// </summary>
public abstract class ThroughputColumn : IColumn
{
    public abstract string ColumnName { get; }

    public abstract string Legend { get; }

    public virtual string Id => GetType().Name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    /// <summary>The value for a case whose mean time is <paramref name="meanNanoseconds"/> (&gt; 0).</summary>
    protected abstract string? Value(BenchmarkCase benchmarkCase, double meanNanoseconds);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        double? mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 ? Value(benchmarkCase, mean.Value) ?? "-" : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
