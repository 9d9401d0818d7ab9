using System.Numerics;
using System.Text.Json.Nodes;
using Triad.Learning.Autograd;
using Triad.Learning.Models;
using Triad.Learning.Modules;
using Triad.Learning.Serialization;
using Triad.Learning.Tests.Data;
using Triad.Learning.Tests.TestSupport;

namespace Triad.Learning.Tests.Models;

/// <summary>
/// The graph ("nodes") form of model specs: named nodes with inputs, joins, shared modules, and every way a graph
/// can fail to hold together, each a <see cref="ModelSpecException"/> naming the file and the node.
/// </summary>
public sealed class GraphSpecTests
{
    /// <summary>The residual MLP of the issue: h = dense(x); r = h + dense(relu(h)); out = dense(r).</summary>
    public const string ResMlp = """
        {"name":"res-mlp","input":[64],"loss":"softmax-cross-entropy","nodes":[
          {"name":"h","type":"dense","units":128,"inputs":["input"]},
          {"name":"a","type":"relu","inputs":["h"]},
          {"name":"f","type":"dense","units":128,"inputs":["a"]},
          {"name":"r","type":"add","inputs":["h","f"]},
          {"name":"out","type":"dense","units":10,"inputs":["r"]}],
         "output":"out"}
        """;

    private const string ResMlpYaml = """
        name: res-mlp
        input: [64]
        loss: softmax-cross-entropy
        nodes:
          - {name: h, type: dense, units: 128, inputs: [input]}
          - name: a
            type: relu
            inputs: [h]
          - {name: f, type: dense, units: 128, inputs: [a]}
          - {name: r, type: add, inputs: [h, f]}
          - {name: out, type: dense, units: 10, inputs: [r]}
        output: out
        """;

    [Fact]
    public void Build_ResMlp_HasNamedNodesParametersAndShapes()
    {
        Model<float> model = Model<float>.Build(ModelSpec.FromJson(ResMlp, "res-mlp.json"), 42);

        Assert.False(model.Spec.IsSequential);
        Assert.Equal("out", model.Spec.Output);
        Assert.Equal([10], model.OutputShape);
        Assert.Equal(["h.weight", "h.bias", "f.weight", "f.bias", "out.weight", "out.bias"], model.NamedParameters().Select(p => p.Key).ToArray());
        Assert.Equal((64 * 128) + 128 + (128 * 128) + 128 + (128 * 10) + 10, model.ParameterCount);
        Assert.Equal(["h", "a", "f", "r", "out"], model.Nodes.Select(n => n.Name).ToArray());
        Assert.Equal(["h", "f"], model.Nodes[3].Inputs);
        Assert.All(model.Nodes.Take(4), n => Assert.Equal([128], n.OutputShape));
    }

    [Fact]
    public void Forward_ResMlp_AddsTheSkipPathToTheResidualBranch()
    {
        // out(x) = (h + f(relu(h)))·W_out + b_out with h = x·W_h + b_h: computed by hand from the weights.
        Model<double> model = Model<double>.Build(ModelSpec.FromJson(ResMlp, "res-mlp.json"), 7);
        var x = Predict.RandomBatch<double>(3, 2, 64);
        double[] y = Predict.Outputs(model, x);
        var w = model.StateDict().ToDictionary(p => p.Key, p => p.Value);
        for (int b = 0; b < 2; b++)
        {
            double[] h = Affine(x.Span.Slice(b * 64, 64), w["h.weight"].Span, w["h.bias"].Span, 64, 128);
            double[] f = Affine(h.Select(v => Math.Max(0, v)).ToArray(), w["f.weight"].Span, w["f.bias"].Span, 128, 128);
            double[] r = h.Zip(f, (p, q) => p + q).ToArray();
            double[] o = Affine(r, w["out.weight"].Span, w["out.bias"].Span, 128, 10);
            for (int k = 0; k < 10; k++)
            {
                Assert.True(Math.Abs(o[k] - y[(b * 10) + k]) <= 1e-12 * Math.Max(1, Math.Abs(o[k])), $"sample {b}, output {k}: {o[k]} vs {y[(b * 10) + k]}");
            }
        }
    }

    [Fact]
    public void FromYaml_ResMlp_EqualsJson()
    {
        ModelSpec fromJson = ModelSpec.FromJson(ResMlp, "res-mlp.json");
        ModelSpec fromYaml = ModelSpec.FromYaml(ResMlpYaml, "res-mlp.yaml");
        Assert.Equal(fromJson.ToJson(), fromYaml.ToJson());
        Assert.Equal(
            Model<double>.Build(fromJson, 5).StateDict().Select(p => p.Value.Span.ToArray()),
            Model<double>.Build(fromYaml, 5).StateDict().Select(p => p.Value.Span.ToArray()));
    }

