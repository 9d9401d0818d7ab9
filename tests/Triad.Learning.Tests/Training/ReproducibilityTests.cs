using System.Numerics;
using Triad.Learning.Models;
using Triad.Learning.Serialization;
using Triad.Learning.Tests.Data;
using Triad.Learning.Tests.TestSupport;
using Triad.Learning.Training;
using Triad.Numerics.Threading;
using Xunit.Abstractions;

namespace Triad.Learning.Tests.Training;

/// <summary>
/// Same seed, same numbers, for each element type: training is bit-identical at 1 and 2 threads, and a run resumed
/// from a checkpoint file reaches the weights of an unbroken run bit for bit. Thin subclasses run it in the
/// <see cref="ThreadSettingsCollection"/>, since <see cref="ThreadSettings.MaxThreads"/> is process-wide.
/// </summary>
public abstract class ReproducibilityTests<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const ulong Seed = 42;

    private readonly ITestOutputHelper _output;

    protected ReproducibilityTests(ITestOutputHelper output)
    {
        _output = output;
        _output.WriteLine($"seed {Seed}, element type {Precision<T>.Name}");
    }

    [Theory]
    [InlineData("digits-mlp", 32, 2)]
    [InlineData("digits-cnn", 64, 1)]
    public void Fit_OneThreadAndTwoThreads_GiveBitIdenticalWeights(string name, int batchSize, int epochs)
    {
        // digits-mlp draws dropout masks every step. For digits-cnn, batch 64 makes the first convolution's weight
        // gradient a sum over 64·64 = 4,096 positions, deep enough for the split-K matrix product.
        (T[][] Weights, double Loss) Run(int threads)
        {
            int saved = ThreadSettings.MaxThreads;
            try
            {
                ThreadSettings.MaxThreads = threads;
                Model<T> model = Model<T>.Build(BuiltInModels.Get(name), Seed);
                var trainer = new Trainer<T>(model, TrainerTests<T>.Options(epochs) with { BatchSize = batchSize });
                IReadOnlyList<EpochMetrics> history = trainer.Fit(Digits.Train);
                return (Precision<T>.Snapshot(model), history[^1].ValidationLoss);
            }
            finally
            {
                ThreadSettings.MaxThreads = saved;
            }
        }

        var one = Run(1);
        var two = Run(2);

        Precision<T>.AssertBitIdentical(one.Weights, two.Weights, $"{name} at 1 and 2 threads");
        Assert.Equal(one.Loss, two.Loss);
    }

    [Fact]
    public void Resume_FromCheckpointAfter3Of6Epochs_ReachesTheUnbrokenRunsWeightsBitForBit()
    {
        using var dir = new TempDirectory();
        TrainingOptions six = TrainerTests<T>.Options(6) with { RestoreBestWeights = false };
        ModelSpec spec = BuiltInModels.Get("digits-mlp");

        Model<T> unbroken = Model<T>.Build(spec, Seed);
        var whole = new Trainer<T>(unbroken, six);
        whole.Fit(Digits.Train);

        // The first half of the run writes its checkpoint after each epoch; a new process would read it back.
        string path = dir.File("checkpoint.triad");
        Model<T> firstHalf = Model<T>.Build(spec, Seed);
        var first = new Trainer<T>(firstHalf, six with { Epochs = 3 });
        first.Callbacks.Add(new CheckpointWriter(path, firstHalf, new ModelMetadata { DataSet = "digits", Seed = Seed, TestFraction = Digits.TestFraction }));
        first.Fit(Digits.Train);
        SavedModel saved = ModelFile.Load(path);
        Assert.Equal(Precision<T>.Name, saved.Model.Precision);
        Assert.Equal((3, Digits.TestFraction), (saved.Metadata.Epochs, saved.Metadata.TestFraction));
        TrainingState state = saved.Training!;
        Assert.Equal(3, state.EpochsCompleted);

        var resumed = (Trainer<T>)Trainers.Resume(saved.Model, state.WithOptions(state.Options with { Epochs = 6 }));
        resumed.Fit(Digits.Train);

        Precision<T>.AssertBitIdentical(Precision<T>.Snapshot(unbroken), Precision<T>.Snapshot(resumed.Model), "resumed weights");
        Assert.Equal(whole.State.OptimizerSteps, resumed.State.OptimizerSteps);
        Assert.Equal(whole.State.BestEpoch, resumed.State.BestEpoch);
        Assert.Equal(whole.State.BestValidationLoss, resumed.State.BestValidationLoss);
        Assert.Equal(whole.State.History.Select(m => (m.Epoch, m.TrainLoss, m.TrainAccuracy, m.ValidationLoss, m.ValidationAccuracy)),
            resumed.State.History.Select(m => (m.Epoch, m.TrainLoss, m.TrainAccuracy, m.ValidationLoss, m.ValidationAccuracy)));
        Assert.Equal(whole.State.BestWeights.Select(t => t.Span.ToArray()), resumed.State.BestWeights.Select(t => t.Span.ToArray()));
        Assert.Equal(whole.State.OptimizerState.Keys.Order(), resumed.State.OptimizerState.Keys.Order());
        foreach (var (key, value) in whole.State.OptimizerState)
        {
            Assert.True(value.Span.SequenceEqual(resumed.State.OptimizerState[key].Span), $"optimizer state '{key}' differs after resume");
        }
    }
}
