using System.Text.Json;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

/// <summary><c>triad photonic sweep</c>: closed forms on one MZI, the σ² law, files, and bad input as one line.</summary>
public sealed class PhotonicSweepCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static JsonElement[] Rows(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout).RootElement.GetProperty("results").EnumerateArray().ToArray();
    }

    [Fact]
    public void Temperature_OneMzi_IsCosToTheFourth()
    {
        JsonElement[] rows = Rows(TriadCli.Run("photonic", "sweep", "--param", "temperature", "--values", "0,1,2,5", "--modes", "2", "--trials", "1", "--json"));
        double kappa = 2 * Math.PI * 100e-6 * 1.8e-4 / 1.55e-6;
        foreach (JsonElement r in rows)
        {
            double dt = r.GetProperty("value").GetDouble();
            Assert.Equal(Math.Pow(Math.Cos(kappa * dt / 2), 4), r.GetProperty("meanFidelity").GetDouble(), 1e-12);
        }
    }

    [Fact]
    public void Loss_OneMzi_ScalesPowerOnly()
    {
        JsonElement[] rows = Rows(TriadCli.Run("photonic", "sweep", "--param", "loss", "--values", "0,0.5,3", "--modes", "2", "--trials", "2", "--json"));
        foreach (JsonElement r in rows)
        {
            Assert.Equal(Math.Pow(10, -r.GetProperty("value").GetDouble() / 10), r.GetProperty("transmission").GetDouble(), 1e-12);
            Assert.Equal(1.0, r.GetProperty("meanFidelity").GetDouble(), 1e-12);
        }
    }

    [Fact]
    public void PhaseError_InfidelityGrowsAsSigmaSquared_AndFilesAreWritten()
    {
        string csv = _folder.File("s.csv"), svg = _folder.File("s.svg");
        JsonElement[] rows = Rows(TriadCli.Run("photonic", "sweep", "--param", "phase", "--values", "0,0.01,0.02", "--modes", "8", "--trials", "40",
            "--csv", csv, "--svg", svg, "--json"));
        Assert.Equal(1.0, rows[0].GetProperty("meanFidelity").GetDouble(), 1e-12);
        double a = 1 - rows[1].GetProperty("meanFidelity").GetDouble(), b = 1 - rows[2].GetProperty("meanFidelity").GetDouble();
        Assert.InRange(b / a, 3.5, 4.5);
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal("phase,mean_fidelity,std_fidelity,transmission", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("phase", "0,x", "--values", "not a finite number")]
    [InlineData("phase", "-0.1", "--values", "at least 0")]
    [InlineData("coupler", "2", "--values", "at most 1")]
    [InlineData("bits", "0", "--values", "1 to 32")]
    [InlineData("bits", "2.5", "--values", "whole numbers")]
    [InlineData("loss", "NaN", "--values", "not a finite number")]
    public void BadValues_OneLineError(string param, string values, string option, string rule)
    {
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "sweep", "--param", param, "--values", values, "--modes", "4"), 2, option, rule);
    }

    [Theory]
    [InlineData("--modes", "1")]
    [InlineData("--trials", "0")]
    public void BadSize_OneLineError(string option, string value)
    {
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "sweep", "--param", "phase", "--values", "0.1", option, value), 2, option);
    }
}