    [Fact]
    public void ToJson_ResMlp_RoundTripsInTheGraphForm()
    {
        ModelSpec spec = ModelSpec.FromJson(ResMlp, "res-mlp.json");
        JsonObject node = spec.ToNode();
        Assert.Null(node["layers"]);
        Assert.Equal("out", (string?)node["output"]);
        Assert.Equal("""["h","f"]""", node["nodes"]![3]!["inputs"]!.ToJsonString());
        Assert.Equal(spec.ToJson(), ModelSpec.FromJson(spec.ToJson(), "again.json").ToJson());
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void SaveLoad_ResMlp_KeepsTheGraphWeightsAndPredictions(string precision)
    {
        using var dir = new TempDirectory();
        string path = dir.File("res.triad");
        ModelSpec spec = ModelSpec.FromJson(ResMlp, "res-mlp.json");
        if (precision == "float32")
        {
            AssertRoundTrip(Model<float>.Build(spec, 42), path);
        }
        else
        {
            AssertRoundTrip(Model<double>.Build(spec, 42), path);
        }
    }

    [Fact]
    public void Build_NodesListedOutOfOrder_RunInGraphOrder()
    {
        const string json = """
            {"input":[4],"nodes":[
              {"name":"out","type":"dense","units":3,"inputs":["mid"]},
              {"name":"mid","type":"tanh","inputs":["first"]},
              {"name":"first","type":"dense","units":5,"inputs":["input"]}],
             "output":"out"}
            """;
        Model<double> model = Model<double>.Build(ModelSpec.FromJson(json, "order.json"), 1);
        Assert.Equal(["first", "mid", "out"], model.Nodes.Select(n => n.Name).ToArray());
        Assert.Equal([3], model.OutputShape);
        Assert.Equal(6, Predict.Outputs(model, Predict.RandomBatch<double>(1, 2, 4)).Length);
    }

    [Fact]
    public void Build_ConcatOfTwoBranches_JoinsAlongTheFeatureAxis()
    {
        const string json = """
            {"input":[4],"nodes":[
              {"name":"a","type":"dense","units":3,"inputs":["input"]},
              {"name":"b","type":"dense","units":5,"inputs":["input"]},
              {"name":"c","type":"concat","inputs":["a","b","input"]},
              {"name":"out","type":"dense","units":2,"inputs":["c"]}],
             "output":"out"}
            """;
        Model<double> model = Model<double>.Build(ModelSpec.FromJson(json, "cat.json"), 1);
        Assert.Equal([12], model.Nodes[2].OutputShape);
        Assert.Equal([12, 2], model.ParameterShapes.Single(p => p.Key == "out.weight").Value);
    }

    [Fact]
    public void Build_SharedNode_ReusesTheModuleAndItsParameters()
    {
        const string json = """
            {"input":[6],"nodes":[
              {"name":"p","type":"dense","units":6,"inputs":["input"]},
              {"name":"q","type":"dense","shares":"p","inputs":["p"]},
              {"name":"out","type":"dense","units":2,"inputs":["q"]}],
             "output":"out"}
            """;
        Model<double> model = Model<double>.Build(ModelSpec.FromJson(json, "tied.json"), 1);
        Assert.Equal(["p.weight", "p.bias", "out.weight", "out.bias"], model.NamedParameters().Select(p => p.Key).ToArray());
        Assert.Equal(0, model.Nodes[1].Parameters);
        Assert.Equal("p", model.Nodes[1].Shares);
        Assert.Same(model.NodeModules[0], model.NodeModules[1]);

        // Both calls feed p's weight gradient: it is the sum over the two uses, so it differs from a one-use model's.
        using var tape = new Tape<double>();
        var loss = LossFunctions.Compute("softmax-cross-entropy", model.Forward(tape.Input(Predict.RandomBatch<double>(2, 3, 6))),
            Numerics.Tensors.Tensor<double>.FromSpan([0.0, 1.0, 1.0], 3));
        tape.Backward(loss);
        Assert.Contains(model.Parameters()[0].Gradient.Span.ToArray(), g => g != 0);
        Assert.Equal("p", ModelSpec.FromJson(model.Spec.ToJson(), "again.json").Nodes[1].Shares);
    }

    public static TheoryData<string, string, string[]> GraphErrors => new()
    {
        {
            "unknown input",
            """{"input":[4],"nodes":[{"name":"h","type":"dense","units":4,"inputs":["inptu"]},{"name":"out","type":"dense","units":2,"inputs":["h"]}],"output":"out"}""",
            ["spec.json node 'h': input 'inptu' is not a node", "nodes: h, out"]
        },
        {
            "cycle",
            """{"input":[4],"nodes":[{"name":"a","type":"relu","inputs":["b"]},{"name":"b","type":"relu","inputs":["a"]},{"name":"out","type":"dense","units":2,"inputs":["b"]}],"output":"out"}""",
            ["spec.json: nodes 'a' → 'b' → 'a' form a cycle"]
        },
        {
            "self loop",
            """{"input":[4],"nodes":[{"name":"a","type":"add","inputs":["input","a"]},{"name":"out","type":"dense","units":2,"inputs":["a"]}],"output":"out"}""",
            ["spec.json: nodes 'a' → 'a' form a cycle"]
        },
        {
            "unused node",
            """{"input":[4],"nodes":[{"name":"h","type":"dense","units":4,"inputs":["input"]},{"name":"dead","type":"relu","inputs":["h"]},{"name":"out","type":"dense","units":2,"inputs":["h"]}],"output":"out"}""",
            ["spec.json node 'dead': its output is used by no node on the way to the output 'out'"]
        },
        {
            "duplicate name",
            """{"input":[4],"nodes":[{"name":"h","type":"dense","units":4,"inputs":["input"]},{"name":"h","type":"relu","inputs":["input"]},{"name":"out","type":"dense","units":2,"inputs":["h"]}],"output":"out"}""",
            ["spec.json node 'h': the name is already used by node 1"]
        },
        {
            "output not a node",
            """{"input":[4],"nodes":[{"name":"out","type":"dense","units":2,"inputs":["input"]}],"output":"ouput"}""",
            ["spec.json: output 'ouput' is not a node"]
        },
        {
            "path as node name",
            """{"input":[4],"nodes":[{"name":"../../x","type":"dense","units":2,"inputs":["input"]}],"output":"../../x"}""",
            ["spec.json: node name \"../../x\" must be 1 to 64 letters"]
        },
        {
            "dot in node name",
            """{"input":[4],"nodes":[{"name":"a.b","type":"dense","units":2,"inputs":["input"]}],"output":"a.b"}""",
            ["spec.json node 'a.b': a node name may not contain '.'"]
        },
        {
            "node named input",
            """{"input":[4],"nodes":[{"name":"input","type":"dense","units":2,"inputs":["input"]}],"output":"input"}""",
            ["spec.json node 'input': 'input' is the model's input"]
        },
        {
            "no inputs",
            """{"input":[4],"nodes":[{"name":"out","type":"dense","units":2,"inputs":[]}],"output":"out"}""",
            ["spec.json node 'out': 'inputs' must be a non-empty list"]
        },
        {
            "missing output",
            """{"input":[4],"nodes":[{"name":"out","type":"dense","units":2,"inputs":["input"]}]}""",
            ["spec.json: the 'nodes' form needs 'output'"]
        },
        {
            "shares an unknown node",
            """{"input":[4],"nodes":[{"name":"out","type":"dense","shares":"nope","inputs":["input"]}],"output":"out"}""",
            ["spec.json node 'out': shares 'nope', which is not a node"]
        },
        {
            "shares a sharer",
            """{"input":[4],"nodes":[{"name":"p","type":"dense","units":4,"inputs":["input"]},{"name":"q","type":"dense","shares":"p","inputs":["p"]},{"name":"out","type":"dense","shares":"q","inputs":["q"]}],"output":"out"}""",
            ["spec.json node 'out': shares 'q', which itself shares 'p'; name the owner"]
        },
        {
            "shares with settings of its own",
            """{"input":[4],"nodes":[{"name":"p","type":"dense","units":4,"inputs":["input"]},{"name":"out","type":"dense","units":4,"shares":"p","inputs":["p"]}],"output":"out"}""",
            ["spec.json node 'out': a node that shares 'p' must have its type 'dense' and no settings of its own"]
        },
        {
            "shares another type",
            """{"input":[4],"nodes":[{"name":"p","type":"dense","units":4,"inputs":["input"]},{"name":"out","type":"relu","shares":"p","inputs":["p"]}],"output":"out"}""",
            ["spec.json node 'out': a node that shares 'p' must have its type 'dense'"]
        },
    };

    [Theory]
    [MemberData(nameof(GraphErrors))]
    public void FromJson_BrokenGraph_ThrowsNamingFileAndNode(string what, string json, string[] mentions)
    {
        var e = Assert.Throws<ModelSpecException>(() => ModelSpec.FromJson(json, "spec.json"));
        foreach (string mention in mentions)
        {
            Assert.True(e.Message.Contains(mention, StringComparison.Ordinal), $"{what}: '{e.Message}' lacks '{mention}'");
        }
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Build_AddOfShapesThatDoNotMeet_ThrowsNamingNodeAndShapes(string precision)
    {
        string json = ResMlp.Replace("""{"name":"f","type":"dense","units":128""", """{"name":"f","type":"dense","units":64""", StringComparison.Ordinal);
        ModelSpec spec = ModelSpec.FromJson(json, "res-mlp.json");
        var e = Assert.Throws<ModelSpecException>(() => precision == "float32" ? (IModel)Model<float>.Build(spec, 1) : Model<double>.Build(spec, 1));
        Assert.Equal("res-mlp.json node 'r': add inputs do not meet: [128] and [64] (all must have one shape)", e.Message);
    }

    [Fact]
    public void Build_SharedModuleOnAnotherShape_ThrowsNamingNode()
    {
        const string json = """
            {"input":[4],"nodes":[
              {"name":"p","type":"dense","units":6,"inputs":["input"]},
              {"name":"q","type":"dense","shares":"p","inputs":["p"]},
              {"name":"out","type":"dense","units":2,"inputs":["q"]}],
             "output":"out"}
            """;
        var e = Assert.Throws<ModelSpecException>(() => Model<double>.Build(ModelSpec.FromJson(json, "tied.json"), 1));
        Assert.StartsWith("tied.json node 'q': shares 'p', built for inputs [4], but gets [6]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_JoinOfOneInput_ThrowsNamingNode()
    {
        const string json = """{"input":[4],"nodes":[{"name":"r","type":"add","inputs":["input"]},{"name":"out","type":"dense","units":2,"inputs":["r"]}],"output":"out"}""";
        var e = Assert.Throws<ModelSpecException>(() => Model<double>.Build(ModelSpec.FromJson(json, "one.json"), 1));
        Assert.Equal("one.json node 'r': add needs two or more inputs, got 1", e.Message);
    }

    [Fact]
    public void Build_DenseGivenTwoInputs_ThrowsNamingNode()
    {
        const string json = """{"input":[4],"nodes":[{"name":"out","type":"dense","units":2,"inputs":["input","input"]}],"output":"out"}""";
        var e = Assert.Throws<ModelSpecException>(() => Model<double>.Build(ModelSpec.FromJson(json, "two.json"), 1));
        Assert.StartsWith("two.json node 'out': dense takes one input, got 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_StringSettings_TokenPoolModeAndDenseInitAreRead()
    {
        // Two models differing only in string settings: "mean" pooling and "xavier" init must change the numbers.
        static string Spec(string mode, string init) => $$"""
            {"input":[4, 6],"nodes":[
              {"name":"pool","type":"token-pool","mode":"{{mode}}","inputs":["input"]},
              {"name":"out","type":"dense","units":3,"init":"{{init}}","inputs":["pool"]}],
             "output":"out"}
            """;
        var x = Predict.RandomBatch<double>(9, 2, 4, 6);
        double[] Run(string mode, string init) => Predict.Outputs(Model<double>.Build(ModelSpec.FromJson(Spec(mode, init), "s.json"), 3), x);
        Assert.NotEqual(Run("class", "he"), Run("mean", "he"));
        Assert.NotEqual(Run("class", "he"), Run("class", "xavier"));
        Assert.Equal(Run("CLASS", "He"), Run("class", "he"));

        // Xavier draws W ~ N(0, 2/(in + out)) = N(0, 2/9), He N(0, 2/6): the same normal draws scaled by √(6/9).
        double[] he = Model<double>.Build(ModelSpec.FromJson(Spec("class", "he"), "s.json"), 3).Parameters()[0].Value.Span.ToArray();
        double[] xavier = Model<double>.Build(ModelSpec.FromJson(Spec("class", "xavier"), "s.json"), 3).Parameters()[0].Value.Span.ToArray();
        for (int i = 0; i < he.Length; i++)
        {
            Assert.Equal(he[i] * Math.Sqrt(6.0 / 9.0), xavier[i], 1e-12);
        }
    }

    [Fact]
    public void Build_ListAndObjectSettings_ReachTheFactoryAndBadOnesAreNamed()
    {
        ModuleRegistry registry = ModuleRegistry.CreateWithBuiltIns();
        registry.Register(new ScaleFactory());
        static string Spec(string factors, string meta) => $$"""
            {"input":[3],"loss":"mse","nodes":[{"name":"s","type":"scale","factors":{{factors}},"meta":{{meta}},"inputs":["input"]}],"output":"s"}
            """;

        Model<double> model = Model<double>.Build(ModelSpec.FromJson(Spec("[2, 3]", """{"note": "six"}"""), "s.json"), 1, registry);
        Assert.Equal([6.0, -12.0, 0.5 * 6], Predict.Outputs(model, Numerics.Tensors.Tensor<double>.FromSpan([1.0, -2.0, 0.5], 1, 3)));
        Assert.Equal("""[2,3]""", model.Spec.ToNode()["nodes"]![0]!["factors"]!.ToJsonString());
        Assert.Equal("""{"note":"six"}""", model.Spec.ToNode()["nodes"]![0]!["meta"]!.ToJsonString());

        var notList = Assert.Throws<ModelSpecException>(() => Model<double>.Build(ModelSpec.FromJson(Spec("3", "{}"), "s.json"), 1, registry));
        Assert.Equal("s.json node 's': scale setting 'factors' must be a list of integers, got 3", notList.Message);
        var badItem = Assert.Throws<ModelSpecException>(() => Model<double>.Build(ModelSpec.FromJson(Spec("""[2, "x"]""", "{}"), "s.json"), 1, registry));
        Assert.Equal("s.json node 's': scale setting 'factors[1]' must be a number, got \"x\"", badItem.Message);
        var zero = Assert.Throws<ModelSpecException>(() => Model<double>.Build(ModelSpec.FromJson(Spec("[2, 0]", "{}"), "s.json"), 1, registry));
        Assert.Equal("s.json node 's': scale setting 'factors[1]' = 0 must be a positive integer", zero.Message);
        var notObject = Assert.Throws<ModelSpecException>(() => Model<double>.Build(ModelSpec.FromJson(Spec("[2]", "[1]"), "s.json"), 1, registry));
        Assert.Equal("s.json node 's': scale setting 'meta' must be an object, got [1]", notObject.Message);
    }

    private static double[] Affine(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, int inputs, int outputs)
    {
        double[] y = new double[outputs];
        for (int o = 0; o < outputs; o++)
        {
            double s = b[o];
            for (int i = 0; i < inputs; i++)
            {
                s += x[i] * w[(i * outputs) + o];
            }
            y[o] = s;
        }
        return y;
    }

    private static void AssertRoundTrip<T>(Model<T> model, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ModelFile.Save(path, model);
        SavedModel saved = ModelFile.Load(path);
        var loaded = Assert.IsType<Model<T>>(saved.Model);
        Assert.False(loaded.Spec.IsSequential);
        Assert.Equal(model.Spec.ToJson(), loaded.Spec.ToJson());
        Assert.Equal(model.Nodes.Select(n => (n.Name, string.Join(",", n.Inputs))), loaded.Nodes.Select(n => (n.Name, string.Join(",", n.Inputs))));
        Precision<T>.AssertBitIdentical(Precision<T>.Snapshot(model), Precision<T>.Snapshot(loaded), "reloaded weights");
        var x = Predict.RandomBatch<T>(5, 3, 64);
        Assert.Equal(Predict.Outputs(model, x), Predict.Outputs(loaded, x));
    }

    /// <summary>
    /// A test module kind "scale" that multiplies its input by the product of the list setting "factors" and requires
    /// an object setting "meta": settings of every JSON kind pass from the spec to a factory.
    /// </summary>
    private sealed class ScaleFactory : IModuleFactory
    {
        public string Kind => "scale";

        public string Summary => "multiplies by the product of 'factors'";

        public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
        {
            ModuleSettings s = context.Settings;
            int[] factors = s.IntListOr("factors", null, min: 1) ?? throw s.Error("needs the setting 'factors'");
            if (s.Values["meta"] is not JsonObject)
            {
                throw s.Error($"setting 'meta' must be an object, got {s.Values["meta"]?.ToJsonString() ?? "nothing"}");
            }
            s.RejectUnknown("factors", "meta");
            return new ScaleModule<T>(context.Input, factors.Aggregate(1, (a, b) => a * b));
        }
    }

    private sealed class ScaleModule<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T _factor;

        public ScaleModule(int[] inputShape, int factor) : base("scale", inputShape)
        {
            _factor = T.CreateTruncating(factor);
            OutputShape = (int[])inputShape.Clone();
        }

        protected override Variable<T> ForwardCore(Variable<T> input) => Ops.Scale(input, _factor);
    }
}
