using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Optimizers;
using Triad.Learning.Training;
using Triad.Numerics.Tensors;
using Triad.Numerics.Threading;

namespace Triad.Learning.Tests.Training;

[CollectionDefinition(nameof(ThreadSettingsCollection), DisableParallelization = true)]
public sealed class ThreadSettingsCollection;

[Collection(nameof(ThreadSettingsCollection))]
public class TrainerTests
{
    private const ulong Seed = 42;

    private static readonly Lazy<(Dataset Train, Dataset Test)> s_digits =
        new(() => BuiltInData.Load("digits").StratifiedSplit(0.2, Seed));

    private static TrainingOptions Options(int epochs, string? checkpoint = null) => new()
    {
        Epochs = epochs,
        BatchSize = 32,
        Seed = Seed,
        ValidationFraction = 0.1,
        Patience = 8,
        Optimizer = new OptimizerSpec { Name = "adam", LearningRate = 1e-3 },
        CheckpointPath = checkpoint,
    };

    [Fact]
    public void Fit_DigitsMlp_ReachesAtLeast97PercentTestAccuracy()
    {
        var (train, test) = s_digits.Value;
        Assert.Equal(1797, train.Count + test.Count);
        Sequential model = Sequential.Build(ModelSpec.BuiltIn("digits-mlp"), Seed);
        var trainer = new Trainer(model, Options(40));
        IReadOnlyList<EpochMetrics> history = trainer.Fit(train);
        EvaluationReport report = Evaluator.Evaluate(model, test);
        Assert.True(report.Accuracy >= 0.97, $"test accuracy {report.Accuracy:P2} after {history.Count} epochs (seed {Seed})");
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss);
        Assert.Equal(test.Count, report.Confusion.Sum(row => row.Sum()));
    }

    [Fact]
    public void Fit_OneThreadAndTwoThreads_GiveBitIdenticalWeights()
    {
        var (train, _) = s_digits.Value;
        Tensor<double>[] Run(int threads)
        {
            int saved = ThreadSettings.MaxThreads;
            try
            {
                ThreadSettings.MaxThreads = threads;
                // Batch 64 makes the first convolution's weight gradient a sum over 64·64 = 4096 positions,
                // deep enough for the split-K matrix product.
                Sequential model = Sequential.Build(ModelSpec.BuiltIn("digits-cnn"), Seed);
                new Trainer(model, Options(2) with { BatchSize = 64 }).Fit(train);
                return model.SnapshotWeights();
            }
            finally
            {
                ThreadSettings.MaxThreads = saved;
            }
        }
        Tensor<double>[] one = Run(1), two = Run(2);
        for (int i = 0; i < one.Length; i++)
        {
            Assert.True(one[i].ReadOnlySpan.SequenceEqual(two[i].ReadOnlySpan), $"parameter {i} differs between 1 and 2 threads");
        }
    }

    [Fact]
    public void Resume_FromCheckpoint_ReachesSameWeightsAsUnbrokenRun()
    {
        var (train, _) = s_digits.Value;
        string dir = Directory.CreateTempSubdirectory("triad-resume-").FullName;
        try
        {
            string whole = Path.Combine(dir, "whole.triad"), half = Path.Combine(dir, "half.triad");
            Sequential unbroken = Sequential.Build(ModelSpec.BuiltIn("digits-mlp"), Seed);
            new Trainer(unbroken, Options(6, whole) with { RestoreBestWeights = false }).Fit(train);

            Sequential first = Sequential.Build(ModelSpec.BuiltIn("digits-mlp"), Seed);
            new Trainer(first, Options(3, half) with { RestoreBestWeights = false }).Fit(train);
            var firstRun = new Trainer(Sequential.Build(ModelSpec.BuiltIn("digits-mlp"), Seed), Options(1, Path.Combine(dir, "meta.triad")))
            {
                Metadata = new Triad.Learning.Serialization.ModelMetadata { TestFraction = 0.2 },
            };
            firstRun.Fit(train);
            Assert.Equal(0.2, Triad.Learning.Serialization.ModelFile.Load(Path.Combine(dir, "meta.triad")).Metadata.TestFraction);

            string moved = Path.Combine(dir, "moved.triad");
            Trainer resumed = Trainer.Resume(half, epochs: 6, newCheckpointPath: moved);
            Assert.Equal(3, resumed.State.EpochsCompleted);
            resumed.Fit(train);
            Assert.Equal(6, Triad.Learning.Serialization.ModelFile.Load(moved).Training!.EpochsCompleted);
            Assert.Equal(3, Triad.Learning.Serialization.ModelFile.Load(half).Training!.EpochsCompleted);

            Assert.Equal(6, resumed.State.History.Count);
            for (int i = 0; i < unbroken.Parameters.Count; i++)
            {
                Assert.True(unbroken.Parameters[i].Value.ReadOnlySpan.SequenceEqual(resumed.Model.Parameters[i].Value.ReadOnlySpan),
                    $"parameter {unbroken.ParameterNames[i]} differs after resume");
            }
            Assert.Equal(new Trainer(unbroken, Options(6)).State.Options.Epochs, resumed.State.Options.Epochs);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Fit_NoImprovement_StopsEarlyAndRestoresBestWeights()
    {
        var (train, _) = s_digits.Value;
        // A learning rate this large makes validation loss worse after the first epochs.
        Sequential model = Sequential.Build(ModelSpec.BuiltIn("digits-mlp"), Seed);
        var trainer = new Trainer(model, Options(50) with { Patience = 2, Optimizer = new OptimizerSpec { Name = "sgd", LearningRate = 0.5, Momentum = 0.9 } });
        IReadOnlyList<EpochMetrics> history = trainer.Fit(train);
        Assert.True(trainer.State.StoppedEarly);
        Assert.True(history.Count < 50);
        Assert.Equal(trainer.State.BestEpoch + 2, history.Count);
        for (int i = 0; i < model.Parameters.Count; i++)
        {
            Assert.True(model.Parameters[i].Value.ReadOnlySpan.SequenceEqual(trainer.State.BestWeights[i].ReadOnlySpan));
        }
    }

    [Fact]
    public void Fit_BatchLargerThanData_TrainsOnTheWholeSetPerStep()
    {
        Dataset iris = BuiltInData.Load("iris");
        Sequential model = Sequential.Build(ModelSpec.BuiltIn("iris-mlp"), Seed);
        var trainer = new Trainer(model, Options(3) with { BatchSize = int.MaxValue, ValidationFraction = 0.2 });
        IReadOnlyList<EpochMetrics> history = trainer.Fit(iris);
        Assert.Equal(3, history.Count);
        Assert.Equal(3, trainer.State.OptimizerSteps);
        Assert.True(double.IsFinite(history[^1].ValidationLoss));
    }

    [Fact]
    public void Fit_HugeLearningRate_ThrowsDivergedNamingLearningRate()
    {
        var (train, _) = s_digits.Value;
        Sequential model = Sequential.Build(ModelSpec.BuiltIn("digits-mlp"), Seed);
        var trainer = new Trainer(model, Options(5) with { Optimizer = new OptimizerSpec { Name = "sgd", LearningRate = 1e6 } });
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(train));
        Assert.Contains("learning rate", e.Message);
    }

    [Fact]
    public void Fit_ModelOutputsDifferFromClasses_ThrowsNamingBoth()
    {
        Dataset iris = BuiltInData.Load("iris");
        Sequential model = Sequential.Build(ModelSpec.FromJson("""{ "name": "four", "input": [4], "layers": [ { "type": "dense", "units": 4 } ] }""", "four.json"), 1);
        var e = Assert.Throws<ShapeMismatchException>(() => new Trainer(model, Options(1)).Fit(iris));
        Assert.Contains("3 classes", e.Message);
        Assert.Contains("'four'", e.Message);
    }

    [Fact]
    public void Fit_SampleShapeMismatch_ThrowsNamingShapes()
    {
        Dataset iris = BuiltInData.Load("iris");
        Sequential model = Sequential.Build(ModelSpec.BuiltIn("digits-mlp"), 1);
        var e = Assert.Throws<ShapeMismatchException>(() => new Trainer(model, Options(1)).Fit(iris));
        Assert.Contains("[64]", e.Message);
        Assert.Contains("[4]", e.Message);
    }

    [Theory]
    [InlineData(0, 32, 0.1, "epochs 0")]
    [InlineData(5, 0, 0.1, "batch size 0")]
    [InlineData(5, 32, 1.0, "validation fraction 1")]
    public void Trainer_BadOptions_ThrowBeforeTraining(int epochs, int batch, double validation, string expected)
    {
        Sequential model = Sequential.Build(ModelSpec.BuiltIn("iris-mlp"), 1);
        var e = Assert.Throws<ArgumentException>(() => new Trainer(model, Options(epochs) with { BatchSize = batch, ValidationFraction = validation }));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Trainer_NegativeLearningRate_Throws()
    {
        Sequential model = Sequential.Build(ModelSpec.BuiltIn("iris-mlp"), 1);
        var e = Assert.Throws<ArgumentException>(() => new Trainer(model, Options(3) with { Optimizer = new OptimizerSpec { LearningRate = -0.01 } }));
        Assert.Contains("learning rate -0.01", e.Message);
    }
}
