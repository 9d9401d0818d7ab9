using System.Text.Json.Nodes;
using Triad.Learning.Autograd;
using Triad.Learning.Models;
using Triad.Learning.Modules;
using Triad.Learning.Tests.Autograd;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Xunit.Abstractions;
using static Triad.Learning.Tests.Autograd.TapeCheck;

namespace Triad.Learning.Tests.Modules;

/// <summary>Every built-in module kind, built through the registry as a spec would, against finite differences for its input and every parameter.</summary>
public sealed class ModuleGradientTests(ITestOutputHelper output)
{
    private const ulong Seed = 8080;

    public static TheoryData<string, string, int[]> Kinds => new()
    {
        { "dense", """{ "units": 5 }""", [7] },
        { "dense", """{ "units": 3, "bias": false, "init": "xavier" }""", [4, 6] },
        { "conv2d", """{ "filters": 3, "kernel": 3, "padding": 1 }""", [2, 5, 5] },
        { "maxpool2d", """{ "size": 2 }""", [2, 4, 6] },
        { "flatten", "{}", [2, 3, 2] },
        { "dropout", """{ "rate": 0.4 }""", [9] },
        { "relu", "{}", [8] },
        { "gelu", "{}", [8] },
        { "tanh", "{}", [8] },
        { "sigmoid", "{}", [8] },
        { "layer-norm", "{}", [3, 6] },
        { "multi-head-attention", """{ "heads": 2 }""", [4, 6] },
        { "multi-head-attention", """{ "heads": 3, "causal": true }""", [4, 6] },
        { "mlp", """{ "hidden": 7 }""", [3, 4] },
        { "transformer-block", """{ "heads": 2, "hidden": 8 }""", [3, 4] },
        { "transformer-block", """{ "heads": 2, "dropout": 0.2 }""", [3, 4] },
        { "patch-embedding", """{ "patch": 2, "dim": 5 }""", [2, 4, 4] },
        { "class-token", "{}", [3, 4] },
        { "position-embedding", "{}", [3, 4] },
        { "token-pool", """{ "mode": "class" }""", [3, 4] },
        { "token-pool", """{ "mode": "mean" }""", [3, 4] },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Module_InputAndParameterGradients_MatchFiniteDifferences(string kind, string settings, int[] sample)
    {
        Module<double> module = Build(kind, settings, [sample]);
        module.Train();
        Operand[] operands = [Real(Seed, [3, .. sample]), .. module.Parameters().Select(p => Operand.Of(p))];
        // Non-zero biases and shifts, so their gradients are exercised away from the initial values.
        foreach (Parameter<double> p in module.Parameters())
        {
            new SeededRandom(Seed + 3).FillGaussian(p.Value.Span, 0.0, 0.5);
        }
        TapeCheck.AssertGradients((t, v) => module.Forward(v[0]), operands, Seed, output, kind);
    }

    [Theory]
    [InlineData("add", "{}")]
    [InlineData("concat", """{ "axis": 0 }""")]
    [InlineData("concat", """{ "axis": -1 }""")]
    public void Join_MatchesFiniteDifferences(string kind, string settings)
    {
        Module<double> module = Build(kind, settings, [[2, 3], [2, 3], [2, 3]]);
        TapeCheck.AssertGradients((t, v) => module.Forward([v[0], v[1], v[2]]), [Real(Seed, 4, 2, 3), Real(Seed + 1, 4, 2, 3), Real(Seed + 2, 4, 2, 3)], Seed, output, kind);
    }

    [Fact]
    public void Module_CalledTwiceInOneStep_AccumulatesBothCallsGradients()
    {
        // y = W(W(x)) with one dense module: ∂L/∂W must hold both calls' shares.
        Module<double> dense = Build("dense", """{ "units": 4 }""", [[4]]);
        Operand[] operands = [Real(Seed, 3, 4), .. dense.Parameters().Select(p => Operand.Of(p))];
        TapeCheck.AssertGradients((t, v) => dense.Forward(Ops.Tanh(dense.Forward(v[0]))), operands, Seed, output, "dense twice");
    }

    [Fact]
    public void ResidualGraph_WholeModel_MatchesFiniteDifferences()
    {
        var spec = ModelSpec.FromJson("""
            { "name": "res-mlp", "input": [6], "loss": "softmax-cross-entropy",
              "nodes": [ { "name": "h", "type": "dense", "units": 5, "inputs": ["input"] },
                         { "name": "a", "type": "relu", "inputs": ["h"] },
                         { "name": "f", "type": "dense", "units": 5, "inputs": ["a"] },
                         { "name": "r", "type": "add", "inputs": ["h", "f"] },
                         { "name": "out", "type": "dense", "units": 3, "inputs": ["r"] } ],
              "output": "out" }
            """, "res.json");
        var model = Model<double>.Build(spec, Seed);
        Assert.Equal(["h.weight", "h.bias", "f.weight", "f.bias", "out.weight", "out.bias"], model.NamedParameters().Select(p => p.Key).ToArray());
        var targets = new Tensor<double>([0, 2, 1, 2], 4);
        Operand[] operands = [Real(Seed, 4, 6), .. model.Parameters().Select(p => Operand.Of(p))];
        TapeCheck.AssertGradients((t, v) => Ops.SoftmaxCrossEntropy(model.Forward(v[0]), targets), operands, Seed, output, "res-mlp with its loss");
    }

    [Fact]
    public void SharedNode_AppliesOneModuleTwice_AndItsGradientIsTheSumOfBothUses()
    {
        var spec = ModelSpec.FromJson("""
            { "name": "tied", "input": [4], "loss": "mse",
              "nodes": [ { "name": "a", "type": "dense", "units": 4, "inputs": ["input"] },
                         { "name": "t", "type": "tanh", "inputs": ["a"] },
                         { "name": "b", "type": "dense", "shares": "a", "inputs": ["t"] } ],
              "output": "b" }
            """, "tied.json");
        var model = Model<double>.Build(spec, Seed);
        Assert.Equal(["a.weight", "a.bias"], model.NamedParameters().Select(p => p.Key).ToArray());
        Assert.Same(model.NodeModules[0], model.NodeModules[2]);
        Operand[] operands = [Real(Seed, 3, 4), .. model.Parameters().Select(p => Operand.Of(p))];
        TapeCheck.AssertGradients((t, v) => model.Forward(v[0]), operands, Seed, output, "tied dense");
    }

    [Fact]
    public void TinyVit_WholeModel_MatchesFiniteDifferences_AndNamesItsParametersByPath()
    {
        var spec = ModelSpec.FromJson("""
            { "name": "tiny-vit", "input": [1, 4, 4], "layers": [
              { "type": "patch-embedding", "patch": 2, "dim": 4 }, { "type": "class-token" }, { "type": "position-embedding" },
              { "type": "transformer-block", "heads": 2, "hidden": 6 }, { "type": "layer-norm" },
              { "type": "token-pool" }, { "type": "dense", "units": 3 } ] }
            """, "tiny-vit.json");
        var model = Model<double>.Build(spec, Seed);
        string[] names = model.NamedParameters().Select(p => p.Key).ToArray();
        Assert.Contains("3.attention.qkv.weight", names);
        Assert.Contains("3.mlp.fc2.bias", names);
        Assert.Contains("0.projection.weight", names);
        Assert.Contains("1.token", names);
        var targets = new Tensor<double>([0, 2], 2);
        Operand[] operands = [Real(Seed, 2, 1, 4, 4), .. model.Parameters().Select(p => Operand.Of(p))];
        TapeCheck.AssertGradients((t, v) => Ops.SoftmaxCrossEntropy(model.Forward(v[0]), targets), operands, Seed, output, "tiny ViT with its loss");
    }

    [Fact]
    public void Float32AndFloat64Models_OfOneSeed_StartFromTheSameWeights()
    {
        var spec = BuiltInModels.Get("digits-vit");
        var single = Model<float>.Build(spec, 11);
        var full = Model<double>.Build(spec, 11);
        foreach (var ((name, a), (_, b)) in single.StateDict().Zip(full.StateDict()))
        {
            for (int i = 0; i < a.Length; i++)
            {
                Assert.True(a.Span[i] == (float)b.Span[i], $"{name}[{i}]: {a.Span[i]} vs {b.Span[i]}");
            }
        }
    }

    private static Module<double> Build(string kind, string settings, int[][] inputs) =>
        ModuleRegistry.Default.Create<double>(kind, new ModuleContext(inputs,
            new ModuleSettings(kind, JsonNode.Parse(settings)!.AsObject(), $"test {kind}"), new SeededRandom(Seed)));
}
