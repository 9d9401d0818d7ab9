using BenchmarkDotNet.Configs;

namespace Triad.Benchmarks;

/// <summary>Adds the GFLOP/s column (from the <c>N</c> parameter) to the default configuration.</summary>
public sealed class MatMulConfig : ManualConfig
{
    public MatMulConfig() => AddColumn(new GflopsColumn("N"));
}
