using System.Text.Json.Nodes;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

[Collection(TrainedRunCollection.Name)]
public sealed class InfoCommandTests(TrainedRun run)
{
    [Fact]
    public void Info_Checkpoint_ReportsLayersMetadataAndTrainingState()
    {
        CliResult result = TriadCli.Run("info", "--model", run.CheckpointPath, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonObject info = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal("checkpoint", (string?)info["kind"]);
        JsonObject model = info["model"]!.AsObject();
        Assert.Equal("digits-mlp", (string?)model["name"]);
        Assert.Equal("float32", (string?)model["precision"]);
        JsonArray layers = model["nodes"]!.AsArray();
        // dense 64→128, relu, dropout, dense 128→64, relu, dense 64→10.
        Assert.Equal(["dense", "relu", "dropout", "dense", "relu", "dense"], layers.Select(l => (string)l!["type"]!).ToArray());
        Assert.Equal([(64 * 128) + 128, 0, 0, (128 * 64) + 64, 0, (64 * 10) + 10], layers.Select(l => (long)l!["parameters"]!).ToArray());
        Assert.Equal(layers.Sum(l => (long)l!["parameters"]!), (long)model["parameters"]!);
        Assert.Equal("[10]", layers[^1]!["outputShape"]!.ToJsonString());
        // FLOPs of one traced sample: a dense layer of in × out does 2·in·out + out (the bias).
        Assert.Equal((2 * 64 * 128) + 128, (long)layers[0]!["flops"]!);
        Assert.Equal("digits", (string?)info["metadata"]!["dataSet"]);
        JsonObject training = info["training"]!.AsObject();
        Assert.Equal(TrainedRun.Epochs, (int)training["epochsCompleted"]!);
        Assert.Equal(TrainedRun.Epochs, training["history"]!.AsArray().Count);
    }

    [Fact]
    public void Info_SavedModel_HasNoTrainingStateAndKeepsTestAccuracy()
    {
        CliResult result = TriadCli.Run("info", "--model", run.ModelPath, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonObject info = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal("model", (string?)info["kind"]);
        Assert.Null(info["training"]);
        Assert.Equal((double)run.Report!["test"]!["accuracy"]!, (double)info["metadata"]!["testAccuracy"]!);
    }

    [Fact]
    public void Info_WithoutJson_PrintsLayerTableAndHistory()
    {
        CliResult result = TriadCli.Run("info", "--model", run.CheckpointPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (string expected in (string[])["digits-mlp", "units=128", "17,226", "training state", "best epoch", "train loss"])
        {
            Assert.Contains(expected, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Info_GraphModel_ShowsNodesWithInputsSettingsShapesAndFlops()
    {
        using var folder = new TempFolder();
        const string spec = """
            {"name":"res-mlp","input":[64],"loss":"softmax-cross-entropy","nodes":[
              {"name":"h","type":"dense","units":128,"inputs":["input"]},
              {"name":"a","type":"relu","inputs":["h"]},
              {"name":"f","type":"dense","units":128,"inputs":["a"]},
              {"name":"r","type":"add","inputs":["h","f"]},
              {"name":"out","type":"dense","units":10,"inputs":["r"]}],
             "output":"out"}
            """;
        string path = folder.File("res.triad");
        Triad.Learning.Serialization.ModelFile.Save(path,
            Triad.Learning.Models.Model<double>.Build(Triad.Learning.Models.ModelSpec.FromJson(spec, "res-mlp.json"), 42));

        CliResult result = TriadCli.Run("info", "--model", path, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonObject model = JsonNode.Parse(result.Stdout)!["model"]!.AsObject();
        Assert.Equal("float64", (string?)model["precision"]);
        Assert.Equal("out", (string?)model["output"]);
        JsonArray nodes = model["nodes"]!.AsArray();
        Assert.Equal(["h", "a", "f", "r", "out"], nodes.Select(n => (string)n!["name"]!).ToArray());
        Assert.Equal("""["h","f"]""", nodes[3]!["inputs"]!.ToJsonString());
        Assert.Equal("units=128", (string?)nodes[0]!["settings"]);
        Assert.Equal("[128]", nodes[3]!["outputShape"]!.ToJsonString());
        Assert.Equal([(64 * 128) + 128, 0, (128 * 128) + 128, 0, (128 * 10) + 10], nodes.Select(n => (long)n!["parameters"]!).ToArray());
        // One sample: a dense layer of in × out does 2·in·out + out FLOPs; the add does one per element.
        Assert.Equal((2 * 64 * 128) + 128, (long)nodes[0]!["flops"]!);
        Assert.Equal(128, (long)nodes[3]!["flops"]!);
        Assert.Equal("nodes", model["spec"]!.AsObject().Select(p => p.Key).Single(k => k is "nodes" or "layers"));
    }

    [Fact]
    public void Info_MissingModelFile_ReportsTheFile()
    {
        using var folder = new TempFolder();
        TriadCli.AssertOneLineError(TriadCli.Run("info", "--model", folder.File("missing.triad")), 2, "missing.triad", "not found");
    }

    [Fact]
    public void Info_NonZipModelFile_ReportsTheFile()
    {
        using var folder = new TempFolder();
        string path = folder.Write("garbage.triad", [0x42, 0x00, 0x13, 0x37]);
        TriadCli.AssertOneLineError(TriadCli.Run("info", "--model", path), 2, "garbage.triad", "not a Triad model file");
    }
}
