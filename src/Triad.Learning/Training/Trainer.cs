using System.Diagnostics;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Optimizers;
using Triad.Learning.Serialization;
using Triad.Numerics.Kernels;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Training;

/// <summary>
/// Mini-batch training with shuffling, a stratified validation split, metrics per epoch, early stopping
/// and checkpoints.
/// <para>
/// Reproducibility: every random choice comes from a stream named by what it is for — root = seed;
/// validation split = root.Fork(3); shuffle of epoch e = root.Fork(1).Fork(e); dropout of batch b in epoch e
/// = root.Fork(2).Fork(e).Fork(b). No stream depends on the thread count or on earlier epochs having run in
/// this process, so a run resumed from a checkpoint (weights + optimiser state + counters) continues with
/// exactly the numbers an unbroken run would have used.
/// </para>
/// </summary>
public sealed class Trainer
{
    private readonly Optimizer _optimizer;
    private readonly SeededRandom _root;

    /// <summary>Starts a new run for <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public Trainer(Sequential model, TrainingOptions options)
        : this(model, new TrainingState { Options = options ?? throw new ArgumentNullException(nameof(options)) })
    {
    }

    private Trainer(Sequential model, TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(model);
        state.Options.Validate();
        Model = model;
        State = state;
        _optimizer = Optimizer.Create(state.Options.Optimizer);
        if (state.OptimizerSteps > 0 || state.OptimizerState.Count > 0)
        {
            _optimizer.ImportState(state.OptimizerState, state.OptimizerSteps, model.Parameters);
        }
        _root = new SeededRandom(state.Options.Seed);
    }

    /// <summary>The model being trained.</summary>
    public Sequential Model { get; }

    /// <summary>Progress of the run so far.</summary>
    public TrainingState State { get; }

    /// <summary>
    /// Continues a run from a checkpoint written by a previous <see cref="Fit"/>. <paramref name="epochs"/>,
    /// when given, replaces the planned number of epochs (to train longer than first planned);
    /// <paramref name="checkpointPath"/>, when given, is where the resumed run writes its checkpoints
    /// (by default the file it resumed from, or the run's own checkpoint path).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is a plain model, not a checkpoint.</exception>
    public static Trainer Resume(string checkpointPath, int? epochs = null, string? newCheckpointPath = null) =>
        Resume(ModelFile.Load(checkpointPath), checkpointPath, epochs, newCheckpointPath);

