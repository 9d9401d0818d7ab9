using System.Text.Json;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

/// <summary><c>triad photonic map-experiment</c>: a small iris run's JSON and bad lists as one line.</summary>
public sealed class PhotonicMapExperimentCommandTests
{
    [Fact]
    public void Json_SmallIrisRun_MapsExactly_AndGivesARowPerSigma()
    {
        CliResult r = TriadCli.Run("photonic", "map-experiment", "--data", "iris", "--seeds", "1", "--chips", "2", "--epochs", "100",
            "--tune-epochs", "2", "--sigmas", "0,0.1", "--mesh", "reck", "--json");

        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal(4, root.GetProperty("modes").GetInt32());
        Assert.Equal("reck", root.GetProperty("mesh").GetString());
        Assert.InRange(root.GetProperty("largestOutputDifference").GetDouble(), 0, 1e-9);
        double electronic = root.GetProperty("electronicAccuracy")[0].GetDouble();
        Assert.Equal(electronic, root.GetProperty("mappedIdealAccuracy")[0].GetDouble());
        JsonElement[] rows = [.. root.GetProperty("rows").EnumerateArray()];
        Assert.Equal([0, 0.1], rows.Select(x => x.GetProperty("phaseError").GetDouble()));
        Assert.Equal(electronic, rows[0].GetProperty("mapped").GetDouble());
        Assert.All(rows, x => Assert.InRange(x.GetProperty("hardwareAwarePhaseNoise").GetDouble(), 0, 1));
    }

    [Theory]
    [InlineData("--sigmas", "0,-0.1")]
    [InlineData("--sigmas", "NaN")]
    [InlineData("--seeds", "1,x")]
    [InlineData("--chips", "0")]
    [InlineData("--coupler-error", "2")]
    public void BadOption_OneLineErrorNamingIt(string option, string value)
    {
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "map-experiment", "--data", "iris", option, value), 2, option);
    }
}
