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

    [Fact]
    public void BenchGemm_SizesAndShapesBothPrecisions_ReportsEveryProductWithConsistentTimes()
    {
        CliResult result = TriadCli.Run("bench", "gemm", "--sizes", "8,17", "--shapes", "5x7x300:TN,40x3x2:NT",
            "--precision", "both", "--threads", "1", "--repetitions", "3", "--seconds", "0.002", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonObject bench = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal("bench gemm", (string)bench["command"]!);
        Assert.Equal(1, (int)bench["threads"]!);
        JsonArray rows = bench["results"]!.AsArray();
        string[] expected = ["float32 8x8x8 NN", "float32 17x17x17 NN", "float32 5x7x300 TN", "float32 40x3x2 NT",
            "float64 8x8x8 NN", "float64 17x17x17 NN", "float64 5x7x300 TN", "float64 40x3x2 NT"];
        Assert.Equal(expected, rows.Select(r =>
            $"{(string)r!["precision"]!} {(int)r["m"]!}x{(int)r["n"]!}x{(int)r["k"]!} {((bool)r["transposeA"]! ? "T" : "N")}{((bool)r["transposeB"]! ? "T" : "N")}").ToArray());
        Assert.All(rows, r =>
        {
            double flops = 2.0 * (int)r!["m"]! * (int)r["n"]! * (int)r["k"]!;
            double best = (double)r["bestSeconds"]!, median = (double)r["medianSeconds"]!;
            Assert.True(best > 0 && best <= median, $"best {best} s, median {median} s");
            // GFLOP/s must be the flop count over the reported time, not some other quantity.
            Assert.Equal(flops / best / 1e9, (double)r["bestGflops"]!, 6);
            Assert.Equal(flops / median / 1e9, (double)r["medianGflops"]!, 6);
            Assert.Equal(3, (int)r["repetitions"]!);
            Assert.True((int)r["callsPerRepetition"]! >= 1);
        });
    }

    [Fact]
    public void BenchGemm_TextOutput_ShowsTableWithEveryShape()
    {
        CliResult result = TriadCli.Run("bench", "gemm", "--sizes", "9", "--shapes", "3x4x5:TT", "--precision", "float64",
            "--threads", "1", "--repetitions", "1", "--seconds", "0.001");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("9×9×9", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("3×4×5", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("TT", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("float32", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--precision", "half", "'half'")]
    [InlineData("--shapes", "4x4", "'4x4'")]
    [InlineData("--shapes", "4x4x4:NX", "'4x4x4:NX'")]
    [InlineData("--shapes", "4x0x4", "'4x0x4'")]
    [InlineData("--repetitions", "0", "--repetitions 0")]
    public void BenchGemm_BadOption_OneLineErrorNamingIt(string option, string value, string mention)
    {
        TriadCli.AssertOneLineError(TriadCli.Run("bench", "gemm", "--sizes", "8", option, value, "--seconds", "0.001"), 2, option, mention);
    }

    [Fact]
    public void ParseShapes_TransposeSuffixes_ParsedPerOperand()
    {
        BenchGemmCommand.Shape[] shapes = BenchGemmCommand.ParseShapes("43264x16x9:NT, 16×9×43264:tn,2x3x4");

        Assert.Equal(
            [new(43264, 16, 9, false, true), new(16, 9, 43264, true, false), new(2, 3, 4, false, false)],
            shapes);
    }
}
