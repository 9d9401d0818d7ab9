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
    public void Train_PrecisionFloat64_WritesAFloat64Model()
    {
        using var folder = new TempFolder();
        string output = folder.File("f64");
        CliResult train = TriadCli.Run("train", "--data", "iris", "--epochs", "2", "--precision", "float64", "--out", output, "--json");

        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Equal("float64", (string?)JsonNode.Parse(train.Stdout)!["options"]!["precision"]);
        foreach (string file in (string[])["model.triad", "checkpoint.triad"])
        {
            CliResult info = TriadCli.Run("info", "--model", Path.Combine(output, file), "--json");
            Assert.True(info.ExitCode == 0, info.ToString());
            Assert.Equal("float64", (string?)JsonNode.Parse(info.Stdout)!["model"]!["precision"]);
        }
        Assert.IsType<Triad.Learning.Models.Model<double>>(Triad.Learning.Serialization.ModelFile.Load(Path.Combine(output, "model.triad")).Model);
    }

    [Fact]
    public void Train_DefaultPrecision_IsFloat32()
    {
        using var folder = new TempFolder();
        CliResult train = TriadCli.Run("train", "--data", "iris", "--epochs", "1", "--out", folder.File("f32"), "--json");

        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Equal("float32", (string?)JsonNode.Parse(train.Stdout)!["model"]!["precision"]);
    }

    [Fact]
    public void Train_StaleTemporariesOfADeadWriter_AreGoneAfterTheRun()
    {
        // Left by a writer killed two hours ago: no process has its pid (Linux caps pids at 2^22).
        using var folder = new TempFolder();
        string output = folder.File("run");
        Directory.CreateDirectory(output);
        string[] stale = new[] { "checkpoint.triad", "model.triad", "report.json" }
            .Select(target => Path.Combine(output, $".{target}.{int.MaxValue}.{Guid.NewGuid():N}.tmp")).ToArray();
        // One written a minute ago may belong to a live writer this process cannot see: it stays.
        string recent = Path.Combine(output, $".checkpoint.triad.{int.MaxValue}.{Guid.NewGuid():N}.tmp");
        foreach (string path in stale.Append(recent))
        {
            File.WriteAllText(path, "half a file");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(path == recent ? -1.0 / 60 : -2));
        }

        CliResult result = TriadCli.Run("train", "--data", "iris", "--epochs", "1", "--out", output, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(stale, path => Assert.False(File.Exists(path), $"{Path.GetFileName(path)} is still there"));
        Assert.True(File.Exists(recent), "a temporary written a minute ago was removed");
    }

    [Fact]
    public void Help_Train_ListsOptionsAndExitsZero()
    {
        CliResult result = TriadCli.Run("train", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (string option in (string[])["--model", "--data", "--epochs", "--lr", "--optimizer", "--patience", "--resume", "--json", "--precision", "--clip-norm"])
        {
            Assert.Contains(option, result.Stdout, StringComparison.Ordinal);
        }
    }
}
