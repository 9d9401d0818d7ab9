using System.Text.Json;
using Triad.Cli.Tests.TestSupport;
using Triad.Learning.Models;
using Triad.Learning.Serialization;
using Triad.Photonics.Components;

namespace Triad.Cli.Tests.Commands;

/// <summary><c>triad photonic drift-accuracy</c>: a trained iris-onn under a step of ambient temperature, its files, and bad input.</summary>
public sealed class PhotonicDriftAccuracyCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Json_StepTrace_EveryRemedyStartsAtTheUndriftedAccuracy_AndTheFilesHoldEveryScoredSample()
    {
        string run = _folder.File("run");
        CliResult trained = TriadCli.Run("train", "--model", "iris-onn", "--data", "iris", "--epochs", "40", "--lr", "0.01", "--seed", "42", "--out", run, "--json");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        string csv = _folder.File("acc.csv"), svg = _folder.File("acc.svg");

        CliResult r = TriadCli.Run("photonic", "drift-accuracy", "--model", Path.Combine(run, "model.triad"), "--trace", "step", "--height", "10",
            "--duration", "4", "--dt", "1", "--gradient", "0", "--interval", "1", "--score-every", "1", "--csv", csv, "--svg", svg, "--json");

        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("meshes").GetInt32());
        double undrifted = root.GetProperty("undriftedAccuracy").GetDouble();
        JsonElement[] remedies = [.. root.GetProperty("remedies").EnumerateArray()];
        Assert.Equal(["none", "monitor", "recalibrate", "pid", "cooled"], remedies.Select(x => x.GetProperty("remedy").GetString()));
        foreach (JsonElement remedy in remedies)
        {
            double[] acc = [.. remedy.GetProperty("accuracy").EnumerateArray().Select(e => e.GetDouble())];
            Assert.Equal(5, acc.Length);
            Assert.Equal(undrifted, acc[0], 12);
        }
        Assert.Equal(0, remedies[0].GetProperty("meanPowerWatts").GetDouble());
        Assert.Equal(2 * 2 * new ThermoOpticPhaseShifter().PiPowerMilliwatts / 2 * 1e-3, remedies[1].GetProperty("meanPowerWatts").GetDouble(), 12);
        // Monitors read every second and a uniform step is all there is: the offset correction is exact.
        Assert.All(remedies[1].GetProperty("accuracy").EnumerateArray(), e => Assert.Equal(undrifted, e.GetDouble(), 12));
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal("time_s,ambient_k,accuracy_none,accuracy_monitor,accuracy_recalibrate,accuracy_pid,accuracy_cooled", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("4,10,", lines[^1], StringComparison.Ordinal);
        Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_BalancedArmsWithoutImbalance_AUniformStepChangesNothing()
    {
        string path = _folder.File("onn.triad");
        ModelFile.Save(path, Model<float>.Build(BuiltInModels.Get("iris-onn"), 3), new ModelMetadata { DataSet = "iris", Seed = 42, TestFraction = 0.2 });

        CliResult r = TriadCli.Run("photonic", "drift-accuracy", "--model", path, "--trace", "step", "--height", "10", "--duration", "4", "--dt", "1",
            "--gradient", "0", "--arms", "balanced", "--arm-imbalance", "0", "--score-every", "1", "--json");

        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal("balanced", root.GetProperty("chip").GetProperty("arms").GetString());
        Assert.Equal(0, root.GetProperty("chip").GetProperty("armImbalanceMeters").GetDouble());
        double undrifted = root.GetProperty("undriftedAccuracy").GetDouble();
        // Both arms of every MZI warm alike and every mode picks up the same phase: only a global phase, which detection cannot see.
        JsonElement none = root.GetProperty("remedies").EnumerateArray().First();
        Assert.Equal("none", none.GetProperty("remedy").GetString());
        Assert.All(none.GetProperty("accuracy").EnumerateArray(), e => Assert.Equal(undrifted, e.GetDouble(), 12));
    }

    [Fact]
    public void MissingModel_OneLineError()
    {
        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "drift-accuracy", "--model", _folder.File("none.triad")), 2, "none.triad", "no such model file");
    }

    [Fact]
    public void ModelWithoutMeshes_OneLineError()
    {
        string path = _folder.File("mlp.triad");
        ModelFile.Save(path, Model<float>.Build(BuiltInModels.Get("iris-mlp"), 1), new ModelMetadata { DataSet = "iris", Seed = 42, TestFraction = 0.2 });

        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "drift-accuracy", "--model", path), 2, "mlp.triad", "no photonic mesh");
    }

    [Theory]
    [InlineData("--score-every", "0")]
    [InlineData("--dt", "0")]
    [InlineData("--crosstalk", "1")]
    [InlineData("--arm-imbalance", "-200")]
    [InlineData("--arms", "tilted")]
    public void BadOption_OneLineErrorNamingIt(string option, string value)
    {
        string path = _folder.File("onn.triad");
        ModelFile.Save(path, Model<float>.Build(BuiltInModels.Get("iris-onn"), 1), new ModelMetadata { DataSet = "iris", Seed = 42, TestFraction = 0.2 });

        TriadCli.AssertOneLineError(TriadCli.Run("photonic", "drift-accuracy", "--model", path, option, value), 2, option);
    }
}
