using System.Text.Json;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

/// <summary><c>--arms balanced</c> on <c>triad photonic drift</c> and <c>sweep --param temperature</c>: closed forms for one MZI and bad input.</summary>
public sealed class PhotonicBalancedArmsCommandTests
{
    // One balanced MZI at uniform ΔT: only the arm imbalance ΔL acts, δθ = 2π·ΔL·(dn/dT)·ΔT/λ, F = cos²(δθ/2).
    private static double OneMzi(double imbalanceMeters, double deltaKelvin) =>
        Math.Pow(Math.Cos(Math.PI * imbalanceMeters * 1.8e-4 * deltaKelvin / 1.55e-6), 2);

    [Fact]
    public void Sweep_TemperatureBalancedOneMzi_MatchesImbalanceClosedForm()
    {
        CliResult result = TriadCli.Run("photonic", "sweep", "--param", "temperature", "--values", "0,1,10,50", "--modes", "2", "--trials", "1",
            "--arms", "balanced", "--arm-imbalance", "4", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal("balanced", doc.RootElement.GetProperty("arms").GetString());
        Assert.Equal(4e-6, doc.RootElement.GetProperty("armImbalanceMeters").GetDouble(), 1e-18);
        foreach (JsonElement r in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            Assert.Equal(OneMzi(4e-6, r.GetProperty("value").GetDouble()), r.GetProperty("meanFidelity").GetDouble(), 1e-12);
        }
    }

    [Fact]
    public void Sweep_TemperatureTable_NamesTheArmModel()
    {
        CliResult result = TriadCli.Run("photonic", "sweep", "--param", "temperature", "--values", "1", "--modes", "2", "--trials", "1",
            "--arms", "balanced", "--arm-imbalance", "2.5");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("balanced arms, ΔL 2.5 µm", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Drift_BalancedOneMzi_SlopeIsTheImbalanceTerm()
    {
        CliResult result = TriadCli.Run("photonic", "drift", "--modes", "2", "--trace", "step", "--duration", "4", "--dt", "1", "--gradient", "0",
            "--arms", "balanced", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        JsonElement chip = doc.RootElement.GetProperty("chip");
        Assert.Equal("balanced", chip.GetProperty("arms").GetString());
        Assert.Equal(1e-6, chip.GetProperty("armImbalanceMeters").GetDouble(), 1e-18);
        foreach (JsonElement point in doc.RootElement.GetProperty("againstDelta").EnumerateArray())
        {
            Assert.Equal(OneMzi(1e-6, point.GetProperty("deltaKelvin").GetDouble()), point.GetProperty("fidelity").GetDouble(), 1e-12);
        }
        Assert.Equal(100 * (OneMzi(1e-6, 1) - 1), doc.RootElement.GetProperty("slopePercentPerKelvin").GetDouble(), 1e-12);
    }

    [Theory]
    [InlineData("--arms", "sideways")]
    [InlineData("--arm-imbalance", "NaN")]
    [InlineData("--arm-imbalance", "-100")]
    public void Drift_BadArms_OneLineError(string option, string value)
    {
        string[] args = option == "--arms"
            ? ["photonic", "drift", "--modes", "2", "--arms", value]
            : ["photonic", "drift", "--modes", "2", "--arms", "balanced", option, value];
        TriadCli.AssertOneLineError(TriadCli.Run(args), 2, option);
    }

    [Fact]
    public void Drift_ImbalanceWithUnbalancedArms_OneLineError() =>
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "drift", "--modes", "2", "--arm-imbalance", "2"), 2, "--arm-imbalance", "only with --arms balanced");

    [Theory]
    [InlineData("phase", "--arms", "balanced", "only to --param temperature")]
    [InlineData("temperature", "--arm-imbalance", "2", "only with --arms balanced")]
    [InlineData("temperature", "--arms", "sideways", "--arms")]
    public void Sweep_ArmsMisused_OneLineError(string param, string option, string value, string rule)
    {
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "sweep", "--param", param, "--values", "1", "--modes", "2", option, value), 2, option, rule);
    }

    [Fact]
    public void Sweep_ArmImbalanceNotFinite_OneLineError()
    {
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "sweep", "--param", "temperature", "--values", "1", "--modes", "2", "--arms", "balanced",
            "--arm-imbalance", "Infinity"), 2, "--arm-imbalance", "finite");
    }
}
