using System.Text.Json.Nodes;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

/// <summary>A whole run on a user CSV file with a YAML spec: train, then eval, which must be told the file.</summary>
public sealed class CsvRunTests : IDisposable
{
    private const string TinySpec = "name: tiny\ninput: [2]\nlayers:\n  - type: dense\n    units: 8\n  - type: tanh\n  - type: dense\n    units: 3\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private (string Csv, string Out, JsonObject Report) TrainOnBlobs()
    {
        string csv = _folder.Write("blobs.csv", TestData.BlobsCsv(rowsPerClass: 20, seed: 3));
        string spec = _folder.Write("tiny.yaml", TinySpec);
        string output = _folder.File("out");
        CliResult result = TriadCli.Run("train", "--data", csv, "--model", spec, "--epochs", "3", "--validation", "0", "--seed", "5",
            "--out", output, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return (csv, output, JsonNode.Parse(result.Stdout)!.AsObject());
    }

    [Fact]
    public void Train_CsvFileWithYamlSpec_TrainsAndNamesDataAfterTheFile()
    {
        (_, _, JsonObject report) = TrainOnBlobs();

        Assert.Equal("blobs", (string?)report["data"]!["name"]);
        Assert.Equal("csv", (string?)report["data"]!["kind"]);
        Assert.Equal("tiny", (string?)report["model"]!["name"]);
        Assert.Equal(12, (int)report["test"]!["samples"]!); // 20% of 20 rows in each of 3 classes
        Assert.Null(report["history"]![0]!["validationLoss"]); // no validation split: null, not NaN
    }

    [Fact]
    public void Train_WithoutValidationSplit_EpochLinesSayNoValidationAndPatienceIsOff()
    {
        string csv = _folder.Write("blobs.csv", TestData.BlobsCsv(rowsPerClass: 20, seed: 3));
        string spec = _folder.Write("tiny.yaml", TinySpec);
        CliResult result = TriadCli.Run("train", "--data", csv, "--model", spec, "--epochs", "2", "--validation", "0",
            "--patience", "4", "--out", _folder.File("plain"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("epoch 2/2: train loss", result.Stdout);
        Assert.Contains("no validation split", result.Stdout);
        Assert.DoesNotContain("NaN", result.Stdout);
        Assert.Contains("patience off", result.Stdout);
    }

    [Fact]
    public void Eval_ModelTrainedOnCsv_FindsTheFileAndMatchesTrainAccuracy()
    {
        (string csv, string output, JsonObject report) = TrainOnBlobs();
        string model = Path.Combine(output, "model.triad");

        CliResult result = TriadCli.Run("eval", "--model", model, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        JsonObject evaluation = JsonNode.Parse(result.Stdout)!["evaluation"]!.AsObject();
        Assert.Equal((double)report["test"]!["accuracy"]!, (double)evaluation["accuracy"]!);
        Assert.Equal(12, (int)evaluation["samples"]!);

        string elsewhere = _folder.File("moved.csv");
        File.Move(csv, elsewhere);
        TriadCli.AssertOneLineError(TriadCli.Run("eval", "--model", model), 2, "--data", csv);
        CliResult moved = TriadCli.Run("eval", "--model", model, "--data", elsewhere, "--json");
        Assert.True(moved.ExitCode == 0, moved.ToString());
        Assert.Equal((double)report["test"]!["accuracy"]!, (double)JsonNode.Parse(moved.Stdout)!["evaluation"]!["accuracy"]!);
    }

    [Fact]
    public void Resume_RunOnCsvNamedLikeABuiltInSet_ContinuesOnTheFileNotTheBuiltIn()
    {
        // A user file called iris.csv must not be swapped for the built-in iris data set on resume.
        string csv = _folder.Write("iris.csv", TestData.BlobsCsv(rowsPerClass: 20, seed: 3));
        string spec = _folder.Write("tiny.yaml", TinySpec);
        string output = _folder.File("out");
        CliResult first = TriadCli.Run("train", "--data", csv, "--model", spec, "--epochs", "1", "--validation", "0", "--out", output, "--json");
        Assert.True(first.ExitCode == 0, first.ToString());

        CliResult resumed = TriadCli.Run("train", "--resume", Path.Combine(output, "checkpoint.triad"), "--epochs", "2", "--json");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        JsonNode data = JsonNode.Parse(resumed.Stdout)!["data"]!;
        Assert.Equal("csv", (string?)data["kind"]);
        Assert.Equal(48, (int)data["trainSamples"]!);
        TriadCli.AssertOneLineError(
            TriadCli.Run("train", "--resume", Path.Combine(output, "checkpoint.triad"), "--epochs", "3", "--data", "iris"), 2, "'iris'", csv);
    }

    [Fact]
    public void Resume_WithAnotherTestFraction_IsRefused()
    {
        (_, string output, _) = TrainOnBlobs();
        CliResult result = TriadCli.Run("train", "--resume", Path.Combine(output, "checkpoint.triad"), "--epochs", "4", "--test-fraction", "0.4");
        TriadCli.AssertOneLineError(result, 2, "--test-fraction 0.4", "0.2");
    }
}
