using System.Text.Json.Nodes;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

[Collection(TrainedRunCollection.Name)]
public sealed class EvalCommandTests(TrainedRun run)
{
    [Fact]
    public void Eval_TrainedModelOnItsDataSet_RebuildsTheHeldOutSplitAndMatchesTrainAccuracy()
    {
        CliResult result = TriadCli.Run("eval", "--model", run.ModelPath, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonObject evaluation = JsonNode.Parse(result.Stdout)!["evaluation"]!.AsObject();
        JsonObject trainTest = run.Report!["test"]!.AsObject();
        Assert.Equal((int)trainTest["samples"]!, (int)evaluation["samples"]!);
        Assert.Equal((double)trainTest["accuracy"]!, (double)evaluation["accuracy"]!);
        Assert.Equal(trainTest["confusion"]!.ToJsonString(), evaluation["confusion"]!.ToJsonString());
        Assert.Contains("held-out 20%", (string?)evaluation["split"], StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_SplitAll_UsesEverySample()
    {
        CliResult result = TriadCli.Run("eval", "--model", run.ModelPath, "--data", "digits", "--split", "all", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1797, (int)JsonNode.Parse(result.Stdout)!["evaluation"]!["samples"]!);
    }

    [Fact]
    public void Eval_WithoutJson_PrintsSplitAccuracyAndConfusionMatrix()
    {
        CliResult result = TriadCli.Run("eval", "--model", run.ModelPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (string expected in (string[])["digits-mlp", "held-out 20% of each class, seed 42", "accuracy:", "macro F1:", "confusion matrix"])
        {
            Assert.Contains(expected, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Eval_DataSetThatDoesNotFitTheModel_ReportsShapes()
    {
        CliResult result = TriadCli.Run("eval", "--model", run.ModelPath, "--data", "iris");

        Assert.Equal(2, result.ExitCode);
        string error = result.ErrorLines.Single(l => l.StartsWith("triad: error: ", StringComparison.Ordinal));
        Assert.Contains("[64]", error, StringComparison.Ordinal);
        Assert.Contains("iris", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.3")]
    [InlineData("0.25")]
    public void Eval_TestFractionOtherThanTheRuns_IsRefusedNamingBoth(string fraction)
    {
        // The run held out 0.2 of each class; another fraction would call samples it trained on "test".
        TriadCli.AssertOneLineError(TriadCli.Run("eval", "--model", run.ModelPath, "--test-fraction", fraction), 2,
            $"--test-fraction {fraction}", "'model.triad' was trained holding out 0.2 of each class");
    }

    [Fact]
    public void Eval_TestFractionOfTheRun_IsAccepted()
    {
        CliResult result = TriadCli.Run("eval", "--model", run.ModelPath, "--test-fraction", "0.2", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal((int)run.Report!["test"]!["samples"]!, (int)JsonNode.Parse(result.Stdout)!["evaluation"]!["samples"]!);
    }

    [Fact]
    public void Eval_MissingModelFile_ReportsTheFile()
    {
        using var folder = new TempFolder();
        TriadCli.AssertOneLineError(TriadCli.Run("eval", "--model", folder.File("gone.triad"), "--data", "digits"), 2, "gone.triad", "not found");
    }

    [Fact]
    public void Eval_NonZipModelFile_ReportsTheFile()
    {
        using var folder = new TempFolder();
        string path = folder.Write("text.triad", "this is not a zip archive\n");
        TriadCli.AssertOneLineError(TriadCli.Run("eval", "--model", path, "--data", "digits"), 2, "text.triad", "not a Triad model file");
    }

    [Fact]
    public void Eval_WithoutModelOption_IsParseError()
    {
        TriadCli.AssertOneLineError(TriadCli.Run("eval", "--data", "digits"), 2, "--model");
    }
}
