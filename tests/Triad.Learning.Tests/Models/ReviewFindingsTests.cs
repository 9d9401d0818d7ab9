using System.Diagnostics;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Triad.Learning.Autograd;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Modules;
using Triad.Learning.Serialization;
using Triad.Learning.Tests.Data;
using Triad.Learning.Training;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using static Triad.Learning.Tests.Serialization.ModelArchives;

namespace Triad.Learning.Tests.Models;

/// <summary>Cases found by reviewing the learning core: each failed (or ran out of memory) before its fix.</summary>
public sealed class ReviewFindingsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_SmallFileWhoseSpecDescribesAHugeModel_IsRefusedBeforeAllocating()
    {
        // 46,000 × 46,000 is 2.1e9 weights (8.5 GB in float32); the file holds a few bytes of them.
        const string modelJson = """{"format":"triad-model","version":2,"precision":"float32","spec":{"name":"huge","input":[46000],"layers":[{"type":"dense","units":46000}]},"metadata":{}}""";
        byte[] weights = TensorArchive(2, RawTensor.Float64("0.bias", [1], 0.0));
        string path = _dir.File("huge.triad");
        File.WriteAllBytes(path, Zip(stored: false, ("model.json", Encoding.UTF8.GetBytes(modelJson)), ("weights.bin", weights)));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));

        Assert.StartsWith("huge.triad", e.Message, StringComparison.Ordinal);
        Assert.Contains("weights.bin", e.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < (64L << 20), "loading allocated more than 64 MiB before refusing");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"refusing took {clock.Elapsed}");
    }

    /// <summary>A module that samples at inference (as a shot-noise layer would): y = x + 0.01·N(0, 1).</summary>
    private sealed class NoisyIdentity<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public NoisyIdentity(int[] input) : base("noisy", input)
        {
        }

        protected override Variable<T> ForwardCore(Variable<T> input)
        {
            Tape<T> tape = Tape<T>.Of(input);
            SeededRandom random = tape.RandomFor(this);
            var noise = new Tensor<T>(input.ShapeArray);
            for (int i = 0; i < noise.Length; i++)
            {
                noise.Span[i] = T.CreateTruncating(0.01 * random.NextGaussian());
            }
            return Ops.Add(input, tape.Input(noise));
        }
    }

    private sealed class NoisyFactory : IModuleFactory
    {
        public string Kind => "noisy";

        public string Summary => "test kind";

        public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
        {
            context.Settings.RejectUnknown();
            return new NoisyIdentity<T>(context.Input);
        }
    }

    [Fact]
    public void Trace_ModuleThatSamplesAtInference_IsTracedReproducibly()
    {
        ModuleRegistry registry = ModuleRegistry.CreateWithBuiltIns();
        registry.Register(new NoisyFactory());
        var spec = ModelSpec.FromJson("""{ "name": "n", "input": [4], "layers": [ { "type": "noisy" }, { "type": "dense", "units": 2 } ] }""", "n.json");
        var model = Model<double>.Build(spec, 1, registry);
        IReadOnlyList<OpRecord> first = model.Trace(3), second = model.Trace(3);
        Assert.Equal(first.Select(o => o.Kind), second.Select(o => o.Kind));
        Assert.Equal(["add", "linear"], first.Select(o => o.Kind).ToArray());
    }

    [Fact]
    public void Trace_SharedNode_RecordsTheNodeThatRanEachOperation()
    {
        var spec = ModelSpec.FromJson("""
            { "name": "tied", "input": [4], "loss": "mse", "nodes": [
              { "name": "a", "type": "dense", "units": 4, "inputs": ["input"] },
              { "name": "b", "type": "dense", "shares": "a", "inputs": ["a"] } ], "output": "b" }
            """, "tied.json");
        IReadOnlyList<OpRecord> ops = Model<float>.Build(spec, 1).Trace(2);
        Assert.Equal(["a", "b"], ops.Select(o => o.Node).ToArray());
        Assert.Equal(["a", "a"], ops.Select(o => o.Module).ToArray());
    }

    [Fact]
    public void Conform_MseModelWithClassLabels_IsRefusedNamingTheLoss()
    {
        var spec = ModelSpec.FromJson("""{ "name": "m", "input": [4], "loss": "mse", "layers": [ { "type": "dense", "units": 3 } ] }""", "m.json");
        var data = new Dataset("labels", new Tensor<double>(5, 4), [0, 1, 2, 0, 1], ["a", "b", "c"]);
        var e = Assert.Throws<ShapeMismatchException>(() => DataFit.Conform(Model<float>.Build(spec, 1), data));
        Assert.Contains("mse", e.Message, StringComparison.Ordinal);
        Assert.Contains("class labels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClipGradientNorm_InfiniteNorm_ReportsDivergenceInsteadOfZeroingGradients()
    {
        var p = new Parameter<float>(new Tensor<float>([1f, 2f], 2));
        p.Gradient.Span[0] = float.MaxValue;
        p.Gradient.Span[1] = float.MaxValue;
        var step = new GradientStep<float>([new("w", p)], 0, 1, new SeededRandom(1));
        // Σ g² overflows float32 to +∞.
        Assert.Throws<TrainingDivergedException>(() => new ClipGradientNorm<float>(1.0).Apply(step));
        Assert.Equal(float.MaxValue, p.Gradient.Span[0]);
    }

    [Fact]
    public void Spec_LongChainOfNodes_IsSortedWithoutDeepRecursion()
    {
        const int count = 50_000;
        var nodes = new List<NodeSpec>(count);
        for (int i = 0; i < count; i++)
        {
            nodes.Add(new NodeSpec($"n{i}", "relu", [i == 0 ? ModelSpec.InputName : $"n{i - 1}"], new JsonObject()));
        }
        // Listed in reverse, so the sort walks the whole chain from the output down.
        nodes.Reverse();
        var spec = new ModelSpec("chain", [3], nodes, $"n{count - 1}");
        Assert.Equal(count, spec.Order.Count);
        Assert.Equal("n0", spec.Nodes[spec.Order[0]].Name);
    }

    [Fact]
    public void MatMul_SharedWeightUnderTransposedEmptyBatch_GivesZeroGradient()
    {
        using var tape = new Tape<double>();
        Variable<double> a = tape.Input(new Tensor<double>(0, 3, 2), requiresGrad: true);
        Variable<double> b = tape.Input(Tensor<double>.Filled(1.0, 3, 4), requiresGrad: true);
        Variable<double> y = Ops.MatMul(a, b, transposeA: true);
        tape.Backward(y, new Tensor<double>(0, 2, 4));
        Assert.All(b.Grad!.Span.ToArray(), v => Assert.Equal(0.0, v));
    }
}
