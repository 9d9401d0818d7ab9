using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Modules;
using Triad.Learning.Modules.Photonic;
using Triad.Learning.Optimizers;
using Triad.Learning.Training;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Triad.Photonics.Meshes;

namespace Triad.Learning.Tests.Modules.Photonic;

public sealed class PhotonicMappingTests
{
    private static Dataset RandomData(int samples, int features, int classes, ulong seed)
    {
        var r = new SeededRandom(seed);
        var x = new Tensor<double>(samples, features);
        r.FillGaussian(x.Span, 0, 1);
        int[] labels = [.. Enumerable.Range(0, samples).Select(i => i % classes)];
        return new Dataset("random", x, labels, [.. Enumerable.Range(0, classes).Select(c => $"c{c}")]);
    }

    /// <summary>Untrained weights are as good as any for the identity of the two models: He-initialised W, random biases.</summary>
    private static Model<double> Electronic(string name, ulong seed)
    {
        Model<double> model = Model<double>.Build(BuiltInModels.Get(name), seed);
        var r = new SeededRandom(seed + 7);
        foreach (var (key, p) in model.NamedParameters().Where(p => p.Key.EndsWith("bias", StringComparison.Ordinal)))
        {
            r.FillGaussian(p.Span, 0, 0.5);
        }
        return model;
    }

    [Theory]
    [InlineData("iris-onn-electronic", 4, MeshKind.Clements)]
    [InlineData("iris-onn-electronic", 4, MeshKind.Reck)]
    [InlineData("digits-onn-electronic", 64, MeshKind.Clements)]
    public void MappedModel_OnIdealMeshes_GivesTheElectronicOutputsTo1e9(string name, int modes, MeshKind kind)
    {
        Model<double> electronic = Electronic(name, 5);
        Model<double> photonic = PhotonicMapping.ToPhotonic(electronic, kind, out IReadOnlyList<MappedLayer> layers);
        Dataset data = RandomData(50, electronic.InputShape[0], (int)electronic.OutputShape[0], 9);

        Assert.Equal(2, layers.Count);
        Assert.All(layers, l => Assert.Equal(modes, l.Modes));
        Assert.All(layers, l => Assert.Equal(modes * (modes - 1), l.Mzis));
        Assert.All(layers, l => Assert.InRange(l.ReconstructionError, 0, 1e-11 * Math.Max(1, l.WeightNorm)));
        Assert.Equal(["0", "2"], layers.Select(l => l.Node));
        double[] a = PhotonicMappingExperiment.Outputs(electronic, data), b = PhotonicMappingExperiment.Outputs(photonic, data);
        Assert.Equal(a.Length, b.Length);
        double largest = PhotonicMappingExperiment.LargestDifference(electronic, photonic, data);
        Assert.InRange(largest, 0, 1e-9);
        Assert.True(a.Max(Math.Abs) > 0.1, "outputs too small for the comparison to mean anything");
    }

    [Fact]
    public void Training_WithWeightDecay_LeavesTheProgrammedAttenuatorsAndGainAlone_AndMovesThePhases()
    {
        Model<double> photonic = PhotonicMapping.ToPhotonic(Electronic("iris-onn-electronic", 5), MeshKind.Clements, out _);
        var before = photonic.NamedParameters().ToDictionary(p => p.Key, p => p.Value.Span.ToArray());
        string[] programmed = [.. before.Keys.Where(k => k.EndsWith(".transmission", StringComparison.Ordinal) || k.EndsWith(".gain", StringComparison.Ordinal))];
        Assert.Equal(4, programmed.Length);
        using var trainer = new Trainer<double>(photonic, new TrainingOptions
        {
            Epochs = 2,
            BatchSize = 10,
            Seed = 1,
            ValidationFraction = 0.2,
            Patience = 0,
            Optimizer = new OptimizerSpec { Name = "adam", LearningRate = 0.01, WeightDecay = 0.1 },
        });
        trainer.Fit(RandomData(60, 4, 3, 11));

        var after = photonic.NamedParameters().ToDictionary(p => p.Key, p => p.Value.Span.ToArray());
        Assert.All(programmed, k => Assert.Equal(before[k], after[k]));
        Assert.Contains(before.Keys.Except(programmed), k => !before[k].SequenceEqual(after[k]));
    }

    [Fact]
    public void MappedLayer_WithPhaseErrors_IsScaledRealPartOfTheDefectiveMeshesProduct()
    {
        Model<double> electronic = Electronic("iris-onn-electronic", 3);
        Model<double> photonic = PhotonicMapping.ToPhotonic(electronic, MeshKind.Clements, out _);
        PhotonicChip.SetDefects(photonic, new MeshDefects(PhaseErrorStdRadians: 0.1, CouplerErrorStd: 0.02, Seed: 4));
        var layer = (PhotonicDense<double>)photonic.NodeModules[0];
        Tensor<double> x = RandomData(6, 4, 3, 2).Features;
        using var tape = new Tape<double>();
        layer.Eval();
        Tensor<double> y = layer.Forward(tape.Input(x)).Value;

        MziMesh Mesh(PhotonicLinear<double> l) => new(
            new MeshPhases(l.Layout, l.Theta.Span.ToArray(), l.Phi.Span.ToArray(), l.Alpha.Span.ToArray()), l.Defects.Realize(l.Layout));
        Complex[] v = Mesh(layer.Input).Matrix(), u = Mesh(layer.Output).Matrix();
        double gain = layer.Gain.Span[0];
        double[] t = layer.Transmission.Span.ToArray();
        bool anyOff = false;
        for (int s = 0; s < 6; s++)
        {
            for (int i = 0; i < 4; i++)
            {
                Complex z = 0;
                for (int k = 0; k < 4; k++)
                {
                    Complex inner = 0;
                    for (int j = 0; j < 4; j++)
                    {
                        inner += v[(k * 4) + j] * x[s, j];
                    }
                    z += u[(i * 4) + k] * t[k] * inner;
                }
                double expected = (gain * z.Real) + layer.Bias!.Span[i];
                Assert.Equal(expected, y[s, i], 10);
                double ideal = electronic.NodeModules[0] is Dense<double> d
                    ? Enumerable.Range(0, 4).Sum(j => x[s, j] * d.Weight.Value[j, i]) + d.Bias!.Span[i]
                    : double.NaN;
                anyOff |= Math.Abs(ideal - y[s, i]) > 1e-3;
            }
        }
        Assert.True(anyOff, "phase errors of 0.1 rad left the layer's outputs unchanged");
    }

