using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Optimizers;
using Triad.Learning.Training;
using Triad.Numerics.Threading;

namespace Triad.Benchmarks;

/// <summary>
/// One training epoch (forward, backward and Adam update, batch 32, no validation split) on the training
/// samples of the digits 80/20 split, on one thread (the baseline) and on every core.
/// The samples/s column is the epoch's sample count over its mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TrainingEpochConfig))]
public class TrainingEpochBenchmarks
{
    private Dataset _train = null!;

    [Params("digits-mlp", "digits-cnn")]
    public string Model { get; set; } = "digits-mlp";

    [GlobalSetup]
    public void Setup() => _train = BuiltInData.Load("digits").StratifiedSplit(0.2, 42).Train;

    [GlobalCleanup]
    public void Cleanup() => ThreadSettings.MaxThreads = Environment.ProcessorCount;

    [Benchmark(Baseline = true)]
    public double OneThread() => Epoch(1);

    [Benchmark]
    public double AllThreads() => Epoch(Environment.ProcessorCount);

    private double Epoch(int threads)
    {
        ThreadSettings.MaxThreads = threads;
        var model = Model<float>.Build(BuiltInModels.Get(Model), 42);
        using var trainer = new Trainer<float>(model, new TrainingOptions
        {
            Epochs = 1,
            BatchSize = 32,
            Seed = 42,
            ValidationFraction = 0,
            Optimizer = new OptimizerSpec { Name = "adam", LearningRate = 1e-3 },
        });
        return trainer.Fit(_train)[0].TrainLoss;
    }

    /// <summary>Samples in one epoch (the training part of the split), for the throughput column.</summary>
    public static int SamplesPerEpoch() => BuiltInData.Load("digits").StratifiedSplit(0.2, 42).Train.Count;
}

/// <summary>Adds the samples-per-second column to the default configuration.</summary>
public sealed class TrainingEpochConfig : ManualConfig
{
    public TrainingEpochConfig() => AddColumn(new SamplesPerSecondColumn(TrainingEpochBenchmarks.SamplesPerEpoch()));
}
