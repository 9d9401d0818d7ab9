using System.Text.Json.Nodes;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

public sealed class TrainOutputTests
{
    [Fact]
    public void Train_IrisWithoutJson_PrintsEpochTableAndTestReport()
    {
        using var folder = new TempFolder();
        CliResult result = TriadCli.Run("train", "--data", "iris", "--epochs", "2", "--seed", "7", "--out", folder.File("iris"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        foreach (string expected in (string[])["iris-mlp", "train loss", "val acc", "samples/s", "accuracy:", "macro F1:",
                     "precision", "confusion matrix", "1 versicolor", "model.triad"])
        {
            Assert.Contains(expected, result.Stdout, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal); // no ANSI codes when not a terminal
    }

    [Fact]
    public void Train_TestFractionZero_ReportsNoTest()
    {
        using var folder = new TempFolder();
        CliResult result = TriadCli.Run("train", "--data", "iris", "--epochs", "1", "--test-fraction", "0", "--out", folder.File("o"), "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonObject report = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Null(report["test"]);
        Assert.Equal(150, (int)report["data"]!["trainSamples"]!);
    }

    [Fact]
    public void Eval_ModelFromRunWithOtherTestFraction_ReadsFractionFromModelFile()
    {
        using var folder = new TempFolder();
        string output = folder.File("iris30");
        CliResult train = TriadCli.Run("train", "--data", "iris", "--epochs", "1", "--test-fraction", "0.3", "--out", output, "--json");
        Assert.True(train.ExitCode == 0, train.ToString());
        File.Delete(Path.Combine(output, "report.json"));

        CliResult eval = TriadCli.Run("eval", "--model", Path.Combine(output, "model.triad"), "--json");

        Assert.True(eval.ExitCode == 0, eval.ToString());
        Assert.Equal(45, (int)JsonNode.Parse(eval.Stdout)!["evaluation"]!["samples"]!); // 30% of 50 per class
        Assert.Equal(
            (double)JsonNode.Parse(train.Stdout)!["test"]!["accuracy"]!,
            (double)JsonNode.Parse(eval.Stdout)!["evaluation"]!["accuracy"]!);
    }

    [Fact]
    public void Resume_InterruptedRunWithOtherTestFraction_KeepsItsTestSplit()
    {
        // An interrupted run leaves only its checkpoint; the resumed run must hold out the same test samples.
        using var folder = new TempFolder();
        string output = folder.File("iris30");
        CliResult first = TriadCli.Run("train", "--data", "iris", "--epochs", "1", "--test-fraction", "0.3", "--out", output, "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        foreach (string file in (string[])["report.json", "model.triad", "history.csv"])
        {
            File.Delete(Path.Combine(output, file));
        }

        CliResult resumed = TriadCli.Run("train", "--resume", Path.Combine(output, "checkpoint.triad"), "--epochs", "2", "--json");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        JsonNode report = JsonNode.Parse(resumed.Stdout)!;
        Assert.Equal(45, (int)report["data"]!["testSamples"]!);
        Assert.Equal(0.3, (double)report["options"]!["testFraction"]!);
    }

    [Fact]
    public void Train_WithoutTerminal_PrintsOneLinePerEpochThenTheTables()
    {
        using var folder = new TempFolder();
        CliResult result = TriadCli.Run("train", "--data", "iris", "--epochs", "2", "--patience", "0", "--out", folder.File("o"));

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] epochLines = result.Stdout.Split('\n').Where(l => l.StartsWith("epoch ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, epochLines.Length);
        Assert.StartsWith("epoch 1/2: train loss ", epochLines[0], StringComparison.Ordinal);
        Assert.StartsWith("epoch 2/2: train loss ", epochLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Train_CancelledBeforeFirstEpoch_ExitsWith130AndSaysNothingWasSaved()
    {
        using var folder = new TempFolder();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        int code = CliApp.Run(["train", "--data", "iris", "--out", folder.File("o")], CliContext.ForWriters(stdout, stderr, cancellation: cancelled.Token));

        Assert.Equal(130, code);
        string error = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("triad: error: interrupted during epoch 1, before any new epoch was saved", error);
    }

    [Fact]
    public void Help_Train_ListsOptionsAndExitsZero()
    {
        CliResult result = TriadCli.Run("train", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (string option in (string[])["--model", "--data", "--epochs", "--lr", "--optimizer", "--patience", "--resume", "--json"])
        {
            Assert.Contains(option, result.Stdout, StringComparison.Ordinal);
        }
    }
}
