using System.Numerics;
using System.Text.Json.Nodes;
using Triad.Learning.Autograd;
using Triad.Learning.Models;
using Triad.Learning.Modules;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Tests.Modules;

public sealed class ModuleRegistryTests(Xunit.Abstractions.ITestOutputHelper output)
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

    /// <summary>A phase modulator: a real input x becomes the complex field e^{i(x + φ)} with a learned phase φ per feature.</summary>
    private sealed class PhaseModulator<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public PhaseModulator(int[] input, Triad.Numerics.Random.SeededRandom random) : base("phase-modulator", input)
        {
            Phase = AddParameter("phase", Init.Gaussian<T>(random, 0.0, 1.0, input[^1]));
            OutputShape = (int[])input.Clone();
        }

        public Parameter<T> Phase { get; }

        protected override Variable<T> ForwardCore(Variable<T> input) => Ops.Polar(null, Ops.Add(input, Phase));
    }

    /// <summary>A complex "mesh": a learned complex mixing matrix stored as real and imaginary parts.</summary>
    private sealed class ComplexMixer<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public ComplexMixer(int[] input, Triad.Numerics.Random.SeededRandom random) : base("complex-mixer", input)
        {
            Re = AddParameter("re", Init.Gaussian<T>(random, 0.0, 0.5, input[^1], input[^1]));
            Im = AddParameter("im", Init.Gaussian<T>(random.Fork(1), 0.0, 0.5, input[^1], input[^1]));
            OutputShape = (int[])input.Clone();
        }

        public Parameter<T> Re { get; }

        public Parameter<T> Im { get; }

        protected override Variable<T> ForwardCore(Variable<T> input) => Ops.ComplexMatMul(input, Ops.ToComplex(Re, Im));
    }

    /// <summary>Direct detection: |z|².</summary>
    private sealed class Intensity<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Intensity(int[] input) : base("intensity", input) => OutputShape = (int[])input.Clone();

        protected override Variable<T> ForwardCore(Variable<T> input) => Ops.AbsSquared(input);
    }

    private sealed class OpticalFactory(string kind) : IModuleFactory
    {
        public string Kind => kind;

        public string Summary => "test kind";

        public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
        {
            context.Settings.RejectUnknown();
            return kind switch
            {
                "phase-modulator" => new PhaseModulator<T>(context.Input, context.Random),
                "complex-mixer" => new ComplexMixer<T>(context.Input, context.Random),
                _ => new Intensity<T>(context.Input),
            };
        }
    }

    [Fact]
    public void ComplexValues_FlowBetweenRegisteredModules_WithRealParameters_AndGradientsCheckOut()
    {
        ModuleRegistry registry = ModuleRegistry.CreateWithBuiltIns();
        foreach (string kind in (string[])["phase-modulator", "complex-mixer", "intensity"])
        {
            registry.Register(new OpticalFactory(kind));
        }
        var spec = ModelSpec.FromJson("""
            { "name": "optical", "input": [4], "nodes": [
              { "name": "mod", "type": "phase-modulator", "inputs": ["input"] },
              { "name": "mesh", "type": "complex-mixer", "inputs": ["mod"] },
              { "name": "det", "type": "intensity", "inputs": ["mesh"] },
              { "name": "out", "type": "dense", "units": 3, "inputs": ["det"] } ], "output": "out" }
            """, "optical.json");
        var model = Model<double>.Build(spec, 5, registry);
        Assert.Equal(["mod.phase", "mesh.re", "mesh.im", "out.weight", "out.bias"], model.NamedParameters().Select(p => p.Key).ToArray());
        var targets = new Tensor<double>([0, 2, 1], 3);
        Tests.Autograd.TapeCheck.AssertGradients((t, v) => Ops.SoftmaxCrossEntropy(model.Forward(v[0]), targets),
            [Tests.Autograd.TapeCheck.Real(9, 3, 4), .. model.Parameters().Select(Tests.Autograd.TapeCheck.Operand.Of)],
            9, output, "optical graph");
        IReadOnlyList<OpRecord> ops = model.Trace(2);
        Assert.Contains(ops, o => o.Kind == "complex-matmul" && o.OutputComplex && o.Module == "mesh");
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
