using Triad.Learning.Layers;
using Triad.Learning.Models;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Tests.Models;

public class ModelSpecTests
{
    private const string Mlp = """
        { "name": "tiny", "input": [4], "loss": "softmax-cross-entropy",
          "layers": [ { "type": "dense", "units": 8 }, { "type": "gelu" }, { "type": "dense", "units": 3 } ] }
        """;

    [Fact]
    public void FromJson_ValidSpec_BuildsChainedShapes()
    {
        Sequential model = Sequential.Build(ModelSpec.FromJson(Mlp, "tiny.json"), 1);
        Assert.Equal([8], model.Layers[0].OutputShape);
        Assert.Equal([3], model.OutputShape);
        Assert.Equal((4 * 8) + 8 + (8 * 3) + 3, model.ParameterCount);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], model.ParameterNames);
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
    public void ToJson_RoundTrip_IsStable()
    {
        foreach (string name in ModelSpec.BuiltInNames)
        {
            ModelSpec spec = ModelSpec.BuiltIn(name);
            Assert.Equal(spec.ToJson(), ModelSpec.FromJson(spec.ToJson(), name).ToJson());
            Sequential.Build(spec, 3);
        }
    }

    [Fact]
    public void Build_UnknownLayer_ThrowsNamingLayerAndKnownTypes()
    {
        string json = Mlp.Replace("\"gelu\"", "\"swish\"", StringComparison.Ordinal);
        var e = Assert.Throws<ModelSpecException>(() => Sequential.Build(ModelSpec.FromJson(json, "tiny.json"), 1));
        Assert.Contains("layer 2", e.Message);
        Assert.Contains("'swish'", e.Message);
        Assert.Contains("conv2d", e.Message);
    }

    [Fact]
    public void Build_ConvOnFlatInput_ThrowsShapeMessage()
    {
        const string json = """{ "input": [64], "layers": [ { "type": "conv2d", "filters": 4, "kernel": 3 } ] }""";
        var e = Assert.Throws<ModelSpecException>(() => Sequential.Build(ModelSpec.FromJson(json, "bad.json"), 1));
        Assert.Contains("[channels, height, width]", e.Message);
        Assert.Contains("[64]", e.Message);
    }

    [Fact]
    public void Build_DenseOnImage_AsksForFlatten()
    {
        const string json = """{ "input": [1, 8, 8], "layers": [ { "type": "dense", "units": 4 } ] }""";
        var e = Assert.Throws<ModelSpecException>(() => Sequential.Build(ModelSpec.FromJson(json, "bad.json"), 1));
        Assert.Contains("flatten", e.Message);
    }

    [Fact]
    public void Build_KernelLargerThanInput_Throws()
    {
        const string json = """{ "input": [1, 4, 4], "layers": [ { "type": "conv2d", "filters": 2, "kernel": 5 } ] }""";
        var e = Assert.Throws<ModelSpecException>(() => Sequential.Build(ModelSpec.FromJson(json, "bad.json"), 1));
        Assert.Contains("kernel 5", e.Message);
    }

    [Theory]
    [InlineData("""{ "input": [1, 8, 8], "layers": [ { "type": "conv2d", "filters": 2, "kernel": 3, "padding": 1000000000 } ] }""", "padding 1000000000")]
    [InlineData("""{ "input": [1, 50000, 50000], "layers": [ { "type": "flatten" } ] }""", "more than one array holds")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dense", "unit": 3 } ] }""", "no setting 'unit'")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dense", "units": 2.5 } ] }""", "positive integer")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dense", "units": -3 } ] }""", "positive integer")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dense" } ] }""", "needs the setting 'units'")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "dropout", "rate": 1.5 } ] }""", "'rate' = 1.5")]
    public void Build_BadSetting_ThrowsNamingIt(string json, string expected)
    {
        var e = Assert.Throws<ModelSpecException>(() => Sequential.Build(ModelSpec.FromJson(json, "bad.json"), 1));
        Assert.Contains(expected, e.Message);
        Assert.Contains("bad.json", e.Message);
    }

    [Theory]
    [InlineData("{ \"input\": [4], ", "invalid JSON")]
    [InlineData("""{ "layers": [ { "type": "relu" } ] }""", "'input'")]
    [InlineData("""{ "input": [4], "layers": [] }""", "'layers'")]
    [InlineData("""{ "input": [0], "layers": [ { "type": "relu" } ] }""", "input[0]")]
    [InlineData("""{ "input": [4], "layers": [ { "units": 3 } ] }""", "missing 'type'")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "relu" } ], "loss": "hinge" }""", "unknown loss 'hinge'")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "relu" } ], "loss": 5 }""", "'loss' must be a name")]
    [InlineData("""{ "name": 3, "input": [4], "layers": [ { "type": "relu" } ] }""", "'name' must be text")]
    [InlineData("""{ "input": [4], "layers": [ { "type": "relu" } ], "optimiser": "sgd" }""", "unknown field 'optimiser'")]
    public void FromJson_Malformed_ThrowsWithSourceName(string json, string expected)
    {
        var e = Assert.Throws<ModelSpecException>(() => ModelSpec.FromJson(json, "spec.json"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("spec.json", e.Message);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        var e = Assert.Throws<FileNotFoundException>(() => ModelSpec.Load("/nonexistent/spec.json"));
        Assert.Contains("/nonexistent/spec.json", e.Message);
    }

    [Fact]
    public void BuiltIn_UnknownName_ListsBuiltIns()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelSpec.BuiltIn("resnet"));
        Assert.Contains("digits-mlp", e.Message);
    }

    [Fact]
    public void Build_SameSeed_SameWeights_DifferentSeed_DifferentWeights()
    {
        ModelSpec spec = ModelSpec.BuiltIn("digits-cnn");
        Tensor<double> a = Sequential.Build(spec, 5).Parameters[0].Value;
        Tensor<double> b = Sequential.Build(spec, 5).Parameters[0].Value;
        Tensor<double> c = Sequential.Build(spec, 6).Parameters[0].Value;
        Assert.True(a.ReadOnlySpan.SequenceEqual(b.ReadOnlySpan));
        Assert.False(a.ReadOnlySpan.SequenceEqual(c.ReadOnlySpan));
    }
}
