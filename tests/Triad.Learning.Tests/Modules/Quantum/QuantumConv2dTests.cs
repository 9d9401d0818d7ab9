using System.Text.Json.Nodes;
using Triad.Learning.Autograd;
using Triad.Learning.Models;
using Triad.Learning.Modules;
using Triad.Learning.Modules.Quantum;
using Triad.Learning.Tests.Autograd;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Tests.Modules.Quantum;

public sealed class QuantumConv2dTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void OneQubitOneLayer_ReadoutIsCosineOfProjectionPlusWeight()
    {
        // RZ(w1)·RY(w0)·RY(x)|0⟩ has ⟨Z⟩ = cos(x + w0): the RZ only turns the phase.
        var layer = new QuantumConv2d<double>([1, 2, 2], 1, 2, 1, 1, 0, new SeededRandom(4));
        var x = new Tensor<double>([0.3, -0.2, 0.5, 0.1], 1, 1, 2, 2);
        using var tape = new Tape<double>();
        double y = layer.Forward(tape.Input(x)).Value.Span[0];
        double angle = layer.Projection.Bias.Span[0];
        for (int i = 0; i < 4; i++)
        {
            angle += layer.Projection.Weight.Span[i] * x.Span[i];
        }
        double z = Math.Cos(angle + layer.Weights.Span[0]);
        Assert.Equal((layer.Readout.Weight.Span[0] * z) + layer.Readout.Bias!.Span[0], y, 12);
    }

    [Theory]
    [InlineData(3, 2, 2)]
    [InlineData(2, 1, 1)]
    public void Gradients_InputProjectionCircuitAndReadout_AgreeWithFiniteDifferences(int qubits, int depth, int channels)
    {
        var layer = new QuantumConv2d<double>([channels, 4, 4], 3, 3, qubits, depth, 0, new SeededRandom(7));
        Assert.Equal([3, 2, 2], layer.OutputShape);
        TapeCheck.AssertGradients((t, v) => layer.Forward(v[0]),
            [TapeCheck.Real(5, 2, channels, 4, 4), .. layer.Parameters().Select(TapeCheck.Operand.Of)], 3, output, $"quantum-conv2d {qubits} qubits");
    }

    [Fact]
    public void Shots_ParameterShiftGradientsFromThePassStream_AreReproducibleAndNearTheExactOnes()
    {
        var exact = new QuantumConv2d<double>([1, 3, 3], 2, 2, 2, 1, 0, new SeededRandom(7));
        var sampled = new QuantumConv2d<double>([1, 3, 3], 2, 2, 2, 1, 20000, new SeededRandom(7));
        Tensor<double> x = TapeCheck.Random(new SeededRandom(9), [2, 1, 3, 3]);
        double[] Gradient(QuantumConv2d<double> layer, ulong stream)
        {
            layer.ZeroGrad();
            using var tape = new Tape<double>(random: new SeededRandom(stream));
            tape.Backward(Ops.Sum(layer.Forward(tape.Input(x))));
            return layer.Weights.Grad!.Span.ToArray();
        }

        double[] reference = Gradient(exact, 1), a = Gradient(sampled, 1), b = Gradient(sampled, 1);
        Assert.Equal(a, b);
        for (int i = 0; i < reference.Length; i++)
        {
            Assert.Equal(reference[i], a[i], 0.15);
        }
    }

    [Fact]
    public void Spec_HybridBlock_BuildsNamesItsParametersAndTracesTheCircuit()
    {
        var spec = ModelSpec.FromJson("""
            { "name": "hybrid", "input": [1, 8, 8], "loss": "softmax-cross-entropy", "layers": [
              { "type": "conv2d", "filters": 4, "kernel": 3, "padding": 1 },
              { "type": "relu" },
              { "type": "quantum-conv2d", "filters": 4, "kernel": 3, "qubits": 4, "depth": 2 },
              { "type": "flatten" },
              { "type": "dense", "units": 10 } ] }
            """, "hybrid.json");
        var model = Model<float>.Build(spec, 1);
        Assert.Contains("2.weights", model.NamedParameters().Select(p => p.Key));
        Assert.Contains("2.projection.weight", model.NamedParameters().Select(p => p.Key));
        Assert.Equal([4, 6, 6], model.NodeModules[2].OutputShape);
        IReadOnlyList<OpRecord> ops = model.Trace(2);
        OpRecord circuit = ops.Single(o => o.Kind == "quantum-circuit");
        Assert.Equal(2 * 36 * ((14L * (4 + 16 + 8)) + (8L * 4)) << 4, circuit.Flops);
    }

    [Theory]
    [InlineData("""{ "filters": 2, "kernel": 3 }""", "'qubits'")]
    [InlineData("""{ "filters": 2, "kernel": 9, "qubits": 2 }""", "kernel 9 does not fit")]
    [InlineData("""{ "filters": 2, "kernel": 3, "qubits": 17 }""", "qubits 17 is more than 16")]
    [InlineData("""{ "filters": 2, "kernel": 3, "qubits": 2, "shots": -1 }""", "shots")]
    [InlineData("""{ "filters": 2, "kernel": 3, "qubits": 2, "noise": 1 }""", "'noise'")]
    public void Spec_BadSetting_NamesIt(string settings, string expected)
    {
        var e = Assert.Throws<ModelSpecException>(() => ModuleRegistry.Default.Create<double>("quantum-conv2d",
            new ModuleContext([[1, 8, 8]], new ModuleSettings("quantum-conv2d", JsonNode.Parse(settings)!.AsObject(), "hybrid.json layer 3"), new SeededRandom(1))));
        Assert.StartsWith("hybrid.json layer 3", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
