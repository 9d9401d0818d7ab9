using System.Globalization;
using BenchmarkDotNet.Running;

namespace Triad.Benchmarks;

/// <summary>
/// A summary column with the throughput of an n×n by n×n matrix product, 2n³ / mean time, in GFLOP/s,
/// n being the benchmark's integer parameter <c>parameterName</c>.
/// </summary>
public sealed class GflopsColumn(string parameterName = "N") : ThroughputColumn
{
    public override string Id => $"{nameof(GflopsColumn)}.{parameterName}";

    public override string ColumnName => "GFLOP/s";

    public override string Legend => $"2·{parameterName}³ floating-point operations / Mean, in 10⁹ per second";

    // Operations per nanosecond are 10⁹ operations per second.
    protected override string? Value(BenchmarkCase benchmarkCase, double meanNanoseconds) =>
        benchmarkCase.Parameters[parameterName] is int n
            ? (2.0 * n * n * n / meanNanoseconds).ToString("F2", CultureInfo.InvariantCulture)
            : null;
}
