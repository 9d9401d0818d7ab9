using System.Text.Json;
using Triad.Cli.Tests.TestSupport;
using Triad.Numerics.Random;
using Triad.Photonics.Meshes;
using Triad.Photonics.Wdm;

namespace Triad.Cli.Tests.Commands;

/// <summary><c>triad photonic wdm</c>: the JSON against the library, and bad input as one line.</summary>
public sealed class PhotonicWdmCommandTests
{
    [Fact]
    public void Json_MatchesLibrary_AndOneChannelIsExact()
    {
        CliResult result = TriadCli.Run("photonic", "wdm", "--modes", "8", "--channels", "1,4", "--isolation", "30", "--seed", "5", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Stdout);
        JsonElement[] rows = doc.RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Equal(1.0, rows[0].GetProperty("minFidelity").GetDouble(), 1e-12);
        Assert.Equal(0, rows[0].GetProperty("intensityError").GetDouble(), 1e-12);
        MeshPhases phases = MeshDecomposition.Decompose(MeshKind.Clements, UnitaryMatrix.Haar(8, new SeededRandom(5)), 8);
        WdmResult expected = WdmMesh.Run(phases, new WdmChannels(4) { IsolationDb = 30 }, 16, 5);
        Assert.Equal(4, rows[1].GetProperty("throughputGain").GetInt32());
        Assert.Equal(2.4, rows[1].GetProperty("spanNm").GetDouble(), 1e-9);
        Assert.Equal(expected.MeanFidelity, rows[1].GetProperty("meanFidelity").GetDouble(), 1e-12);
        Assert.Equal(expected.IntensityError, rows[1].GetProperty("intensityError").GetDouble(), 1e-12);
        Assert.True(expected.IntensityError > 0.001, "30 dB isolation alone leaks 0.1 % per neighbour");
    }

    [Theory]
    [InlineData("--channels", "0")]
    [InlineData("--channels", "2,x")]
    [InlineData("--isolation", "-1")]
    [InlineData("--spacing", "0")]
    [InlineData("--modes", "1")]
    [InlineData("--vectors", "0")]
    public void BadInput_OneLineError(string option, string value)
    {
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "wdm", "--modes", option == "--modes" ? value : "4", option == "--modes" ? "--seed" : option, option == "--modes" ? "1" : value), 2, option);
    }

    [Fact]
    public void SpacingPastZeroWavelength_OneLineError()
    {
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "wdm", "--modes", "2", "--channels", "16", "--spacing", "1000"), 2, "--spacing", "at or below 0");
    }
}
