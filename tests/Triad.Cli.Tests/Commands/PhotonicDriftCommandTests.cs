using System.Text.Json;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

/// <summary><c>triad photonic drift</c>: fidelity against ΔT and time in closed form for one MZI, files, and bad input as one line.</summary>
public sealed class PhotonicDriftCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // One MZI (2 modes) with θ, φ and both α shifted by δ: F = cos⁴(δ/2); δ = κ·ΔT, κ = 2π·100 µm·1.8e-4/1550 nm.
    private static double TwoMode(double deltaKelvin) => Math.Pow(Math.Cos(2 * Math.PI * 100e-6 * 1.8e-4 / 1.55e-6 * deltaKelvin / 2), 4);

    [Fact]
    public void Json_TwoModesOnARamp_MatchesClosedForm()
    {
        string csv = _folder.File("d.csv"), svg = _folder.File("d.svg");
        CliResult result = TriadCli.Run("photonic", "drift", "--modes", "2", "--trace", "ramp", "--slope", "0.5", "--duration", "20", "--dt", "1",
            "--gradient", "0", "--interval", "5", "--csv", csv, "--svg", svg, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal(0.0729660, root.GetProperty("chip").GetProperty("phasePerKelvin").GetDouble(), 1e-7);
        foreach (JsonElement point in root.GetProperty("againstDelta").EnumerateArray())
        {
            Assert.Equal(TwoMode(point.GetProperty("deltaKelvin").GetDouble()), point.GetProperty("fidelity").GetDouble(), 1e-12);
        }
        Assert.Equal(100 * (TwoMode(1) - 1), root.GetProperty("slopePercentPerKelvin").GetDouble(), 1e-10); // −0.133 %/K
        var remedies = root.GetProperty("remedies").EnumerateArray().ToDictionary(r => r.GetProperty("remedy").GetString()!, r => r);
        Assert.Equal(["none", "monitor", "recalibrate", "pid", "cooled"], remedies.Keys.ToArray());
        double[] none = remedies["none"].GetProperty("fidelity").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] recal = remedies["recalibrate"].GetProperty("fidelity").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] cooled = remedies["cooled"].GetProperty("fidelity").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(21, none.Length);
        for (int k = 0; k < none.Length; k++)
        {
            Assert.Equal(TwoMode(0.5 * k), none[k], 1e-12);
            Assert.Equal(TwoMode(0.5 * (k % 5)), recal[k], 1e-12); // recalibrated every 5 s
            Assert.Equal(TwoMode(0.01 * 0.5 * k), cooled[k], 1e-12); // the TEC lets 1 % through
        }
        Assert.Equal(0.1 / 5, remedies["recalibrate"].GetProperty("downtime").GetDouble(), 1e-15);
        Assert.Equal(24.77e-3, remedies["monitor"].GetProperty("meanPowerWatts").GetDouble(), 1e-15);

        string[] lines = File.ReadAllLines(csv);
        Assert.Equal("time_s,ambient_k,fidelity_none,fidelity_monitor,fidelity_recalibrate,fidelity_pid,fidelity_cooled", lines[0]);
        Assert.Equal(22, lines.Length);
        Assert.StartsWith("20,10,", lines[^1], StringComparison.Ordinal);
        Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
    }

    [Fact]
    public void Table_DefaultWalk_ListsEveryRemedyAndTheSlope()
    {
        CliResult result = TriadCli.Run("photonic", "drift", "--modes", "8", "--duration", "10");

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (string word in new[] { "none", "monitor", "recalibrate", "pid", "cooled", "% fidelity per K", "rad/K" })
        {
            Assert.Contains(word, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--modes", "1")]
    [InlineData("--dt", "0")]
    [InlineData("--duration", "0.1")]
    [InlineData("--interval", "-1")]
    [InlineData("--crosstalk", "1")]
    [InlineData("--heater-length", "-5")]
    [InlineData("--wavelength", "NaN")]
    [InlineData("--sigma", "-0.1")]
    public void BadInput_OneLineError(string option, string value)
    {
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "drift", option, value), 2, option);
    }
}
