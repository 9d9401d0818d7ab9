using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Triad.Cli.Tests.TestSupport;
using Triad.Learning.Serialization;

namespace Triad.Cli.Tests.Commands;

[Collection(TrainedRunCollection.Name)]
public sealed class TrainCommandTests(TrainedRun run)
{
    [Fact]
    public void Train_DigitsWithJson_ExitsZeroAndPrintsOnlyTheReport()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        Assert.Equal("", run.Result.Stderr);
        Assert.NotNull(run.Report);
        Assert.Equal(File.ReadAllText(Path.Combine(run.Out, "report.json")), run.Result.Stdout);
    }

    [Fact]
    public void Train_DigitsWithJson_WritesModelCheckpointHistoryAndReport()
    {
        foreach (string name in (string[])["model.triad", "checkpoint.triad", "history.csv", "report.json"])
        {
            Assert.True(File.Exists(Path.Combine(run.Out, name)), $"{name} missing in {run.Out}");
        }
        Assert.Empty(Directory.GetFiles(run.Out, "*.tmp"));

        string[] history = File.ReadAllLines(Path.Combine(run.Out, "history.csv"));
        Assert.Equal("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,seconds,samples_per_second", history[0]);
        Assert.Equal(TrainedRun.Epochs + 1, history.Length);
        for (int e = 1; e <= TrainedRun.Epochs; e++)
        {
            string[] fields = history[e].Split(',');
            Assert.Equal(7, fields.Length);
            Assert.Equal(e, int.Parse(fields[0], CultureInfo.InvariantCulture));
            double loss = double.Parse(fields[1], CultureInfo.InvariantCulture);
            Assert.InRange(loss, 0.0, 3.0);
        }
    }

    [Fact]
    public void Train_DigitsWithJson_ReportHoldsOptionsHistoryAndTestEvaluation()
    {
        JsonObject report = run.Report!;
        Assert.Equal("train", (string?)report["command"]);
        Assert.Equal("digits-mlp", (string?)report["model"]!["name"]);
        Assert.Equal(42UL, (ulong)report["options"]!["seed"]!);
        Assert.Equal(TrainedRun.Epochs, (int)report["options"]!["epochs"]!);
        Assert.Equal(0.2, (double)report["options"]!["testFraction"]!);
        Assert.Equal(TrainedRun.Epochs, report["history"]!.AsArray().Count);

        JsonObject test = report["test"]!.AsObject();
        int samples = (int)test["samples"]!;
        Assert.Equal(359, samples); // 20% of each digit class of 1797, rounded per class
        double accuracy = (double)test["accuracy"]!;
        Assert.InRange(accuracy, 0.8, 1.0); // 3 epochs of Adam already reach ~94%
        JsonArray confusion = test["confusion"]!.AsArray();
        Assert.Equal(10, confusion.Count);
        int total = 0, correct = 0;
        for (int t = 0; t < 10; t++)
        {
            JsonArray row = confusion[t]!.AsArray();
            Assert.Equal(10, row.Count);
            for (int p = 0; p < 10; p++)
            {
                total += (int)row[p]!;
                correct += t == p ? (int)row[p]! : 0;
            }
        }
        Assert.Equal(samples, total);
        Assert.Equal(accuracy, (double)correct / total, 12);
        JsonArray classes = test["classes"]!.AsArray();
        Assert.Equal(10, classes.Count);
        // Each class's scores from the report's own counts: P = TP/(TP + FP), R = TP/(TP + FN), F1 = 2PR/(P + R).
        for (int k = 0; k < 10; k++)
        {
            int tp = (int)confusion[k]![k]!;
            int predicted = Enumerable.Range(0, 10).Sum(t => (int)confusion[t]![k]!);
            int actual = Enumerable.Range(0, 10).Sum(p => (int)confusion[k]![p]!);
            double precision = predicted == 0 ? 0 : (double)tp / predicted;
            double recall = actual == 0 ? 0 : (double)tp / actual;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            JsonNode c = classes[k]!;
            Assert.Equal(k, (int)c["label"]!);
            Assert.Equal(actual, (int)c["support"]!);
            Assert.Equal(precision, (double)c["precision"]!, 1e-12);
            Assert.Equal(recall, (double)c["recall"]!, 1e-12);
            Assert.Equal(f1, (double)c["f1"]!, 1e-12);
        }
        Assert.Equal(classes.Average(c => (double)c!["f1"]!), (double)test["macroF1"]!, 1e-12);
        Assert.True((double)report["timings"]!["totalSeconds"]! > 0);
    }

    [Fact]
    public void Train_DigitsWithJson_ModelFileKeepsMetadataWithTestAccuracy()
    {
        SavedModel saved = ModelFile.Load(run.ModelPath);
        Assert.Null(saved.Training);
        Assert.Equal("digits", saved.Metadata.DataSet);
        Assert.Equal(42UL, saved.Metadata.Seed);
        Assert.Equal(TrainedRun.Epochs, saved.Metadata.Epochs);
        Assert.Equal((double)run.Report!["test"]!["accuracy"]!, saved.Metadata.TestAccuracy);
        Assert.Equal(10, saved.Metadata.ClassNames.Count);
    }

    [Fact]
    public void Train_Resume_ContinuesFromCheckpointToMoreEpochs()
    {
        using var folder = new TempFolder();
        string resumed = folder.File("resumed");
        CliResult result = TriadCli.Run("train", "--resume", run.CheckpointPath, "--epochs", "5", "--out", resumed, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonObject report = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal(TrainedRun.Epochs, (int)report["training"]!["resumedAfterEpoch"]!);
        Assert.Equal(5, (int)report["training"]!["epochsCompleted"]!);
        JsonArray history = report["history"]!.AsArray();
        Assert.Equal(5, history.Count);
        // The first epochs are the ones the checkpoint recorded, unchanged.
        JsonArray original = run.Report!["history"]!.AsArray();
        for (int e = 0; e < TrainedRun.Epochs; e++)
        {
            Assert.Equal((double)original[e]!["trainLoss"]!, (double)history[e]!["trainLoss"]!);
        }
        SavedModel checkpoint = ModelFile.Load(Path.Combine(resumed, "checkpoint.triad"));
        Assert.Equal(5, checkpoint.Training!.EpochsCompleted);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(resumed, "history.csv")).Length - 1);
        // The original run folder is left as it was.
        Assert.Equal(TrainedRun.Epochs, ModelFile.Load(run.CheckpointPath).Training!.EpochsCompleted);
    }

    [Fact]
    public void Train_ResumeWithChangedLearningRate_ExitsWithUsageError()
    {
        CliResult result = TriadCli.Run("train", "--resume", run.CheckpointPath, "--lr", "0.01");
        TriadCli.AssertOneLineError(result, 2, "--lr", "--resume");
    }

    [Fact]
    public void Train_ResumeOnAnotherDataSet_NamesBothDataSets()
    {
        using var folder = new TempFolder();
        CliResult result = TriadCli.Run("train", "--resume", run.CheckpointPath, "--data", "iris", "--out", folder.File("o"));
        TriadCli.AssertOneLineError(result, 2, "'digits'", "'iris'");
        Assert.False(Directory.Exists(folder.File("o")), "nothing is written before the inputs are checked");
    }

    [Theory]
    [InlineData("epochsCompleted", "-5", "epochsCompleted = -5")]
    [InlineData("bestEpoch", "7", "bestEpoch = 7")]
    [InlineData("epochsCompleted", "\"x\"", "'epochsCompleted' must be an integer")]
    public void Train_ResumeFromCheckpointWithBadCounter_OneLineErrorNamingTrainingJsonAndField(string field, string value, string mention)
    {
        using var folder = new TempFolder();
        string checkpoint = folder.File("checkpoint.triad");
        File.Copy(run.CheckpointPath, checkpoint);
        using (ZipArchive zip = ZipFile.Open(checkpoint, ZipArchiveMode.Update))
        {
            ZipArchiveEntry entry = zip.GetEntry("training.json")!;
            JsonObject json;
            using (Stream s = entry.Open())
            {
                json = JsonNode.Parse(s)!.AsObject();
            }
            json[field] = JsonNode.Parse(value);
            entry.Delete();
            using Stream w = zip.CreateEntry("training.json").Open();
            w.Write(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
        }

        CliResult result = TriadCli.Run("train", "--resume", checkpoint, "--epochs", "5", "--out", folder.File("o"));

        TriadCli.AssertOneLineError(result, 2, "checkpoint.triad training.json: ", mention);
        Assert.False(Directory.Exists(folder.File("o")), "nothing is written before the checkpoint is checked");
    }

    [Fact]
    public void Train_ResumeWithFewerEpochsThanDone_NamesTheOptionAndTheEpochsDone()
    {
        using var folder = new TempFolder();
        CliResult result = TriadCli.Run("train", "--resume", run.CheckpointPath, "--epochs", "2", "--out", folder.File("o"));
        TriadCli.AssertOneLineError(result, 2, "--epochs 2", $"{TrainedRun.Epochs} epochs");
        Assert.False(Directory.Exists(folder.File("o")));
    }

    [Fact]
    public void Train_ResumeFromPlainModel_ExitsWithOneLineError()
    {
        CliResult result = TriadCli.Run("train", "--resume", run.ModelPath, "--epochs", "4");
        TriadCli.AssertOneLineError(result, 2, "model.triad", "checkpoint");
    }
}
