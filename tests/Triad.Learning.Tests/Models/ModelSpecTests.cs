using System.Text.Json.Nodes;
using Triad.Learning.Models;
using Triad.Learning.Specs;
using Triad.Learning.Tests.Data;

namespace Triad.Learning.Tests.Models;

/// <summary>The sequential ("layers") form of model specs, and the checks every spec passes whatever its form.</summary>
public sealed class ModelSpecTests
{
    private const string Mlp = """
        { "name": "tiny", "input": [4], "loss": "softmax-cross-entropy",
          "layers": [ { "type": "dense", "units": 8 }, { "type": "gelu" }, { "type": "dense", "units": 3 } ] }
        """;

    [Fact]
    public void FromJson_ValidSpec_BuildsChainedShapes()
    {
        Model<double> model = Model<double>.Build(ModelSpec.FromJson(Mlp, "tiny.json"), 1);

        Assert.True(model.Spec.IsSequential);
        Assert.Equal([8], model.NodeModules[0].OutputShape);
        Assert.Equal([3], model.OutputShape);
        Assert.Equal((4 * 8) + 8 + (8 * 3) + 3, model.ParameterCount);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], model.NamedParameters().Select(p => p.Key).ToArray());
        Assert.Equal([4, 8], model.ParameterShapes[0].Value);
        Assert.Equal(["0", "1", "2"], model.Nodes.Select(n => n.Name).ToArray());
        Assert.Equal(["input"], model.Nodes[0].Inputs);
        Assert.Equal(["1"], model.Nodes[2].Inputs);
    }

    [Fact]
    public void FromYaml_SameSpec_EqualsJson()
    {
        const string yaml = """
            name: tiny
            input: [4]
            layers:
              - type: dense
                units: 8
              - type: gelu
              - type: dense
                units: 3
            """;
        Assert.Equal(ModelSpec.FromJson(Mlp, "a").ToJson(), ModelSpec.FromYaml(yaml, "a").ToJson());
    }

    [Fact]
    public void ToJson_EveryBuiltIn_RoundTripsAndBuilds()
    {
        Assert.Equal(14, BuiltInModels.Names.Count);
        foreach (string name in BuiltInModels.Names)
        {
            ModelSpec spec = BuiltInModels.Get(name);
            ModelSpec again = ModelSpec.FromJson(spec.ToJson(), name);
            Assert.Equal(spec.ToJson(), again.ToJson());
            Assert.Equal(spec.IsSequential, again.IsSequential);
            Assert.Equal(Model<float>.Build(spec, 3).ParameterCount, Model<double>.Build(again, 3).ParameterCount);
        }
    }

    [Fact]
    public void Build_UnknownLayer_ThrowsNamingLayerAndKnownTypes()
    {
        string json = Mlp.Replace("\"gelu\"", "\"swish\"", StringComparison.Ordinal);
        var e = Assert.Throws<ModelSpecException>(() => Model<double>.Build(ModelSpec.FromJson(json, "tiny.json"), 1));
        Assert.StartsWith("tiny.json layer 2: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("'swish'", e.Message, StringComparison.Ordinal);
        Assert.Contains("conv2d", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ConvOnFlatInput_ThrowsShapeMessage()
    {
        const string json = """{ "input": [64], "layers": [ { "type": "conv2d", "filters": 4, "kernel": 3 } ] }""";
        var e = Assert.Throws<ModelSpecException>(() => Model<double>.Build(ModelSpec.FromJson(json, "bad.json"), 1));
        Assert.Contains("bad.json layer 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("[channels, height, width]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[64]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DenseOnImage_WorksOverTheLastAxis()
    {
        // The old Dense demanded a flat input; the new one maps the last axis, so [1, 8, 8] → [1, 8, 4].
        const string json = """{ "input": [1, 8, 8], "loss": "mse", "layers": [ { "type": "dense", "units": 4 } ] }""";
        Model<double> model = Model<double>.Build(ModelSpec.FromJson(json, "image.json"), 1);
        Assert.Equal([1, 8, 4], model.OutputShape);
        Assert.Equal((8 * 4) + 4, model.ParameterCount);
    }

    [Fact]
    public void Build_KernelLargerThanInput_Throws()
    {
        const string json = """{ "input": [1, 4, 4], "layers": [ { "type": "conv2d", "filters": 2, "kernel": 5 } ] }""";
        var e = Assert.Throws<ModelSpecException>(() => Model<double>.Build(ModelSpec.FromJson(json, "bad.json"), 1));
        Assert.Contains("kernel 5", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "input": [1, 8, 8], "layers": [ { "type": "conv2d", "filters": 2, "kernel": 3, "padding": 1000000000 } ] }""", "padding 1000000000")]
    [InlineData("""{ "input": [1, 40000, 40000], "layers": [ { "type": "conv2d", "filters": 2, "kernel": 1 } ] }""", "more than one array holds")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dense", "units": 3, "bais": false } ] }""", "no setting 'bais' (settings: units, bias, init)")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dense", "unit": 3 } ] }""", "needs the setting 'units' (given: unit)")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dense", "units": 2.5 } ] }""", "positive integer")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dense", "units": -3 } ] }""", "positive integer")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dense" } ] }""", "needs the setting 'units'")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dropout", "rate": 1.5 } ] }""", "'rate' = 1.5")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dense", "units": [3] } ] }""", "setting 'units' must be a number, got [3]")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dense", "units": { "n": 3 } } ] }""", "setting 'units' must be a number, got {\"n\":3}")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dense", "units": 3, "bias": "yes" } ] }""", "setting 'bias' must be true or false")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dense", "units": 3, "init": "uniform" } ] }""", "setting 'init' = 'uniform' must be one of he, xavier")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dense", "units": 3, "init": ["he"] } ] }""", "setting 'init' must be text")]
    [InlineData("""{ "input": [3, 4], "layers": [ { "type": "token-pool", "mode": "max" } ] }""", "setting 'mode' = 'max' must be one of class, mean")]
    public void Build_BadSetting_ThrowsNamingIt(string json, string expected)
    {
        var e = Assert.Throws<ModelSpecException>(() => Model<double>.Build(ModelSpec.FromJson(json, "bad.json"), 1));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.json layer 1: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "layers": [ { "type": "relu" } ] }""", "'input'")]
    [InlineData("""{ "input": [4], "layers": [] }""", "'layers'")]
    [InlineData("""{ "input": [0], "layers": [ { "type": "relu" } ] }""", "input[0]")]
    [InlineData("""{ "input": [1, 50000, 50000], "layers": [ { "type": "flatten" } ] }""", "holds more values per sample than one array can")]
    [InlineData("""{ "input": [4], "layers": [ { "units": 3 } ] }""", "missing 'type'")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "relu" } ], "loss": "hinge" }""", "unknown loss 'hinge'")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "relu" } ], "loss": 5 }""", "'loss' must be a name")]
    [InlineData("""{ "name": 3, "input": [4], "layers": [ { "type": "relu" } ] }""", "'name' must be text")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "relu" } ], "optimiser": "sgd" }""", "unknown field 'optimiser'")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "relu" } ], "nodes": [] }""", "not both")]
    [InlineData("""{ "input": [4] }""", "not neither")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "relu" } ], "output": "0" }""", "'output' belongs to the 'nodes' form")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "relu", "inputs": ["input"] } ] }""", "layer 1: 'inputs' belongs to the 'nodes' form")]
    [InlineData("""[ 1, 2 ]""", "must be an object")]
    public void FromJson_Malformed_ThrowsWithSourceName(string json, string expected)
    {
        var e = Assert.Throws<ModelSpecException>(() => ModelSpec.FromJson(json, "spec.json"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("spec.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_InvalidJson_ThrowsSpecFormatNamingTheSource()
    {
        var e = Assert.Throws<SpecFormatException>(() => ModelSpec.FromJson("{ \"input\": [4], ", "spec.json"));
        Assert.StartsWith("spec.json line 1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("/etc/cron.d/x")]
    [InlineData("a\0b")]
    [InlineData(".hidden")]
    [InlineData("-rf")]
    [InlineData("")]
    [InlineData("name with spaces")]
    [InlineData("x12345678901234567890123456789012345678901234567890123456789012345")]
    public void FromJson_BadModelName_ThrowsNamingFileAndName(string name)
    {
        var spec = new JsonObject { ["name"] = name, ["input"] = new JsonArray(4), ["layers"] = new JsonArray(new JsonObject { ["type"] = "relu" }) };
        var e = Assert.Throws<ModelSpecException>(() => ModelSpec.FromJson(spec.ToJsonString(), "evil.json"));
        Assert.StartsWith("evil.json: model name ", e.Message, StringComparison.Ordinal);
        Assert.Contains("must be 1 to 64 letters", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', e.Message);
    }

    [Theory]
    [InlineData("spec.json", "spec")]
    [InlineData("my model (v2).yaml", "my-model--v2-")]
    [InlineData("..hidden.json", "hidden")]
    [InlineData("---.json", "model")]
    public void FromJson_NoName_TakesASafeNameFromTheFile(string file, string expected)
    {
        Assert.Equal(expected, ModelSpec.FromJson("""{ "input": [4], "layers": [ { "type": "relu" } ] }""", file).Name);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        var e = Assert.Throws<FileNotFoundException>(() => ModelSpec.Load("/nonexistent/spec.json"));
        Assert.Contains("/nonexistent/spec.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_YamlFile_NamesTheFileInErrors()
    {
        using var dir = new TempDirectory();
        string path = dir.WriteText("broken.yaml", "input: [4]\nlayers:\n  - type: dense\n    units: 0\n");
        var e = Assert.Throws<ModelSpecException>(() => Model<float>.Build(ModelSpec.Load(path), 1));
        Assert.StartsWith("broken.yaml layer 1: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuiltIn_UnknownName_ListsBuiltIns()
    {
        var e = Assert.Throws<ArgumentException>(() => BuiltInModels.Get("resnet"));
        Assert.Contains("digits-mlp", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SameSeed_SameWeights_DifferentSeed_DifferentWeights()
    {
        ModelSpec spec = BuiltInModels.Get("digits-cnn");
        double[] a = Model<double>.Build(spec, 5).Parameters()[0].Value.Span.ToArray();
        double[] b = Model<double>.Build(spec, 5).Parameters()[0].Value.Span.ToArray();
        double[] c = Model<double>.Build(spec, 6).Parameters()[0].Value.Span.ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Build_FloatAndDoubleOfOneSeed_StartFromTheSameWeightsRounded()
    {
        ModelSpec spec = BuiltInModels.Get("digits-vit");
        var single = Model<float>.Build(spec, 11).StateDict();
        var dual = Model<double>.Build(spec, 11).StateDict();
        Assert.Equal(dual.Select(p => p.Key), single.Select(p => p.Key));
        for (int i = 0; i < dual.Count; i++)
        {
            float[] rounded = dual[i].Value.Span.ToArray().Select(v => (float)v).ToArray();
            Assert.Equal(rounded, single[i].Value.Span.ToArray());
        }
    }
}
