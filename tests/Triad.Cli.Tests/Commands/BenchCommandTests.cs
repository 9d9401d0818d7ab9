using System.Text.Json.Nodes;
using CsCheck;
using Triad.Cli.Commands;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_SmallSizes_ReportsBothLibrariesBothTypesAndTrainingRate()
    {
        CliResult result = TriadCli.Run("bench", "--sizes", "8,17", "--seconds", "0.01", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonObject bench = JsonNode.Parse(result.Stdout)!.AsObject();
        JsonArray rows = bench["matmul"]!.AsArray();
        Assert.Equal(["8 double", "17 double", "8 float", "17 float"], rows.Select(r => $"{(int)r!["size"]!} {(string)r["type"]!}").ToArray());
        Assert.All(rows, r =>
        {
            Assert.True((double)r!["triadGflops"]! > 0);
            Assert.True((double)r["mathNetGflops"]! > 0);
            Assert.Equal((double)r["triadGflops"]! / (double)r["mathNetGflops"]!, (double)r["ratio"]!, 9);
        });
        Assert.True((double)bench["training"]!["samplesPerSecond"]! > 0);
    }

    [Fact]
    public void Bench_BadSizes_NamesTheOption()
    {
        TriadCli.AssertOneLineError(TriadCli.Run("bench", "--sizes", "256,zero"), 2, "--sizes", "'zero'");
    }

    [Fact]
    public void ParseSizes_AnyListOfValidOrders_RoundTrips()
    {
        Gen.Int[1, 8192].Array[1, 6].Sample(sizes =>
        {
            string text = string.Join(", ", sizes);
            Assert.Equal(sizes, BenchCommand.ParseSizes(text));
        });
    }

    [Fact]
    public void ParseSizes_OrderOutOfRange_IsUsageError()
    {
        Gen.OneOf(Gen.Int[int.MinValue, 0], Gen.Int[8193, int.MaxValue]).Sample(n =>
        {
            Assert.Throws<UsageException>(() => BenchCommand.ParseSizes($"64,{n}"));
        });
    }
}
