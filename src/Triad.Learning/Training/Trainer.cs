using System.Diagnostics;
using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Optimizers;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Training;

/// <summary>
/// Mini-batch training of a <see cref="Model{T}"/>. One step is forward → loss → backward → gradient transforms
/// (clipping by norm when <see cref="TrainingOptions.ClipNorm"/> is set, then <see cref="GradientTransforms"/>, the
/// hook for noise injection) → optimiser → step callbacks; each epoch ends with validation, early stopping and the
/// epoch callbacks (checkpoints).
/// <para>
/// Reproducibility: every random choice comes from a stream named by what it is for — root = seed; validation split
/// = root.Fork(3); shuffle of epoch e = root.Fork(1).Fork(e); batch b of epoch e = root.Fork(2).Fork(e).Fork(b), from
/// which each module call forks its own (dropout, noise, shots); gradient transform k at step t =
/// root.Fork(5).Fork(t).Fork(k); evaluation batch b = root.Fork(4).Fork(b). No stream depends on the thread count or
/// on earlier epochs having run in this process, so a run resumed from a checkpoint (weights + optimiser state +
/// counters) continues with exactly the numbers an unbroken run would have used.
/// </para>
/// <para>
/// Memory: the tape, the pool of tensor buffers and the batch buffers live as long as the trainer, so in steady state
/// a step allocates no tensor buffers.
/// </para>
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Trainer<T> : ITrainer where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Optimizer<T> _optimizer;
    private readonly SeededRandom _root;
    private readonly TensorPool<T> _pool = new();
    private readonly Tape<T> _tape;
    private readonly KeyValuePair<string, Parameter<T>>[] _named;
    private readonly Parameter<T>[] _parameters;
    private readonly Parameter<T>[] _optimized;
    private readonly Dictionary<int, (Tensor<T> Inputs, Tensor<T> Targets)> _batchBuffers = [];
    private int[] _predicted = [];
    private long _plannedSteps;
    private long _warmupSteps;

    /// <summary>Starts a new run for <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public Trainer(Model<T> model, TrainingOptions options)
        : this(model, new TrainingState { Options = options ?? throw new ArgumentNullException(nameof(options)) })
    {
    }

    /// <summary>Continues a run from its saved state (<paramref name="state"/> is validated first).</summary>
    /// <exception cref="InvalidDataException">The state's counters do not hold together.</exception>
    public Trainer(Model<T> model, TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(state);
        state.Options.Validate();
        state.Validate();
        Model = model;
        State = state;
        _named = [.. model.NamedParameters()];
        _parameters = _named.Select(p => p.Value).ToArray();
        _optimized = [.. _parameters.Where(p => p.Trainable)];
        _optimizer = Optimizer<T>.Create(state.Options.Optimizer);
        if (state.OptimizerSteps > 0 || state.OptimizerState.Count > 0)
        {
            _optimizer.ImportState(state.OptimizerState.ToDictionary(kv => kv.Key, kv => Convert(kv.Value)), state.OptimizerSteps, _optimized);
        }
        _root = new SeededRandom(state.Options.Seed);
        _tape = new Tape<T>(_pool);
        if (state.Options.ClipNorm > 0)
        {
            GradientTransforms.Add(new ClipGradientNorm<T>(state.Options.ClipNorm));
        }
    }

    /// <summary>The model being trained.</summary>
    public Model<T> Model { get; }

    IModel ITrainer.Model => Model;

    /// <inheritdoc />
    public TrainingState State { get; }

    /// <summary>Transforms applied to the gradients after backward, before the optimiser, in order.</summary>
    public List<IGradientTransform<T>> GradientTransforms { get; } = [];

    /// <inheritdoc />
    public List<ITrainingCallback> Callbacks { get; } = [];

    /// <summary>The pool the tape draws from (for measuring allocation).</summary>
    public TensorPool<T> Pool => _pool;

    /// <inheritdoc />
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
        Tensor<T> features = DataFit.Features<T>(train);
        Tensor<T> targets = DataFit.Targets<T>(train);

        // A batch larger than the data set is the whole set (and must not overflow the count below).
        int batchSize = Math.Min(options.BatchSize, train.Count);
        int batches = ((train.Count - 1) / batchSize) + 1;
        _plannedSteps = (long)options.Epochs * batches;
        _warmupSteps = (long)Math.Round(options.WarmupEpochs * batches, MidpointRounding.AwayFromZero);
        while (State.EpochsCompleted < options.Epochs && !State.StoppedEarly)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int epoch = State.EpochsCompleted + 1;
            var clock = Stopwatch.StartNew();
            (double trainLoss, double trainAccuracy) = RunEpoch(train, features, targets, epoch, batchSize, batches, progress, cancellationToken);
            double seconds = clock.Elapsed.TotalSeconds;

            double valLoss = double.NaN, valAccuracy = double.NaN;
            if (validation is { Count: > 0 })
            {
                EvaluationReport report = Evaluator.Evaluate(Model, validation, Math.Max(batchSize, 256), options.Seed, _pool);
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
                State.OptimizerState[key] = ToDouble(value);
            }
            foreach (ITrainingCallback callback in Callbacks)
            {
                callback.OnEpochEnd(State, metrics);
            }
            progress?.Report(new TrainingProgress(epoch, options.Epochs, batches, batches, trainLoss, metrics));
        }

        if (options.RestoreBestWeights && State.BestEpoch > 0 && State.BestEpoch != State.EpochsCompleted)
        {
            Model.LoadStateDict(_named.Select((p, i) => new KeyValuePair<string, Tensor<T>>(p.Key, Convert(State.BestWeights[i]))));
        }
        return State.History;
    }

    private (double Loss, double Accuracy) RunEpoch(
        Dataset train, Tensor<T> features, Tensor<T> targets, int epoch, int batchSize, int batches,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        TrainingOptions options = State.Options;
        int[] order = _root.Fork(1).Fork((ulong)epoch).Permutation(train.Count);
        SeededRandom epochStream = _root.Fork(2).Fork((ulong)epoch);
        bool classify = !train.IsRegression;
        double lossSum = 0;
        int correct = 0, seen = 0;
        Model.Train();
        for (int b = 0; b < batches; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int start = b * batchSize;
            int count = Math.Min(batchSize, train.Count - start);
            ReadOnlySpan<int> indices = order.AsSpan(start, count);
            (Tensor<T> x, Tensor<T> t) = Gather(features, targets, indices);
            (double loss, int right) = Step(x, t, epochStream.Fork((ulong)b), epoch, b + 1, classify);
            correct += right;
            lossSum += loss * count;
            seen += count;
            progress?.Report(new TrainingProgress(epoch, options.Epochs, b + 1, batches, lossSum / seen, null));
        }
        return (lossSum / seen, classify ? (double)correct / seen : double.NaN);
    }

    /// <summary>
    /// One training step on a batch: forward → loss → backward → gradient transforms → optimiser → step callbacks.
    /// <paramref name="random"/> is the batch's stream (the trainer uses root.Fork(2).Fork(epoch).Fork(batch − 1)).
    /// Returns the batch loss and, when <paramref name="countCorrect"/>, how many rows the model classified right.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss is not finite or exploded.</exception>
    public (double Loss, int Correct) Step(Tensor<T> inputs, Tensor<T> targets, SeededRandom random, int epoch = 1, int batch = 1, bool countCorrect = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        Model.ZeroGrad();
        _tape.Random = random;
        double loss;
        int correct = 0;
        try
        {
            Variable<T> output = Model.Forward(_tape.Input(inputs));
            Variable<T> lossValue = LossFunctions.Compute(Model.LossName, output, targets);
            loss = double.CreateTruncating(lossValue.Item());
            CheckDivergence(loss, epoch, batch - 1);
            _tape.Backward(lossValue);
            if (countCorrect)
            {
                correct = DataFit.CountCorrect(output.Value, targets, ref _predicted);
            }
        }
        finally
        {
            _tape.Reset();
        }
        for (int k = 0; k < GradientTransforms.Count; k++)
        {
            var step = new GradientStep<T>(_named, _optimizer.Steps, epoch, _root.Fork(5).Fork((ulong)_optimizer.Steps).Fork((ulong)k));
            GradientTransforms[k].Apply(step);
        }
        _optimizer.LearningRateScale = ScheduleScale(_optimizer.Steps);
        _optimizer.Step(_optimized);
        foreach (ITrainingCallback callback in Callbacks)
        {
            if (callback.Every > 0 && _optimizer.Steps % callback.Every == 0)
            {
                callback.OnStep(new TrainingStep(_optimizer.Steps, epoch, batch, loss));
            }
        }
        return (loss, correct);
    }

    /// <summary>
    /// The learning-rate factor of update <paramref name="step"/> (0-based) under the run's schedule: linear warm-up
    /// over the first W steps, then constant, or cosine decay to 0 at the last planned step. A function of the step
    /// count and the options only, so a resumed run follows the same schedule. 1 outside <see cref="Fit"/>.
    /// </summary>
    public double ScheduleScale(long step)
    {
        if (_plannedSteps == 0)
        {
            return 1.0;
        }
        if (step < _warmupSteps)
        {
            return (step + 1.0) / _warmupSteps;
        }
        if (State.Options.LearningRateSchedule != "cosine")
        {
            return 1.0;
        }
        double progress = Math.Min(1.0, (double)(step - _warmupSteps) / Math.Max(1, _plannedSteps - _warmupSteps));
        return 0.5 * (1.0 + Math.Cos(Math.PI * progress));
    }

    /// <summary>Releases the tape's buffers (the pool keeps them until the trainer is collected).</summary>
    public void Dispose() => _tape.Dispose();

    private void CheckDivergence(double loss, int epoch, int batch)
    {
        if (double.IsNaN(State.ReferenceLoss) && double.IsFinite(loss))
        {
            State.ReferenceLoss = loss;
        }
        double limit = State.Options.DivergenceFactor * Math.Max(1.0, double.IsNaN(State.ReferenceLoss) ? 1.0 : State.ReferenceLoss);
        if (!double.IsFinite(loss) || loss > limit)
        {
            string why = double.IsFinite(loss)
                ? $"loss {loss:G4} is over {State.Options.DivergenceFactor:G3} × the first batch's {State.ReferenceLoss:G4}"
                : $"loss is {loss}";
            throw new TrainingDivergedException(
                $"training diverged in epoch {epoch}, batch {batch + 1}: {why}; lower the learning rate (now {State.Options.Optimizer.LearningRate:G4})");
        }
    }

    private (Tensor<T> Inputs, Tensor<T> Targets) Gather(Tensor<T> features, Tensor<T> targets, ReadOnlySpan<int> indices)
    {
        int count = indices.Length;
        if (!_batchBuffers.TryGetValue(count, out var buffers))
        {
            buffers = (new Tensor<T>([count, .. features.Shape[1..]]), new Tensor<T>([count, .. targets.Shape[1..]]));
            _batchBuffers[count] = buffers;
        }
        CopyRows(features, indices, buffers.Inputs);
        CopyRows(targets, indices, buffers.Targets);
        return buffers;
    }

    private static void CopyRows(Tensor<T> source, ReadOnlySpan<int> indices, Tensor<T> destination)
    {
        int row = source.Dim(0) == 0 ? 0 : source.Length / source.Dim(0);
        ReadOnlySpan<T> s = source.Span;
        Span<T> d = destination.Span;
        for (int k = 0; k < indices.Length; k++)
        {
            s.Slice(indices[k] * row, row).CopyTo(d.Slice(k * row, row));
        }
    }

    private void TrackBest(int epoch, double validationLoss)
    {
        if (validationLoss < State.BestValidationLoss - State.Options.MinDelta)
        {
            State.BestValidationLoss = validationLoss;
            State.BestEpoch = epoch;
            State.EpochsWithoutImprovement = 0;
            State.BestWeights.Clear();
            State.BestWeights.AddRange(_parameters.Select(p => ToDouble(p.Value)));
            return;
        }
        State.EpochsWithoutImprovement++;
        if (State.Options.Patience > 0 && State.EpochsWithoutImprovement >= State.Options.Patience)
        {
            State.StoppedEarly = true;
        }
    }

    private static Tensor<double> ToDouble(Tensor<T> t)
    {
        var d = new Tensor<double>(t.Shape.ToArray());
        ReadOnlySpan<T> s = t.Span;
        Span<double> ds = d.Span;
        for (int i = 0; i < s.Length; i++)
        {
            ds[i] = double.CreateTruncating(s[i]);
        }
        return d;
    }

    private static Tensor<T> Convert(Tensor<double> t)
    {
        var r = new Tensor<T>(t.Shape.ToArray());
        ReadOnlySpan<double> s = t.Span;
        Span<T> rs = r.Span;
        for (int i = 0; i < s.Length; i++)
        {
            rs[i] = T.CreateTruncating(s[i]);
        }
        return r;
    }
}
