using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Triad.Benchmarks;

/// <summary>
/// A summary column with the throughput of an n×n by n×n matrix product, 2n³ / mean time, in GFLOP/s,
/// n being the benchmark's integer parameter <c>parameterName</c>.
/// </summary>
public sealed class GflopsColumn(string parameterName = "N") : IColumn
{
    public string Id => $"{nameof(GflopsColumn)}.{parameterName}";

    public string ColumnName => "GFLOP/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"2·{parameterName}³ floating-point operations / Mean, in 10⁹ per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (meanNanoseconds is not > 0 || benchmarkCase.Parameters[parameterName] is not int n)
        {
            return "-";
        }
        // Operations per nanosecond are 10⁹ operations per second.
        double gflops = 2.0 * n * n * n / meanNanoseconds.Value;
        return gflops.ToString("F2", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
