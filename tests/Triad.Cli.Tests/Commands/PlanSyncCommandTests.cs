using System.Text.Json;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

public class PlanSyncCommandTests
{
    [Fact]
    public void Sync_Order1_TableOfLagOverBandwidthAndPlot()
    {
        // Order-1 lag r·T / K_p, K_p = 1 − exp(−2π f_L T), T = 1 / (100 × 1e5 Hz) (the default update rate):
        // f_L = 1e4 Hz → 1.5965e-11 s = 0.15965 of a 10 GHz cycle (over 0.1); f_L = 1e5 Hz → 0.016421 (under).
        using var folder = new TempFolder();
        string svg = folder.File("skew.svg");
        CliResult r = TriadCli.Run("plan", "sync", "--clock-hz", "10e9", "--order", "1", "--bandwidths", "1e4,1e5", "--drift-rates", "1e-6",
            "--svg", svg, "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        JsonElement[] rows = [.. JsonDocument.Parse(r.Stdout).RootElement.GetProperty("results").EnumerateArray()];
        static double Lag(double fl) => 1e-6 * 1e-7 / (1 - Math.Exp(-2 * Math.PI * fl * 1e-7)) * 10e9;
        Assert.Equal(Lag(1e4), rows[0].GetProperty("maxCycleFraction").GetDouble(), 1e-9);
        Assert.Equal(0.15965, Lag(1e4), 1e-5);
        Assert.False(rows[0].GetProperty("withinThreshold").GetBoolean());
        Assert.Equal(Lag(1e5), rows[1].GetProperty("maxCycleFraction").GetDouble(), 1e-9);
        Assert.Equal(0.016421, Lag(1e5), 1e-6);
        Assert.True(rows[1].GetProperty("withinThreshold").GetBoolean());
        Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
    }

    [Fact]
    public void Sync_Text_MarksCellsOverThreshold()
    {
        CliResult r = TriadCli.Run("plan", "sync", "--clock-hz", "10e9", "--order", "1", "--bandwidths", "1e4", "--drift-rates", "1e-6,1e-9");
        Assert.True(r.ExitCode == 0, r.ToString());
        // Update rate 1e6: lag 1e-6 × 1e-6 / (1 − exp(−0.0628)) = 1.6426e-11 s → 0.164 of a cycle; 1e-9 s/s → 0.000164.
        Assert.Contains("0.164 ✗", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("0.000164", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("0.000164 ✗", r.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bandwidths", "1e3,abc", "--bandwidths '1e3,abc': 'abc' is not a positive number")]
    [InlineData("--drift-rates", "-1", "--drift-rates '-1': '-1' is not a non-negative number")]
    [InlineData("--order", "3", "--order 3: must be 1 or 2")]
    [InlineData("--threshold", "0", "--threshold 0: must lie in (0, 1]")]
    public void Sync_BadOption_OneLineError(string option, string value, string expected)
    {
        var args = new List<string> { "plan", "sync", "--clock-hz", "1e9", "--bandwidths", "1e3", "--drift-rates", "1e-9" };
        int at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }
        TriadCli.AssertOneLineError(TriadCli.Run([.. args]), 2, expected);
    }
}