    /// <summary>As <see cref="Resume(string, int?, string?)"/>, for a checkpoint already read from <paramref name="checkpointPath"/>.</summary>
    public static Trainer Resume(SavedModel saved, string checkpointPath, int? epochs = null, string? newCheckpointPath = null)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if (saved.Training is null)
        {
            throw new InvalidDataException($"{Path.GetFileName(checkpointPath)}: a saved model, not a training checkpoint (no training.json)");
        }
        TrainingOptions options = saved.Training.Options with
        {
            Epochs = epochs ?? saved.Training.Options.Epochs,
            CheckpointPath = newCheckpointPath ?? saved.Training.Options.CheckpointPath ?? checkpointPath,
        };
        return new Trainer(saved.Model, saved.Training.WithOptions(options)) { Metadata = saved.Metadata };
    }

    /// <summary>
    /// Metadata written into every checkpoint; the trainer fills in the data set, class names, seed and
    /// epochs, and keeps the rest (such as <see cref="ModelMetadata.TestFraction"/> and
    /// <see cref="ModelMetadata.DataSource"/>) as given.
    /// </summary>
    public ModelMetadata Metadata { get; set; } = new();

    /// <summary>
    /// Trains on <paramref name="data"/> (a validation split is taken from it) until the planned epochs are done
    /// or early stopping ends the run. Returns the metrics of every epoch of the run, resumed ones included.
    /// </summary>
    public IReadOnlyList<EpochMetrics> Fit(Dataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        data = DataFit.Conform(Model, data);
        TrainingOptions options = State.Options;
        if (State.DataSet.Length > 0 && State.DataSet != data.Name)
        {
            throw new ArgumentException($"checkpoint was trained on data set '{State.DataSet}', not '{data.Name}'");
        }
        State.DataSet = data.Name;

        Dataset train = data;
        Dataset? validation = null;
        if (options.ValidationFraction > 0)
        {
            (train, validation) = data.StratifiedSplit(options.ValidationFraction, _root.Fork(3).NextUInt64());
        }
        if (train.Count == 0)
        {
            throw new ArgumentException($"data set '{data.Name}' leaves no training samples after the validation split");
        }

        // A batch larger than the data set is the whole set (and must not overflow the count below).
        int batchSize = Math.Min(options.BatchSize, train.Count);
        int batches = ((train.Count - 1) / batchSize) + 1;
        while (State.EpochsCompleted < options.Epochs && !State.StoppedEarly)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int epoch = State.EpochsCompleted + 1;
            var clock = Stopwatch.StartNew();
            (double trainLoss, double trainAccuracy) = RunEpoch(train, epoch, batchSize, batches, progress, cancellationToken);
            double seconds = clock.Elapsed.TotalSeconds;

            double valLoss = double.NaN, valAccuracy = double.NaN;
            if (validation is { Count: > 0 })
            {
                EvaluationReport report = Evaluator.Evaluate(Model, validation, Math.Max(batchSize, 256));
                valLoss = report.Loss;
                valAccuracy = report.Accuracy;
                TrackBest(epoch, valLoss);
            }
            var metrics = new EpochMetrics(epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, seconds, train.Count / seconds);
            State.History.Add(metrics);
            State.EpochsCompleted = epoch;
            State.OptimizerSteps = _optimizer.Steps;
            State.OptimizerState.Clear();
            foreach (var (key, value) in _optimizer.ExportState())
            {
                State.OptimizerState[key] = value.Clone();
            }
            if (options.CheckpointPath is { } path)
            {
                ModelFile.Save(path, Model, Metadata with { DataSet = data.Name, ClassNames = data.ClassNames, Seed = options.Seed, Epochs = epoch }, State);
            }
            progress?.Report(new TrainingProgress(epoch, options.Epochs, batches, batches, trainLoss, metrics));
        }

        if (options.RestoreBestWeights && State.BestEpoch > 0 && State.BestEpoch != State.EpochsCompleted)
        {
            Model.RestoreWeights(State.BestWeights);
        }
        return State.History;
    }

    private (double Loss, double Accuracy) RunEpoch(
        Dataset train, int epoch, int batchSize, int batches, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        TrainingOptions options = State.Options;
        int[] order = _root.Fork(1).Fork((ulong)epoch).Permutation(train.Count);
        SeededRandom dropout = _root.Fork(2).Fork((ulong)epoch);
        int classes = train.ClassCount;
        double lossSum = 0;
        int correct = 0, seen = 0;
        int[] predicted = new int[batchSize];
        for (int b = 0; b < batches; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int start = b * batchSize;
            int count = Math.Min(batchSize, train.Count - start);
            ReadOnlySpan<int> indices = order.AsSpan(start, count);
            Tensor<double> x = train.Features.GatherRows(indices);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++)
            {
                labels[i] = train.Labels[indices[i]];
            }

            Model.ZeroGradients();
            Tensor<double> output = Model.Forward(x, training: true, dropout.Fork((ulong)b));
            var gradient = new Tensor<double>(output.Shape.ToArray());
            double loss = Model.Loss.Evaluate(output, DataFit.OneHot(labels, classes), gradient);
            if (!double.IsFinite(loss))
            {
                throw new TrainingDivergedException(
                    $"training diverged in epoch {epoch}, batch {b + 1}: loss is {loss}; lower the learning rate (now {options.Optimizer.LearningRate})");
            }
            Model.BackwardParametersOnly(gradient);
            _optimizer.Step(Model.Parameters);

            lossSum += loss * count;
            seen += count;
            RowKernels.ArgMax(output.ReadOnlySpan, classes, predicted.AsSpan(0, count));
            for (int i = 0; i < count; i++)
            {
                if (predicted[i] == labels[i])
                {
                    correct++;
                }
            }
            progress?.Report(new TrainingProgress(epoch, options.Epochs, b + 1, batches, lossSum / seen, null));
        }
        return (lossSum / seen, (double)correct / seen);
    }

    private void TrackBest(int epoch, double validationLoss)
    {
        if (validationLoss < State.BestValidationLoss - State.Options.MinDelta)
        {
            State.BestValidationLoss = validationLoss;
            State.BestEpoch = epoch;
            State.EpochsWithoutImprovement = 0;
            State.BestWeights.Clear();
            State.BestWeights.AddRange(Model.SnapshotWeights());
            return;
        }
        State.EpochsWithoutImprovement++;
        if (State.Options.Patience > 0 && State.EpochsWithoutImprovement >= State.Options.Patience)
        {
            State.StoppedEarly = true;
        }
    }
}
