using System.Globalization;
using BenchmarkDotNet.Running;

namespace Triad.Benchmarks;

/// <summary>A summary column with training throughput: samples per operation / mean time, in samples per second.</summary>
public sealed class SamplesPerSecondColumn(int samplesPerOperation) : ThroughputColumn
{
    public override string ColumnName => "samples/s";

    public override string Legend => $"{samplesPerOperation} samples / Mean, per second";

    protected override string? Value(BenchmarkCase benchmarkCase, double meanNanoseconds) =>
        (samplesPerOperation * 1e9 / meanNanoseconds).ToString("F0", CultureInfo.InvariantCulture);
}
