using System.Numerics;
using System.Text.Json.Nodes;
using Triad.Learning.Autograd;
using Triad.Learning.Models;
using Triad.Learning.Modules;
using Triad.Learning.Modules.Photonic;
using Triad.Learning.Tests.Autograd;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Triad.Photonics.Meshes;

namespace Triad.Learning.Tests.Modules.Photonic;

public sealed class PhotonicLayerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static double At(Tensor<double> t, int a, int b, int c) => t.Span[(((a * t.Dim(1)) + b) * t.Dim(2)) + c];

    private static PhotonicLinear<double> Layer(int features, int units, MeshKind kind = MeshKind.Clements, int? modes = null, ulong seed = 3) =>
        new([features], units, kind, modes ?? Math.Max(features, units), new SeededRandom(seed));

    [Theory]
    [InlineData(MeshKind.Clements, 4, 4, false)]
    [InlineData(MeshKind.Reck, 5, 3, false)]
    [InlineData(MeshKind.Clements, 3, 6, true)]
    public void Forward_IsTheMeshMatrixOnTheFirstModes(MeshKind kind, int features, int units, bool complexInput)
    {
        PhotonicLinear<double> layer = Layer(features, units, kind);
        int modes = Math.Max(features, units), batch = 7;
        Tensor<double> x = TapeCheck.Random(new SeededRandom(11), complexInput ? [batch, features, 2] : [batch, features]);
        using var tape = new Tape<double>();
        Variable<double> y = layer.Forward(tape.Input(x, isComplex: complexInput));

        var phases = new MeshPhases(layer.Layout, layer.Theta.Span.ToArray(), layer.Phi.Span.ToArray(), layer.Alpha.Span.ToArray());
        Complex[] u = new MziMesh(phases).Matrix();
        Assert.True(y.IsComplex);
        Assert.Equal([batch, units], y.ShapeArray);
        for (int s = 0; s < batch; s++)
        {
            for (int j = 0; j < units; j++)
            {
                Complex expected = Complex.Zero;
                for (int m = 0; m < features; m++)
                {
                    Complex xm = complexInput ? new Complex(At(x, s, m, 0), At(x, s, m, 1)) : new Complex(x[s, m], 0);
                    expected += u[(j * modes) + m] * xm;
                }
                Assert.Equal(expected.Real, At(y.Value, s, j, 0), 12);
                Assert.Equal(expected.Imaginary, At(y.Value, s, j, 1), 12);
            }
        }
    }

    [Fact]
    public void Forward_SquareIdealMesh_KeepsEachSamplesPower()
    {
        PhotonicLinear<double> layer = Layer(6, 6);
        Tensor<double> x = TapeCheck.Random(new SeededRandom(5), [4, 6, 2]);
        using var tape = new Tape<double>();
        Tensor<double> y = Ops.AbsSquared(layer.Forward(tape.Input(x, isComplex: true))).Value;
        for (int s = 0; s < 4; s++)
        {
            double before = 0, after = 0;
            for (int m = 0; m < 6; m++)
            {
                before += (At(x, s, m, 0) * At(x, s, m, 0)) + (At(x, s, m, 1) * At(x, s, m, 1));
                after += y[s, m];
            }
            Assert.Equal(before, after, 12);
        }
    }

    [Theory]
    [InlineData(MeshKind.Clements, 4, 4, false, false)]
    [InlineData(MeshKind.Reck, 5, 3, true, false)]
    [InlineData(MeshKind.Clements, 3, 5, false, true)]
    public void Gradients_InputAndPhases_AgreeWithFiniteDifferences(MeshKind kind, int features, int units, bool complexInput, bool defects)
    {
        PhotonicLinear<double> layer = Layer(features, units, kind);
        if (defects)
        {
            layer.Defects = new MeshDefects(PhaseErrorStdRadians: 0.05, CouplerErrorStd: 0.03, LossDbMean: 0.2, LossDbSpread: 0.05, Seed: 9);
        }
        TapeCheck.Operand input = complexInput ? TapeCheck.Complex(21, 6, features) : TapeCheck.Real(21, 6, features);
        TapeCheck.AssertGradients((t, v) => layer.Forward(v[0]),
            [input, .. layer.Parameters().Select(TapeCheck.Operand.Of)], 4, output, $"photonic-linear {kind} {features}→{units}");
    }

    [Fact]
    public void Gradients_MeshCalledTwiceThenDetected_Accumulate()
    {
        PhotonicLinear<double> layer = Layer(4, 4);
        var detect = new Photodetect<double>([4]);
        TapeCheck.AssertGradients((t, v) => detect.Forward(layer.Forward(layer.Forward(v[0]))),
            [TapeCheck.Real(8, 5, 4), .. layer.Parameters().Select(TapeCheck.Operand.Of)], 6, output, "mesh twice, detected");
    }

    [Theory]
    [InlineData(0.1, Math.PI, Math.PI)]
    [InlineData(0.3, 0.05 * Math.PI, 0.0)]
    public void ElectroOptic_MatchesWilliamsonEquationAndItsGradient(double tap, double gain, double bias)
    {
        var layer = new ElectroOptic<double>([3], tap, gain, bias);
        Tensor<double> z = TapeCheck.Random(new SeededRandom(2), [2, 3, 2]);
        using var tape = new Tape<double>();
        Tensor<double> y = layer.Forward(tape.Input(z, isComplex: true)).Value;
        for (int s = 0; s < 2; s++)
        {
            for (int j = 0; j < 3; j++)
            {
                var zj = new Complex(At(z, s, j, 0), At(z, s, j, 1));
                double u = (gain * zj.Magnitude * zj.Magnitude) + bias;
                // Williamson et al. 2020, Eq. (5).
                Complex expected = Complex.ImaginaryOne * Math.Sqrt(1 - tap) * Complex.Exp(-Complex.ImaginaryOne * u / 2) * Math.Cos(u / 2) * zj;
                Assert.Equal(expected.Real, At(y, s, j, 0), 12);
                Assert.Equal(expected.Imaginary, At(y, s, j, 1), 12);
            }
        }
        TapeCheck.AssertGradients((t, v) => layer.Forward(v[0]), [TapeCheck.Complex(4, 5, 3)], 3, output, "electro-optic");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Normalize_UnitPowerPerSample_AndGradient(bool complex)
    {
        var layer = new Normalize<double>([5]);
        Tensor<double> x = TapeCheck.Random(new SeededRandom(3), complex ? [4, 5, 2] : [4, 5]);
        using var tape = new Tape<double>();
        Tensor<double> y = layer.Forward(tape.Input(x, isComplex: complex)).Value;
        int width = complex ? 10 : 5;
        for (int s = 0; s < 4; s++)
        {
            double power = 0, ratio = x.Span[s * width] / y.Span[s * width];
            for (int j = 0; j < width; j++)
            {
                power += y.Span[(s * width) + j] * y.Span[(s * width) + j];
                Assert.Equal(ratio, x.Span[(s * width) + j] / y.Span[(s * width) + j], 10);
            }
            Assert.Equal(1, power, 12);
        }
        TapeCheck.AssertGradients((t, v) => layer.Forward(v[0]), [complex ? TapeCheck.Complex(6, 3, 5) : TapeCheck.Real(6, 3, 5)], 2, output, "normalize");
    }

    [Fact]
    public void Photodetect_GainTimesIntensity_AndGradient()
    {
        var layer = new Photodetect<double>([2], gain: 2.5);
        using var tape = new Tape<double>();
        Tensor<double> y = layer.Forward(tape.Input(new Tensor<double>([3.0, 4.0, 0.0, -1.0], 1, 2, 2), isComplex: true)).Value;
        Assert.Equal([62.5, 2.5], y.Span.ToArray());
        TapeCheck.AssertGradients((t, v) => layer.Forward(v[0]), [TapeCheck.Complex(6, 3, 2)], 2, output, "photodetect");
    }

    [Fact]
    public void TrainingPhaseNoise_OnlyInTraining_FromThePassStream()
    {
        PhotonicLinear<double> layer = Layer(4, 4);
        layer.TrainingPhaseNoise = 0.1;
        Tensor<double> x = TapeCheck.Random(new SeededRandom(5), [3, 4]);
        double[] Run(bool training, ulong stream)
        {
            layer.Train(training);
            using var tape = new Tape<double>(random: new SeededRandom(stream));
            return layer.Forward(tape.Input(x)).Value.Span.ToArray();
        }

        double[] a = Run(true, 1), b = Run(true, 1), c = Run(true, 2), ideal = Run(false, 1), ideal2 = Run(false, 2);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(ideal, ideal2);
        Assert.NotEqual(a, ideal);
        layer.TrainingPhaseNoise = 0;
        Assert.Equal(ideal, Run(true, 1));
    }

    [Fact]
    public void Defects_StaticDrawActsInEveryPassAndSettingItAgainRedraws()
    {
        PhotonicLinear<double> layer = Layer(4, 4);
        layer.Eval();
        Tensor<double> x = TapeCheck.Random(new SeededRandom(5), [3, 4]);
        double[] Run()
        {
            using var tape = new Tape<double>();
            return layer.Forward(tape.Input(x)).Value.Span.ToArray();
        }

        double[] ideal = Run();
        layer.Defects = new MeshDefects(PhaseErrorStdRadians: 0.05, Seed: 1);
        double[] chip1 = Run();
        Assert.Equal(chip1, Run());
        layer.Defects = new MeshDefects(PhaseErrorStdRadians: 0.05, Seed: 2);
        Assert.NotEqual(chip1, Run());
        layer.Defects = MeshDefects.None;
        Assert.Equal(ideal, Run());
    }

    [Fact]
    public void PhaseOffsets_AddToTheProgrammedPhases_AndAreChecked()
    {
        PhotonicLinear<double> layer = Layer(3, 3);
        layer.Eval();
        Tensor<double> x = TapeCheck.Random(new SeededRandom(5), [2, 3]);
        double[] Run()
        {
            using var tape = new Tape<double>();
            return layer.Forward(tape.Input(x)).Value.Span.ToArray();
        }

        int k = layer.Layout.Count;
        double[] offsets = [.. Enumerable.Range(0, (2 * k) + 3).Select(i => 0.01 * (i + 1))];
        layer.PhaseOffsets = offsets;
        double[] shifted = Run();
        layer.PhaseOffsets = null;
        for (int i = 0; i < k; i++)
        {
            layer.Theta.Span[i] += offsets[i];
            layer.Phi.Span[i] += offsets[k + i];
        }
        for (int m = 0; m < 3; m++)
        {
            layer.Alpha.Span[m] += offsets[(2 * k) + m];
        }
        double[] programmed = Run();
        Assert.Equal(programmed.Length, shifted.Length);
        for (int i = 0; i < programmed.Length; i++)
        {
            Assert.Equal(programmed[i], shifted[i], 12);
        }
        var e = Assert.Throws<ArgumentException>(() => layer.PhaseOffsets = new double[4]);
        Assert.Contains($"{(2 * k) + 3} finite values", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => layer.PhaseOffsets = [.. offsets.Select(_ => double.NaN)]);
    }

    [Fact]
    public void Spec_PhotonicNetwork_BuildsNamesItsParametersAndTracesTheMesh()
    {
        var spec = ModelSpec.FromJson("""
            { "name": "onn", "input": [4], "loss": "softmax-cross-entropy", "layers": [
              { "type": "photonic-linear", "mesh": "clements" },
              { "type": "electro-optic" },
              { "type": "photonic-linear", "units": 3, "mesh": "reck", "phase-error": 0.01, "defect-seed": 4, "training-noise": 0.02 },
              { "type": "photodetect" } ] }
            """, "onn.json");
        var model = Model<float>.Build(spec, 1);
        Assert.Equal(["0.theta", "0.phi", "0.alpha", "2.theta", "2.phi", "2.alpha"], model.NamedParameters().Select(p => p.Key).ToArray());
        Assert.Equal(6 + 6 + 4 + 6 + 6 + 4, model.ParameterCount);
        Assert.Equal([3], model.OutputShape);
        IReadOnlyList<OpRecord> ops = model.Trace(2);
        OpRecord mesh = ops.First(o => o.Kind == "photonic-mesh");
        Assert.True(mesh.OutputComplex);
        Assert.Equal(2L * ((32 * 6) + (6 * 4)), mesh.Flops);
    }

    [Theory]
    [InlineData("photonic-linear", """{ "mesh": "triangle" }""", "must be one of clements, reck")]
    [InlineData("photonic-linear", """{ "units": 0 }""", "units")]
    [InlineData("photonic-linear", """{ "modes": 3 }""", "modes")]
    [InlineData("photonic-linear", """{ "phase-error": -0.1 }""", "phase-error")]
    [InlineData("photonic-linear", """{ "phase-bits": 40 }""", "phase-bits 40 must lie in 1..32")]
    [InlineData("photonic-linear", """{ "loss": 1 }""", "'loss'")]
    [InlineData("electro-optic", """{ "tap": 1.0 }""", "tap")]
    [InlineData("photodetect", """{ "responsivity": 1 }""", "'responsivity'")]
    [InlineData("photodetect", """{ "gain": 0 }""", "gain")]
    [InlineData("normalize", """{ "p": 2 }""", "'p'")]
    public void Spec_BadSetting_NamesIt(string kind, string settings, string expected)
    {
        var e = Assert.Throws<ModelSpecException>(() => ModuleRegistry.Default.Create<double>(kind,
            new ModuleContext([[4]], new ModuleSettings(kind, JsonNode.Parse(settings)!.AsObject(), "onn.json layer 1"), new SeededRandom(1))));
        Assert.StartsWith("onn.json layer 1", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_PhotonicLinearOnTokens_IsRefusedNamingTheShape()
    {
        var e = Assert.Throws<ModelSpecException>(() => ModuleRegistry.Default.Create<double>("photonic-linear",
            new ModuleContext([[3, 4]], new ModuleSettings("photonic-linear", new JsonObject(), "onn.json layer 1"), new SeededRandom(1))));
        Assert.Contains("samples [features]", e.Message, StringComparison.Ordinal);
    }
}
