using System.Numerics;
using System.Text.Json.Nodes;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Optimizers;
using Triad.Learning.Tests.TestSupport;
using Triad.Learning.Training;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Xunit.Abstractions;

namespace Triad.Learning.Tests.Training;

/// <summary>
/// The trainer, run once per element type by thin subclasses: epochs and steps, early stopping, divergence, data
/// checks, gradient transforms, callbacks and regression. Seed 42 throughout, as <c>triad train</c> uses.
/// </summary>
public abstract class TrainerTests<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected const ulong Seed = 42;

    private readonly ITestOutputHelper _output;

    protected TrainerTests(ITestOutputHelper output)
    {
        _output = output;
        _output.WriteLine($"seed {Seed}, element type {Precision<T>.Name}");
    }

    /// <summary>The options of <c>triad train</c>: Adam η = 10⁻³, batch 32, 10 % validation, patience 8.</summary>
    internal static TrainingOptions Options(int epochs) => new()
    {
        Epochs = epochs,
        BatchSize = 32,
        Seed = Seed,
        ValidationFraction = 0.1,
        Patience = 8,
        Optimizer = new OptimizerSpec { Name = "adam", LearningRate = 1e-3 },
    };

    internal static Model<T> Build(string name, ulong seed = Seed) => Model<T>.Build(BuiltInModels.Get(name), seed);

    /// <summary>Mini-batches per epoch on the digits training split after 10 % of each class is held out for validation.</summary>
    private static int DigitsBatches(int batchSize = 32)
    {
        int validation = Digits.Train.ClassCounts().Sum(n => (int)Math.Round(0.1 * n, MidpointRounding.AwayFromZero));
        return (Digits.Train.Count - validation + batchSize - 1) / batchSize;
    }

    [Fact]
    public void Fit_ThreeEpochs_RecordsEveryEpochAndStepAndLowersTheLoss()
    {
        var trainer = new Trainer<T>(Build("digits-mlp"), Options(3));

        IReadOnlyList<EpochMetrics> history = trainer.Fit(Digits.Train);

        Assert.Equal([1, 2, 3], history.Select(m => m.Epoch).ToArray());
        Assert.Equal(3 * DigitsBatches(), trainer.State.OptimizerSteps);
        Assert.Equal(3, trainer.State.EpochsCompleted);
        Assert.Equal("digits", trainer.State.DataSet);
        Assert.True(history[2].TrainLoss < 0.7 * history[0].TrainLoss, $"train loss {history[0].TrainLoss} → {history[2].TrainLoss}");
        Assert.All(history, m => Assert.True(double.IsFinite(m.ValidationLoss) && m.ValidationAccuracy is > 0.1 and <= 1, $"{m}"));
        Assert.InRange(trainer.State.BestEpoch, 1, 3);
        Assert.True(double.IsFinite(trainer.State.ReferenceLoss));
    }

    [Fact]
    public void Fit_BatchLargerThanData_TrainsOnTheWholeSetPerStep()
    {
        Dataset iris = BuiltInData.Load("iris");
        var trainer = new Trainer<T>(Build("iris-mlp"), Options(3) with { BatchSize = int.MaxValue, ValidationFraction = 0.2 });
        IReadOnlyList<EpochMetrics> history = trainer.Fit(iris);
        Assert.Equal(3, history.Count);
        Assert.Equal(3, trainer.State.OptimizerSteps);
        Assert.True(double.IsFinite(history[^1].ValidationLoss));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Fit_NoImprovementForPatienceEpochs_StopsEarlyAndRestoresBestWeightsWhenAsked(bool restore)
    {
        // With a minimum improvement of 10⁹ only the first epoch counts as better, so patience 2 stops after epoch 3.
        Model<T> model = Build("digits-mlp");
        var trainer = new Trainer<T>(model, Options(50) with { Patience = 2, MinDelta = 1e9, RestoreBestWeights = restore });
        var snapshots = new EpochSnapshots(model);
        trainer.Callbacks.Add(snapshots);

        IReadOnlyList<EpochMetrics> history = trainer.Fit(Digits.Train);

        Assert.True(trainer.State.StoppedEarly);
        Assert.Equal(3, history.Count);
        Assert.Equal(1, trainer.State.BestEpoch);
        Assert.Equal(2, trainer.State.EpochsWithoutImprovement);
        Assert.Equal(history[0].ValidationLoss, trainer.State.BestValidationLoss);
        Precision<T>.AssertBitIdentical(snapshots.Weights[restore ? 0 : 2], Precision<T>.Snapshot(model), "final weights");
        Precision<T>.AssertBitIdentical(snapshots.Weights[0], trainer.State.BestWeights.Select(Round).ToArray(), "best weights");
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    public void Fit_LearningRate1e100_ThrowsDivergedNamingEpochBatchAndLearningRate(string optimizer)
    {
        var trainer = new Trainer<T>(Build("digits-mlp"), Options(5) with { Optimizer = new OptimizerSpec { Name = optimizer, LearningRate = 1e100 } });

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(Digits.Train));

        _output.WriteLine(e.Message);
        Assert.StartsWith("training diverged in epoch 1, batch ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("lower the learning rate (now 1E+100)", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, trainer.State.EpochsCompleted);
    }

    [Fact]
    public void Fit_FiniteLossOverTheDivergenceFactor_Throws()
    {
        // Doubling the first batch's loss is far from chance, but over a factor of 1.5 it counts as divergence.
        var trainer = new Trainer<T>(Build("digits-mlp"), Options(5) with
        {
            DivergenceFactor = 1.5,
            Optimizer = new OptimizerSpec { Name = "sgd", LearningRate = 2.0 },
        });

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(Digits.Train));

        _output.WriteLine(e.Message);
        Assert.Contains("is over 1.5 × the first batch's", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ModelOutputsDifferFromClasses_ThrowsNamingBoth()
    {
        Dataset iris = BuiltInData.Load("iris");
        Model<T> model = Model<T>.Build(ModelSpec.FromJson("""{ "name": "four", "input": [4], "layers": [ { "type": "dense", "units": 4 } ] }""", "four.json"), 1);
        var e = Assert.Throws<ShapeMismatchException>(() => new Trainer<T>(model, Options(1)).Fit(iris));
        Assert.Contains("3 classes", e.Message, StringComparison.Ordinal);
        Assert.Contains("'four'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_SampleShapeMismatch_ThrowsNamingShapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => new Trainer<T>(Build("digits-mlp"), Options(1)).Fit(BuiltInData.Load("iris")));
        Assert.Contains("[64]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[4]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ClassifierOnRegressionData_ThrowsAskingForMse()
    {
        Dataset data = LinearData(16, seed: 1);
        Model<T> model = Model<T>.Build(ModelSpec.FromJson("""{ "name": "cls", "input": [3], "layers": [ { "type": "dense", "units": 1 } ] }""", "cls.json"), 1);
        var e = Assert.Throws<ShapeMismatchException>(() => new Trainer<T>(model, Options(1)).Fit(data));
        Assert.Contains("use loss mse", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_StateFromAnotherDataSet_ThrowsNamingBoth()
    {
        var state = new TrainingState { Options = Options(2), DataSet = "iris" };
        var e = Assert.Throws<ArgumentException>(() => new Trainer<T>(Build("digits-mlp"), state).Fit(Digits.Train));
        Assert.Contains("'iris', not 'digits'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 32, 0.1, 0.0, 1e4, "epochs 0")]
    [InlineData(5, 0, 0.1, 0.0, 1e4, "batch size 0")]
    [InlineData(5, 32, 1.0, 0.0, 1e4, "validation fraction 1")]
    [InlineData(5, 32, -0.1, 0.0, 1e4, "validation fraction -0.1")]
    [InlineData(5, 32, 0.1, -1.0, 1e4, "gradient clip norm -1")]
    [InlineData(5, 32, 0.1, double.PositiveInfinity, 1e4, "gradient clip norm")]
    [InlineData(5, 32, 0.1, 0.0, 1.0, "divergence factor 1 must exceed 1")]
    [InlineData(5, 32, 0.1, 0.0, double.NaN, "divergence factor NaN")]
    public void Trainer_BadOptions_ThrowBeforeTraining(int epochs, int batch, double validation, double clip, double factor, string expected)
    {
        var options = Options(epochs) with { BatchSize = batch, ValidationFraction = validation, ClipNorm = clip, DivergenceFactor = factor };
        var e = Assert.Throws<ArgumentException>(() => new Trainer<T>(Build("iris-mlp"), options));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trainer_NegativeLearningRate_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new Trainer<T>(Build("iris-mlp"), Options(3) with { Optimizer = new OptimizerSpec { LearningRate = -0.01 } }));
        Assert.Contains("learning rate -0.01", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-5, 0, 0, "epochsCompleted = -5")]
    [InlineData(2, 0, 0, "history = 0 epochs must list every completed epoch (2)")]
    [InlineData(0, 1, 0, "bestEpoch = 1 must lie in 0..0")]
    [InlineData(0, 0, 3, "epochsWithoutImprovement = 3")]
    public void Trainer_ResumedStateWithBadCounters_ThrowsInvalidDataNamingTheField(int epochsCompleted, int bestEpoch, int withoutImprovement, string expected)
    {
        var state = new TrainingState
        {
            Options = Options(5),
            EpochsCompleted = epochsCompleted,
            BestEpoch = bestEpoch,
            EpochsWithoutImprovement = withoutImprovement,
            OptimizerSteps = 10,
        };
        var e = Assert.Throws<InvalidDataException>(() => new Trainer<T>(Build("iris-mlp"), state));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_DropoutInDigitsMlp_ChangesTheRun()
    {
        // digits-mlp without its dropout layer, same seed: were dropout inactive in training, the runs would agree.
        ModelSpec withDropout = BuiltInModels.Get("digits-mlp");
        JsonObject json = withDropout.ToNode();
        json["layers"]![2]!["rate"] = 0.0;
        Model<T> a = Model<T>.Build(withDropout, Seed), b = Model<T>.Build(ModelSpec.FromNode(json, "no-dropout"), Seed);
        Precision<T>.AssertBitIdentical(Precision<T>.Snapshot(a), Precision<T>.Snapshot(b), "initial weights");

        new Trainer<T>(a, Options(1)).Fit(Digits.Train);
        new Trainer<T>(b, Options(1)).Fit(Digits.Train);

        Assert.False(Precision<T>.Snapshot(a)[0].AsSpan().SequenceEqual(Precision<T>.Snapshot(b)[0]), "dropout made no difference");
    }

    [Fact]
    public void Fit_ClipNorm_BoundsTheNormTheOptimiserSees()
    {
        const double clip = 1.5;
        Model<T> model = Build("digits-mlp");
        var trainer = new Trainer<T>(model, Options(1) with { ClipNorm = clip });
        var clipper = Assert.IsType<ClipGradientNorm<T>>(Assert.Single(trainer.GradientTransforms));
        var before = new NormRecorder();
        var after = new NormRecorder();
        trainer.GradientTransforms.Insert(0, before);
        trainer.GradientTransforms.Add(after);

        trainer.Fit(Digits.Train);

        Assert.Equal(DigitsBatches(), after.Norms.Count);
        Assert.Equal(before.Norms[^1], clipper.LastNorm);
        int clipped = before.Norms.Count(n => n > clip);
        _output.WriteLine($"{clipped} of {before.Norms.Count} steps clipped; norms {before.Norms.Min():G3}..{before.Norms.Max():G3}");
        Assert.True(clipped >= before.Norms.Count / 4 && clipped < before.Norms.Count,
            $"{clipped} of {before.Norms.Count} steps had a norm over {clip}: the test needs steps on both sides of the bound");
        // Scaling by c/(‖g‖ + 10⁻⁶) leaves a norm of c·‖g‖/(‖g‖ + 10⁻⁶), within 4·10⁻⁶·c of c for ‖g‖ ≥ c; float rounding adds ~10⁻⁶.
        double tolerance = clip * (typeof(T) == typeof(float) ? 2e-5 : 5e-6);
        for (int i = 0; i < after.Norms.Count; i++)
        {
            double expected = Math.Min(before.Norms[i], clip);
            Assert.True(Math.Abs(after.Norms[i] - expected) <= tolerance, $"step {i + 1}: norm {before.Norms[i]:R} became {after.Norms[i]:R}, expected {expected:R}");
        }
    }

    [Fact]
    public void Trainer_NoClipNorm_AddsNoTransform()
    {
        Assert.Empty(new Trainer<T>(Build("iris-mlp"), Options(1)).GradientTransforms);
    }

    [Fact]
    public void Fit_CallbackEveryThree_SeesSteps3And6And9()
    {
        var trainer = new Trainer<T>(Build("digits-mlp"), Options(2));
        var every3 = new StepRecorder(3);
        var never = new StepRecorder(0);
        trainer.Callbacks.Add(every3);
        trainer.Callbacks.Add(never);

        trainer.Fit(Digits.Train);

        int batches = DigitsBatches();
        long[] expected = Enumerable.Range(1, 2 * batches / 3).Select(k => 3L * k).ToArray();
        Assert.Equal(expected, every3.Steps.Select(s => s.Step).ToArray());
        Assert.All(every3.Steps, s =>
        {
            Assert.Equal((int)((s.Step - 1) / batches) + 1, s.Epoch);
            Assert.Equal((int)((s.Step - 1) % batches) + 1, s.Batch);
            Assert.True(s.Loss is > 0 and < 10, $"{s}");
        });
        Assert.Empty(never.Steps);
        Assert.Equal(2, every3.EpochEnds);
    }

    [Fact]
    public void Fit_OnEpochEnd_CalledOncePerEpochWithTheStateUpToDate()
    {
        Model<T> model = Build("digits-mlp");
        var trainer = new Trainer<T>(model, Options(3));
        var seen = new List<(int Completed, int Epoch, int History, bool LastIsThis, long Steps, int StateTensors, double[] M0)>();
        trainer.Callbacks.Add(new EpochHook((state, metrics) => seen.Add((state.EpochsCompleted, metrics.Epoch, state.History.Count,
            ReferenceEquals(state.History[^1], metrics), state.OptimizerSteps, state.OptimizerState.Count, state.OptimizerState["m.0"].Span.ToArray()))));

        trainer.Fit(Digits.Train);

        int parameters = model.Parameters().Count;
        Assert.Equal(3, seen.Count);
        for (int e = 0; e < 3; e++)
        {
            Assert.Equal((e + 1, e + 1, e + 1, true), (seen[e].Completed, seen[e].Epoch, seen[e].History, seen[e].LastIsThis));
            Assert.Equal((e + 1L) * DigitsBatches(), seen[e].Steps);
            Assert.Equal(2 * parameters, seen[e].StateTensors);
        }
        Assert.NotEqual(seen[0].M0, seen[1].M0);
        Assert.NotEqual(seen[1].M0, seen[2].M0);
    }

    [Fact]
    public void Fit_GaussianGradientNoise_ChangesTheRunButIsReproducibleFromTheSeed()
    {
        T[][] Run(bool noise)
        {
            Model<T> model = Build("digits-mlp");
            var trainer = new Trainer<T>(model, Options(1));
            if (noise)
            {
                trainer.GradientTransforms.Add(new GaussianGradientNoise<T>(0.01));
            }
            trainer.Fit(Digits.Train);
            return Precision<T>.Snapshot(model);
        }

        T[][] noisy = Run(true), again = Run(true), plain = Run(false);

        Precision<T>.AssertBitIdentical(noisy, again, "two noisy runs of one seed");
        Assert.False(noisy[0].AsSpan().SequenceEqual(plain[0]), "the noise changed nothing");
    }

    [Fact]
    public void GaussianGradientNoise_Step_AddsNoiseOfTheScheduledVariance()
    {
        // σ_t² = η/(1 + t)^γ: at t = 3, η = 0.5, γ = 0.55 that is 0.5/4^0.55. 20,000 draws estimate σ² within ±2 %
        // (the variance of a sample variance is 2σ⁴/n: relative standard error 1 %).
        var p = new global::Triad.Learning.Autograd.Parameter<T>(new Tensor<T>(20_000));
        var step = new GradientStep<T>([new("p", p)], Step: 3, Epoch: 1, new SeededRandom(Seed));
        new GaussianGradientNoise<T>(0.5).Apply(step);
        double expected = 0.5 / Math.Pow(4, 0.55);
        double variance = p.Gradient.Span.ToArray().Sum(g => double.CreateTruncating(g) * double.CreateTruncating(g)) / p.Gradient.Length;
        Assert.InRange(variance, 0.98 * expected, 1.02 * expected);
    }

    [Theory]
    [InlineData(-1.0, 0.55)]
    [InlineData(0.1, -0.5)]
    [InlineData(double.PositiveInfinity, 0.55)]
    public void GaussianGradientNoise_BadSettings_Throws(double eta, double gamma)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianGradientNoise<T>(eta, gamma));
        Assert.Contains("gradient noise needs η ≥ 0 and γ ≥ 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_LinearRegression_ReachesTheNoiseFloor()
    {
        // y = x·w + b + ε, ε ~ N(0, σ²), σ = 0.1. A fitted linear model's expected held-out MSE is σ²(1 + p/n) ≈ 1.01σ²;
        // the mean of 256 squared residuals has a relative standard error of √(2/256) ≈ 9 %, so 1.5σ² is over 5 standard
        // errors above. A model that learned nothing scores Var(y) ≈ |w|² + σ² ≈ 6.5; one weight off by 0.1 adds 0.01.
        const double sigma = 0.1;
        Dataset train = LinearData(512, seed: 7), test = LinearData(256, seed: 8);
        ModelSpec spec = ModelSpec.FromJson("""{ "name": "linreg", "input": [3], "loss": "mse", "layers": [ { "type": "dense", "units": 1 } ] }""", "linreg.json");
        Model<T> model = Model<T>.Build(spec, Seed);
        var trainer = new Trainer<T>(model, Options(40) with { BatchSize = 16, ValidationFraction = 0.2, Optimizer = new OptimizerSpec { Name = "sgd", LearningRate = 0.05 } });

        IReadOnlyList<EpochMetrics> history = trainer.Fit(train);
        EvaluationReport report = Evaluator.Evaluate(model, test);

        _output.WriteLine($"train loss {history[0].TrainLoss:G4} → {history[^1].TrainLoss:G4}; held-out mse {report.Loss:G4} after {history.Count} epochs");
        Assert.True(double.IsNaN(report.Accuracy));
        Assert.True(history[0].TrainLoss > 1.0, $"first epoch loss {history[0].TrainLoss}");
        Assert.True(report.Loss < 1.5 * sigma * sigma, $"held-out mse {report.Loss:G4} ≥ 1.5σ² = {1.5 * sigma * sigma:G4}");
        double[] w = model.Parameters()[0].Value.Span.ToArray().Select(double.CreateTruncating).ToArray();
        double b = double.CreateTruncating(model.Parameters()[1].Value[0]);
        // Least squares on 409 samples estimates each weight within σ/√n ≈ 0.005; 0.03 is 6 of those.
        Assert.Equal(s_weights, w, (x, y) => Math.Abs(x - y) < 0.03);
        Assert.Equal(s_bias, b, 0.03);
    }

    private static readonly double[] s_weights = [1.5, -2.0, 0.5];
    private const double s_bias = 0.3;

    /// <summary>n samples of x ~ N(0, I₃), y = x·w + b + N(0, 0.1²), from <paramref name="seed"/>.</summary>
    private static Dataset LinearData(int n, ulong seed)
    {
        var random = new SeededRandom(seed);
        var x = new Tensor<double>(n, 3);
        var y = new Tensor<double>(n, 1);
        random.FillGaussian(x.Span, 0, 1);
        for (int i = 0; i < n; i++)
        {
            y[i] = s_bias + (0.1 * random.NextGaussian());
            for (int k = 0; k < 3; k++)
            {
                y[i] += x[i, k] * s_weights[k];
            }
        }
        return Dataset.Regression("linear", x, y);
    }

    private static T[] Round(Tensor<double> t) => t.Span.ToArray().Select(T.CreateTruncating).ToArray();

    private sealed class NormRecorder : IGradientTransform<T>
    {
        public List<double> Norms { get; } = [];

        public void Apply(GradientStep<T> step) => Norms.Add(step.GlobalNorm());
    }

    private sealed class StepRecorder(int every) : ITrainingCallback
    {
        public int Every => every;

        public List<TrainingStep> Steps { get; } = [];

        public int EpochEnds { get; private set; }

        public void OnStep(TrainingStep step) => Steps.Add(step);

        public void OnEpochEnd(TrainingState state, EpochMetrics metrics) => EpochEnds++;
    }

    private sealed class EpochHook(Action<TrainingState, EpochMetrics> onEpochEnd) : ITrainingCallback
    {
        public int Every => 0;

        public void OnStep(TrainingStep step) => throw new InvalidOperationException("a callback with Every = 0 was called after a step");

        public void OnEpochEnd(TrainingState state, EpochMetrics metrics) => onEpochEnd(state, metrics);
    }

    /// <summary>The model's weights at the end of every epoch.</summary>
    private sealed class EpochSnapshots(Model<T> model) : ITrainingCallback
    {
        public List<T[][]> Weights { get; } = [];

        public int Every => 0;

        public void OnStep(TrainingStep step)
        {
        }

        public void OnEpochEnd(TrainingState state, EpochMetrics metrics) => Weights.Add(Precision<T>.Snapshot(model));
    }
}
