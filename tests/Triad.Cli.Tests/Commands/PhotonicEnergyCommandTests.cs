using System.Text.Json;
using Triad.Cli.Tests.TestSupport;
using Triad.Numerics.Random;
using Triad.Photonics.Components;
using Triad.Photonics.Meshes;

namespace Triad.Cli.Tests.Commands;

/// <summary><c>triad photonic energy</c>: the pJ/MAC breakdown as JSON against hand arithmetic, and bad input as one line.</summary>
public sealed class PhotonicEnergyCommandTests
{
    [Fact]
    public void Json_64Modes8Bits10Gsps_MatchesHandArithmetic()
    {
        CliResult result = TriadCli.Run("photonic", "energy", "--modes", "64", "--bits", "8", "--rate", "10", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        JsonElement root = doc.RootElement, pj = root.GetProperty("pjPerMac");
        // Converters: 34 fJ·2^8 per sample, 64 samples per 64² MACs = 0.136 pJ/MAC each; TIA 170 fJ/64; modulator 0.9 fJ/64.
        Assert.Equal(0.136, pj.GetProperty("adc").GetDouble(), 1e-12);
        Assert.Equal(0.136, pj.GetProperty("dac").GetDouble(), 1e-12);
        Assert.Equal(0.17 / 64, pj.GetProperty("tia").GetDouble(), 1e-12);
        Assert.Equal(0.9e-3 / 64, pj.GetProperty("modulator").GetDouble(), 1e-15);
        // Laser: 0.16895 mW per detector through 64·0.46 dB, over η = 0.2, 10 GS/s and 64 MACs per detector.
        Assert.Equal(1.6895220666e-4 * Math.Pow(10, 2.944) / (0.2 * 10e9 * 64) * 1e12, pj.GetProperty("laser").GetDouble(), 1e-6);
        // Heaters hold the phases of the seed-1 Haar unitary: recompute them here.
        MeshPhases phases = MeshDecomposition.Decompose(MeshKind.Clements, UnitaryMatrix.Haar(64, new SeededRandom(1)), 64);
        double watts = 0;
        foreach (double x in phases.Theta.Concat(phases.Phi).Concat(phases.Alpha))
        {
            watts += new ThermoOpticPhaseShifter().HeaterPowerMilliwatts(x) * 1e-3;
        }
        Assert.Equal(watts, root.GetProperty("heaterWatts").GetDouble(), 1e-9);
        Assert.Equal(watts / 10e9 / 4096 * 1e12, pj.GetProperty("heaters").GetDouble(), 1e-9);
        double sum = new[] { "laser", "dac", "modulator", "adc", "tia", "heaters" }.Sum(k => pj.GetProperty(k).GetDouble());
        Assert.Equal(sum, pj.GetProperty("total").GetDouble(), 1e-12);
        Assert.Equal(2e-10, root.GetProperty("latency").GetProperty("conversionSeconds").GetDouble(), 1e-20);
        Assert.Equal(34e-15, root.GetProperty("components").GetProperty("adcFomJoulesPerStep").GetDouble(), 1e-27);
    }

    [Fact]
    public void Table_128Modes_PrintsEveryComponent()
    {
        CliResult result = TriadCli.Run("photonic", "energy", "--modes", "128");

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (string name in new[] { "laser", "dac", "modulator", "adc", "tia", "heaters", "total", "latency", "58.88 dB" })
        {
            Assert.Contains(name, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--modes", "0")]
    [InlineData("--bits", "0")]
    [InlineData("--rate", "0")]
    [InlineData("--rate", "NaN")]
    [InlineData("--mzi-loss", "-1")]
    [InlineData("--wall-plug", "1.5")]
    public void BadInput_OneLineError(string option, string value)
    {
        string[] args = option == "--modes"
            ? ["photonic", "energy", "--modes", value]
            : ["photonic", "energy", "--modes", "8", option, value];

        CliResult result = TriadCli.Run(args);

        TriadCli.AssertOneLineError(result, 2, option);
    }
}
