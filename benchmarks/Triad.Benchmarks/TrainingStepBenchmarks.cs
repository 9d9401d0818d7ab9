using BenchmarkDotNet.Attributes;
using Triad.Learning.Models;
using Triad.Learning.Optimizers;
using Triad.Learning.Training;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Benchmarks;

/// <summary>
/// One training step (forward, loss, backward, Adam) of the peer benchmark's CNN (<c>fashion-cnn-small</c>) on a batch of
/// 64 28×28 images, float32 (baseline) and float64. With the memory diagnoser the "Allocated" column is the managed
/// memory a step allocates in steady state: the tape draws its tensor buffers from a pool kept between steps, so
/// what remains is the small bookkeeping objects of the pass (functions, values, closures), not tensor buffers.
/// </summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private const int Batch = 64;
    private Trainer<float> _single = null!;
    private Trainer<double> _full = null!;
    private Tensor<float> _x32 = null!, _t32 = null!;
    private Tensor<double> _x64 = null!, _t64 = null!;
    private SeededRandom _random = null!;

    [GlobalSetup]
    public void Setup()
    {
        ModelSpec spec = BuiltInModels.Get("fashion-cnn-small");
        var options = new TrainingOptions { Epochs = 1, BatchSize = Batch, ValidationFraction = 0, Optimizer = new OptimizerSpec { Name = "adam", LearningRate = 1e-3 } };
        _single = new Trainer<float>(Model<float>.Build(spec, 42), options);
        _full = new Trainer<double>(Model<double>.Build(spec, 42), options);
        _random = new SeededRandom(7);
        var pixels = new double[Batch * 28 * 28];
        _random.FillUniform(pixels, 0.0, 1.0);
        double[] labels = Enumerable.Range(0, Batch).Select(i => (double)(i % 10)).ToArray();
        _x64 = new Tensor<double>(pixels, Batch, 1, 28, 28);
        _t64 = new Tensor<double>(labels, Batch);
        _x32 = new Tensor<float>(pixels.Select(v => (float)v).ToArray(), Batch, 1, 28, 28);
        _t32 = new Tensor<float>(labels.Select(v => (float)v).ToArray(), Batch);
        // Two warm-up steps fill the pools, as the first steps of an epoch do.
        for (int i = 0; i < 2; i++)
        {
            _single.Step(_x32, _t32, _random);
            _full.Step(_x64, _t64, _random);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _single.Dispose();
        _full.Dispose();
    }

    [Benchmark(Baseline = true)]
    public double Float32Step() => _single.Step(_x32, _t32, _random).Loss;

    [Benchmark]
    public double Float64Step() => _full.Step(_x64, _t64, _random).Loss;
}