    [Fact]
    public void PhotonicSpec_ReplacesDenseNodesOnly_AndRefusesAModelWithoutOne()
    {
        ModelSpec spec = PhotonicMapping.PhotonicSpec(BuiltInModels.Get("digits-mlp"), MeshKind.Reck);
        Assert.Equal(["photonic-dense", "relu", "dropout", "photonic-dense", "relu", "photonic-dense"], spec.Nodes.Select(n => n.Type));
        Assert.Equal("reck", spec.Nodes[0].Settings["mesh"]!.GetValue<string>());
        var e = Assert.Throws<ArgumentException>(() => PhotonicMapping.PhotonicSpec(BuiltInModels.Get("iris-onn"), MeshKind.Clements));
        Assert.Contains("no dense layer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Program_RefusesAMappingOfAnotherShape()
    {
        var layer = new PhotonicDense<double>([4], 3, MeshKind.Clements, new SeededRandom(1));
        PhotonicMatrix wrong = PhotonicMatrix.Map(new Complex[6], 2, 3);
        var e = Assert.Throws<ArgumentException>(() => layer.Program(wrong, new double[3]));
        Assert.Contains("does not fit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Program_RefusesABiasOfAnotherLength()
    {
        var layer = new PhotonicDense<double>([4], 3, MeshKind.Clements, new SeededRandom(1));
        PhotonicMatrix matrix = PhotonicMatrix.Map(new Complex[12], 3, 4);
        var e = Assert.Throws<ArgumentException>(() => layer.Program(matrix, new double[2]));
        Assert.Contains("3 biases, not 2", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"units\": 5000}", "more than 4096")]
    [InlineData("{\"units\": 3, \"mesh\": \"diamond\"}", "mesh")]
    [InlineData("{\"units\": 3, \"modes\": 8}", "modes")]
    public void Spec_BadPhotonicDenseSettings_ThrowNamingTheLayer(string settings, string mention)
    {
        ModelSpec spec = ModelSpec.Sequential("bad", [4], [("photonic-dense", (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(settings)!)]);
        var e = Assert.Throws<ModelSpecException>(() => Model<double>.Build(spec, 1));
        Assert.Contains("photonic-dense", e.Message, StringComparison.Ordinal);
        Assert.Contains(mention, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_PhotonicDenseOnTokens_IsRefused()
    {
        ModelSpec spec = ModelSpec.Sequential("tokens", [2, 4], [("photonic-dense", new System.Text.Json.Nodes.JsonObject { ["units"] = 3 })]);
        var e = Assert.Throws<ModelSpecException>(() => Model<double>.Build(spec, 1));
        Assert.Contains("samples [features]", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The experiment end to end on a small run (iris, 30 electronic epochs, one seed, two chips, 2 epochs of
    /// hardware-aware training): exact mapping on ideal meshes and the table's shape; the accuracy claims are the Slow
    /// test's.
    /// </summary>
    [Fact]
    public void Experiment_OnATinyProblem_MapsExactlyAndFillsTheTable()
    {
        Dataset all = BuiltInData.Load("iris");
        (Dataset train, Dataset test) = all.StratifiedSplit(0.2, 42);
        var options = new PhotonicMappingOptions
        {
            Electronic = BuiltInModels.Get("iris-onn-electronic"),
            Train = train,
            Test = test,
            Training = new TrainingOptions { Epochs = 30, Seed = 1, Optimizer = new OptimizerSpec { Name = "adam", LearningRate = 0.02 } },
            Seeds = [1],
            Chips = [1, 2],
            PhaseErrors = [0, 0.1],
            HardwareAwareEpochs = 2,
        };
        PhotonicMappingResult result = PhotonicMappingExperiment.Run(options);
        Assert.Equal(result.Electronic[0], result.MappedIdeal[0]);
        Assert.InRange(result.LargestOutputDifference, 0, 1e-9);
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal(result.Electronic[0], result.Rows[0].Mapped);
        Assert.True(result.Rows[0].Mapped > 0.8, $"electronic iris model at {result.Rows[0].Mapped:P2}");
        Assert.All(result.Rows, r => Assert.InRange(r.OnChip, 0, 1));
        Assert.All(result.Rows, r => Assert.InRange(r.NoiseAware, 0, 1));
        Assert.Contains("σ_φ (rad)", result.Format("t"), StringComparison.Ordinal);
    }
}
