using System.Numerics;
using System.Text.Json.Nodes;
using Triad.Learning.Autograd;
using Triad.Learning.Models;
using Triad.Learning.Modules;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Tests.Modules;

public sealed class ModuleRegistryTests
{
    /// <summary>A module kind as another project (Photonics, Quantum) would add it: a field x·e^{i·0} detected as |x|², times a learned scale per feature.</summary>
    private sealed class ScaledSquare<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public ScaledSquare(int[] input, double scale) : base("scaled-square", input)
        {
            Scale = AddParameter("scale", Init.Constant<T>(scale, input[^1]));
            OutputShape = (int[])input.Clone();
        }

        public Parameter<T> Scale { get; }

        protected override Variable<T> ForwardCore(Variable<T> input)
        {
            Variable<T> field = Ops.Polar(input, Ops.Scale(input, T.Zero));
            return Ops.Multiply(Ops.AbsSquared(field), Scale);
        }
    }

    private sealed class ScaledSquareFactory : IModuleFactory
    {
        public string Kind => "scaled-square";

        public string Summary => "test kind";

        public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
        {
            double scale = context.Settings.DoubleOr("scale", 1.0, -10, 10);
            context.Settings.RejectUnknown("scale");
            return new ScaledSquare<T>(context.Input, scale);
        }
    }

    [Fact]
    public void Register_NewKind_CanBeNamedInASpecAndTrained()
    {
        ModuleRegistry registry = ModuleRegistry.CreateWithBuiltIns();
        registry.Register(new ScaledSquareFactory());
        var spec = ModelSpec.FromJson("""
            { "name": "custom", "input": [3], "loss": "mse", "layers": [ { "type": "scaled-square", "scale": 2.0 } ] }
            """, "custom.json");
        var model = Model<double>.Build(spec, 1, registry);
        using var tape = new Tape<double>();
        Variable<double> y = model.Forward(tape.Input(new Tensor<double>([1.0, -2.0, 3.0], 1, 3)));
        Assert.Equal([2.0, 8.0, 18.0], y.Value.Span.ToArray().Select(v => Math.Round(v, 12)).ToArray());
        Assert.Equal(["0.scale"], model.NamedParameters().Select(p => p.Key).ToArray());
        // The default registry is untouched by a private one.
        var e = Assert.Throws<ModelSpecException>(() => Model<double>.Build(spec, 1));
        Assert.Contains("unknown module type 'scaled-square'", e.Message, StringComparison.Ordinal);
        Assert.Contains("transformer-block", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_DuplicateOrBadKind_Throws()
    {
        ModuleRegistry registry = ModuleRegistry.CreateWithBuiltIns();
        registry.Register(new ScaledSquareFactory());
        Assert.Throws<ArgumentException>(() => registry.Register(new ScaledSquareFactory()));
        Assert.Contains("dense", registry.Kinds);
    }

    [Fact]
    public void Create_UnknownSetting_IsNamedWithItsModule()
    {
        var e = Assert.Throws<ModelSpecException>(() => ModuleRegistry.Default.Create<double>("dense",
            new ModuleContext([[4]], new ModuleSettings("dense", JsonNode.Parse("""{ "unit": 3 }""")!.AsObject(), "spec.json layer 2"), new SeededRandom(1))));
        Assert.StartsWith("spec.json layer 2: dense", e.Message, StringComparison.Ordinal);
        Assert.Contains("'units'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dense", """{ "units": "many" }""", "must be a number")]
    [InlineData("dense", """{ "units": 3, "init": "zeros" }""", "must be one of he, xavier")]
    [InlineData("dense", """{ "units": 3, "bias": 1 }""", "must be true or false")]
    [InlineData("token-pool", """{ "mode": 2 }""", "must be text")]
    [InlineData("transformer-block", """{ "heads": 5 }""", "5 heads do not divide")]
    [InlineData("dropout", """{ "rate": 1.0 }""", "must lie in [0, 1)")]
    public void Create_BadSetting_SaysWhatWasWrong(string kind, string settings, string expected)
    {
        int[] input = kind == "transformer-block" || kind == "token-pool" ? [3, 8] : [8];
        var e = Assert.Throws<ModelSpecException>(() => ModuleRegistry.Default.Create<float>(kind,
            new ModuleContext([input], new ModuleSettings(kind, JsonNode.Parse(settings)!.AsObject(), "s.json node 'n'"), new SeededRandom(1))));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("s.json node 'n'", e.Message, StringComparison.Ordinal);
    }
}
