using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Inputs;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Optimizers;
using Triad.Learning.Serialization;
using Triad.Learning.Training;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad train</c>: trains a model on a data set and writes a run folder (checkpoint.triad after every epoch,
/// then model.triad, history.csv and report.json), then prints the epochs and the test report.
/// <para>
/// Every option is checked, the model built and the data set named resolved before any data is loaded; the data
/// is checked against the model (<see cref="DataFit.Conform"/>) before training starts. With <c>--resume</c> the
/// run continues from a checkpoint with the options stored in it; only <c>--epochs</c> (to train longer),
/// <c>--data</c>, <c>--test-fraction</c>, <c>--out</c>, <c>--threads</c> and <c>--json</c> may be given.
/// </para>
/// </summary>
internal sealed class TrainCommand
{
    private readonly CliContext _context;

    private readonly Option<string?> _model = new("--model")
    {
        Description = $"built-in model ({string.Join(", ", BuiltInModels.Names)}) or a .json/.yaml spec file; " +
            "default: digits-mlp for digits, iris-mlp for iris, fashion-cnn for fashion-mnist",
    };

    private readonly Option<string> _data = new("--data")
    {
        Description = $"built-in data set ({string.Join(", ", BuiltInData.Names)}), a numeric .csv/.csv.gz file " +
            "(no header, label in the last column) or a folder of Fashion-MNIST IDX files",
        DefaultValueFactory = _ => "digits",
    };

    private readonly Option<int> _epochs = new("--epochs")
    {
        Description = "most epochs to train (early stopping may end sooner)",
        DefaultValueFactory = _ => 30,
    };

    private readonly Option<int> _batchSize = new("--batch-size")
    {
        Description = "samples per mini-batch",
        DefaultValueFactory = _ => 32,
    };

    private readonly Option<double> _learningRate = new("--lr")
    {
        Description = "learning rate (step size)",
        DefaultValueFactory = _ => 1e-3,
    };

    private readonly Option<string> _optimizer = new("--optimizer")
    {
        Description = "optimiser: adam or sgd",
        DefaultValueFactory = _ => "adam",
    };

    private readonly Option<double?> _momentum = new("--momentum")
    {
        Description = "SGD momentum in [0, 1) (default 0.9; sgd only)",
    };

    private readonly Option<bool> _nesterov = new("--nesterov")
    {
        Description = "use Nesterov momentum (sgd only)",
    };

    private readonly Option<double> _weightDecay = new("--weight-decay")
    {
        Description = "L2 weight decay λ ≥ 0, added to the gradient as λ·θ",
        DefaultValueFactory = _ => 0.0,
    };

    private readonly Option<int> _patience = new("--patience")
    {
        Description = "stop after this many epochs without a better validation loss (0 = never stop early)",
        DefaultValueFactory = _ => 8,
    };

    private readonly Option<double> _validation = new("--validation")
    {
        Description = "fraction of the training samples held out, per class, to validate each epoch, in [0, 1)",
        DefaultValueFactory = _ => 0.1,
    };

    private readonly Option<double> _testFraction = new("--test-fraction")
    {
        Description = "fraction of each class held out as the test set, in [0, 1), for data sets without an " +
            "official test set (Fashion-MNIST uses its own 10,000 test images)",
        DefaultValueFactory = _ => 0.2,
    };

    private readonly Option<ulong> _seed = new("--seed")
    {
        Description = "seed of the initial weights, the splits, the shuffles and dropout",
        DefaultValueFactory = _ => 42UL,
    };

    private readonly Option<string> _precision = new("--precision")
    {
        Description = "element type of weights, activations and gradients: float32 or float64",
        DefaultValueFactory = _ => "float32",
    };

    private readonly Option<string> _schedule = new("--lr-schedule")
    {
        Description = "learning-rate schedule: constant, or cosine (decays to 0 at the last planned epoch)",
        DefaultValueFactory = _ => "constant",
    };

    private readonly Option<double> _warmup = new("--warmup-epochs")
    {
        Description = "epochs of linear learning-rate warm-up at the start (0 = none)",
        DefaultValueFactory = _ => 0.0,
    };

    private readonly Option<double> _clipNorm = new("--clip-norm")
    {
        Description = "clip the gradient's global L2 norm to this value before each update (0 = off)",
        DefaultValueFactory = _ => 0.0,
    };

    private readonly Option<int> _threads = CommonOptions.Threads();

    private readonly Option<string?> _out = new("--out")
    {
        Description = "output folder (default: runs/<model>-<data>-seed<seed>; with --resume, the checkpoint's folder)",
    };

    private readonly Option<string?> _resume = new("--resume")
    {
        Description = "checkpoint.triad of an earlier run to continue, with the options stored in it",
    };

    private readonly Option<bool> _json = CommonOptions.Json();

    private TrainCommand(CliContext context) => _context = context;

    /// <summary>The <c>train</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new TrainCommand(context);
        var command = new Command("train", "train a model on a data set and report its test accuracy");
        foreach (Option option in (Option[])[handler._model, handler._data, handler._epochs, handler._batchSize, handler._learningRate,
                     handler._optimizer, handler._momentum, handler._nesterov, handler._weightDecay, handler._patience,
                     handler._validation, handler._testFraction, handler._seed, handler._precision, handler._schedule, handler._warmup, handler._clipNorm, handler._threads, handler._out,
                     handler._resume, handler._json])
        {
            command.Options.Add(option);
        }
        handler._optimizer.AcceptOnlyFromAmong("adam", "sgd");
        handler._precision.AcceptOnlyFromAmong("float32", "float64");
        handler._schedule.AcceptOnlyFromAmong("constant", "cosine");
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult parseResult)
    {
        var total = Stopwatch.StartNew();
        bool json = parseResult.GetValue(_json);
        CommonOptions.ApplyThreads(parseResult.GetValue(_threads));
        RunPlan plan = parseResult.GetValue(_resume) is { } checkpoint
            ? PlanResume(parseResult, checkpoint)
            : PlanNew(parseResult);

        // Load the data and check it against the model before any training.
        var clock = Stopwatch.StartNew();
        int? classCount = plan.Model.OutputShape is [int outputs] ? outputs : null;
        DataSplit split = plan.Data.LoadSplit(plan.TestFraction, plan.Seed, classCount);
        if (plan.CheckpointDataSet is { Length: > 0 } trainedOn && trainedOn != split.Train.Name)
        {
            throw new UsageException($"--data '{plan.Data.Argument}': the checkpoint was trained on data set '{trainedOn}', not '{split.Train.Name}'");
        }
        Dataset train = DataFit.Conform(plan.Model, split.Train);
        Dataset? test = split.Test is null ? null : DataFit.Conform(plan.Model, split.Test);
        double loadSeconds = clock.Elapsed.TotalSeconds;

        using ITrainer trainer = plan.StartTrainer();
        if (trainer.State.Options.CheckpointPath is { } checkpointPath)
        {
            trainer.Callbacks.Add(new CheckpointWriter(checkpointPath, trainer.Model, plan.Metadata with
            {
                DataSet = plan.Data.Name,
                ClassNames = train.ClassNames,
                Seed = trainer.State.Options.Seed,
            }));
        }
        int resumedFrom = trainer.State.EpochsCompleted;
        if (!json)
        {
            WriteHeader(plan, trainer, train, test, split.TestDescription);
        }
        if (trainer.State.StoppedEarly)
        {
            _context.Stderr.WriteLine(
                $"triad: note: the run in the checkpoint stopped early after epoch {trainer.State.EpochsCompleted}; nothing left to train");
        }

        clock.Restart();
        IReadOnlyList<EpochMetrics> history;
        try
        {
            history = _context.Interactive && !json
                ? TrainingProgressView.Fit(_context.Console, trainer, train, _context.Cancellation)
                : trainer.Fit(train, json ? null : EpochLines(), _context.Cancellation);
        }
        catch (OperationCanceledException e)
        {
            int done = trainer.State.EpochsCompleted;
            string message = done > resumedFrom
                ? $"{ErrorReporter.Interrupted} after epoch {done}; continue with: triad train --resume \"{trainer.State.Options.CheckpointPath}\""
                : $"{ErrorReporter.Interrupted} during epoch {done + 1}, before any new epoch was saved";
            throw new OperationCanceledException(message, e, e.CancellationToken);
        }
        double trainSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        EvaluationReport? report = test is null ? null : Evaluator.Evaluate(trainer.Model, test, 256, trainer.State.Options.Seed);
        double evaluateSeconds = clock.Elapsed.TotalSeconds;

        TrainingState state = trainer.State;
        string modelPath = Path.Combine(plan.OutDirectory, RunFolder.ModelFile);
        string historyPath = Path.Combine(plan.OutDirectory, RunFolder.HistoryFile);
        string reportPath = Path.Combine(plan.OutDirectory, RunFolder.ReportFile);
        ModelFile.Save(modelPath, trainer.Model, plan.Metadata with
        {
            DataSet = plan.Data.Name,
            ClassNames = train.ClassNames,
            Seed = state.Options.Seed,
            Epochs = state.EpochsCompleted,
            TestAccuracy = report?.Accuracy,
        });
        AtomicFile.WriteAllText(historyPath, HistoryCsv.Format(history));

        var files = new JsonObject
        {
            ["model"] = modelPath,
            ["checkpoint"] = state.Options.CheckpointPath,
            ["history"] = historyPath,
            ["report"] = reportPath,
        };
        var timings = new JsonObject
        {
            ["loadSeconds"] = loadSeconds,
            ["trainSeconds"] = trainSeconds,
            ["evaluateSeconds"] = evaluateSeconds,
            ["totalSeconds"] = total.Elapsed.TotalSeconds,
        };
        JsonObject reportJson = BuildReport(plan, trainer, train, split, report, history, resumedFrom, timings, files);
        string reportText = ReportJson.ToText(reportJson);
        AtomicFile.WriteAllText(reportPath, reportText);

        if (json)
        {
            _context.Stdout.Write(reportText);
            return ExitCodes.Success;
        }
        IAnsiConsole console = _context.Console;
        HistoryView.Write(console, history, state.BestEpoch);
        WriteStopNote(console, state);
        if (report is not null)
        {
            EvaluationView.Write(console, report, "test", split.TestDescription);
        }
        else
        {
            Cells.Field(console, "test", $"{split.TestDescription}; the model was not tested");
        }
        console.WriteLine();
        Cells.Field(console, "wrote", $"{modelPath}, {historyPath}, {reportPath}");
        Cells.Field(console, "time", $"{Format.Seconds(total.Elapsed.TotalSeconds)} (load {Format.Seconds(loadSeconds)}, " +
            $"train {Format.Seconds(trainSeconds)}, test {Format.Seconds(evaluateSeconds)})");
        return ExitCodes.Success;
    }

    /// <summary>A new run: checks every option, resolves the data set and builds the model, loading nothing yet.</summary>
    private RunPlan PlanNew(ParseResult p)
    {
        int epochs = p.GetValue(_epochs), batchSize = p.GetValue(_batchSize), patience = p.GetValue(_patience);
        double learningRate = p.GetValue(_learningRate), weightDecay = p.GetValue(_weightDecay);
        double validation = p.GetValue(_validation);
        string optimizer = p.GetValue(_optimizer)!;
        double? momentumGiven = p.GetValue(_momentum);
        bool nesterov = p.GetValue(_nesterov);
        double testFraction = p.GetValue(_testFraction);
        ulong seed = p.GetValue(_seed);
        double clipNorm = p.GetValue(_clipNorm), warmup = p.GetValue(_warmup);
        string schedule = p.GetValue(_schedule)!;
        string precision = p.GetValue(_precision)!;

        CommonOptions.Require(epochs >= 1, "--epochs", epochs, "must be at least 1");
        CommonOptions.Require(batchSize >= 1, "--batch-size", batchSize, "must be at least 1");
        CommonOptions.Require(learningRate > 0 && double.IsFinite(learningRate), "--lr", learningRate, "the learning rate must be positive and finite");
        CommonOptions.Require(weightDecay >= 0 && double.IsFinite(weightDecay), "--weight-decay", weightDecay, "must be non-negative and finite");
        CommonOptions.Require(patience >= 0, "--patience", patience, "must be non-negative (0 turns early stopping off)");
        CommonOptions.Require(validation is >= 0 and < 1, "--validation", validation, "must lie in [0, 1)");
        CommonOptions.Require(clipNorm >= 0 && double.IsFinite(clipNorm), "--clip-norm", clipNorm, "must be finite and non-negative (0 = off)");
        CommonOptions.Require(warmup >= 0 && warmup < epochs, "--warmup-epochs", warmup, $"must lie in [0, {epochs}) (the planned epochs)");
        CheckTestFraction(testFraction);
        if (optimizer == "adam" && (momentumGiven is not null || nesterov))
        {
            throw new UsageException($"{(nesterov ? "--nesterov" : "--momentum")} applies to --optimizer sgd only");
        }
        double momentum = momentumGiven ?? (optimizer == "sgd" ? 0.9 : 0.0);
        CommonOptions.Require(momentum is >= 0 and < 1, "--momentum", momentum, "must lie in [0, 1)");

        DataSource data = DataSource.Resolve(p.GetValue(_data)!);
        string modelArgument = p.GetValue(_model) ?? data.DefaultModel ?? throw new UsageException(
            $"--model is needed for data file '{data.Argument}' (built-in models: {string.Join(", ", BuiltInModels.Names)}; or a .json/.yaml spec)");
        ModelSpec spec = ModelSource.LoadSpec(modelArgument);
        IModel model = ModelSource.Build(spec, seed, modelArgument, precision);
        string outDirectory = OutDirectory(p.GetValue(_out), Path.Combine("runs", $"{spec.Name}-{data.Name}-seed{seed}"), CommonOptions.IsGiven(p, _out));
        if (data.HasOfficialTestSplit && CommonOptions.IsGiven(p, _testFraction))
        {
            _context.Stderr.WriteLine($"triad: note: --test-fraction is not used: '{data.Argument}' has an official test set");
        }

        var options = new TrainingOptions
        {
            Epochs = epochs,
            BatchSize = batchSize,
            Seed = seed,
            ValidationFraction = validation,
            Patience = patience,
            RestoreBestWeights = true,
            Optimizer = new OptimizerSpec
            {
                Name = optimizer,
                LearningRate = learningRate,
                Momentum = momentum,
                Nesterov = nesterov,
                WeightDecay = weightDecay,
            },
            ClipNorm = clipNorm,
            LearningRateSchedule = schedule,
            WarmupEpochs = warmup,
            CheckpointPath = Path.Combine(outDirectory, RunFolder.CheckpointFile),
        };
        options.Validate();
        double? storedFraction = data.HasOfficialTestSplit ? null : testFraction;
        return new RunPlan(model, data, outDirectory, testFraction, seed, null,
            new ModelMetadata { TestFraction = storedFraction, DataSource = data.Path }, () => Trainers.Create(model, options));
    }

    /// <summary>
    /// A resumed run: the model and the training options come from the checkpoint; the run continues in the
    /// output folder (by default the checkpoint's own), with the new epoch count.
    /// </summary>
    private RunPlan PlanResume(ParseResult p, string checkpointArgument)
    {
        foreach (Option fixedOption in (Option[])[_model, _batchSize, _learningRate, _optimizer, _momentum, _nesterov, _weightDecay,
                     _patience, _validation, _seed, _precision, _schedule, _warmup, _clipNorm])
        {
            if (CommonOptions.IsGiven(p, fixedOption))
            {
                throw new UsageException(
                    $"{fixedOption.Name} cannot be used with --resume: a resumed run keeps the options stored in its checkpoint");
            }
        }
        string checkpoint = Path.GetFullPath(checkpointArgument);
        SavedModel saved = ModelFile.Load(checkpoint);
        TrainingState stored = saved.Training ?? throw new InvalidDataException(
            $"{Path.GetFileName(checkpoint)}: a saved model, not a training checkpoint; --resume takes the {RunFolder.CheckpointFile} of a run");

        int epochs = CommonOptions.IsGiven(p, _epochs) ? p.GetValue(_epochs) : stored.Options.Epochs;
        CommonOptions.Require(epochs >= 1, "--epochs", epochs, "must be at least 1");
        CommonOptions.Require(epochs >= stored.EpochsCompleted, "--epochs", epochs,
            $"the checkpoint has already completed {stored.EpochsCompleted} epochs; give at least that many");
        CommonOptions.Require(epochs > stored.Options.WarmupEpochs, "--epochs", epochs,
            $"the run warms up over {stored.Options.WarmupEpochs.ToString(CultureInfo.InvariantCulture)} epochs; give more than that");
        // The held-out test samples must stay the ones the run never trained on.
        double testFraction = saved.Metadata.TestFraction ?? p.GetValue(_testFraction);
        if (CommonOptions.IsGiven(p, _testFraction) && saved.Metadata.TestFraction is { } kept && p.GetValue(_testFraction) != kept)
        {
            throw new UsageException(
                $"--test-fraction {p.GetValue(_testFraction).ToString(CultureInfo.InvariantCulture)} cannot be used with --resume: " +
                $"the run held out {kept.ToString(CultureInfo.InvariantCulture)} of each class, and a new split would mix test samples into training");
        }
        CheckTestFraction(testFraction);

        string trainedOn = saved.Metadata.DataSource.Length > 0 ? saved.Metadata.DataSource : stored.DataSet;
        DataSource data = DataSource.ForRun(CommonOptions.IsGiven(p, _data) ? p.GetValue(_data) : null, trainedOn, "the checkpoint");

        string outDirectory = OutDirectory(p.GetValue(_out), Path.GetDirectoryName(checkpoint)!, CommonOptions.IsGiven(p, _out));
        TrainingOptions options = stored.Options with
        {
            Epochs = epochs,
            CheckpointPath = Path.Combine(outDirectory, RunFolder.CheckpointFile),
        };
        options.Validate();
        return new RunPlan(saved.Model, data, outDirectory, testFraction, options.Seed, stored.DataSet,
            saved.Metadata, () => Trainers.Resume(saved.Model, stored.WithOptions(options)));
    }

    /// <summary>Without a terminal (a log file, a pipe), one line per finished epoch instead of a progress bar.</summary>
    private SyncProgress<TrainingProgress> EpochLines() => new(p =>
    {
        if (p.Completed is { } m)
        {
            string validation = double.IsNaN(m.ValidationLoss)
                ? "no validation split"
                : string.Create(CultureInfo.InvariantCulture, $"validation loss {m.ValidationLoss:F4}, accuracy {m.ValidationAccuracy:P2}");
            _context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {m.Epoch}/{p.Epochs}: train loss {m.TrainLoss:F4}, accuracy {m.TrainAccuracy:P2}; {validation}; {m.Seconds:F1} s"));
            _context.Stdout.Flush();
        }
    });

    private static void CheckTestFraction(double testFraction) =>
        CommonOptions.Require(testFraction is >= 0 and < 1, "--test-fraction", testFraction, "must lie in [0, 1)");

    /// <summary>
    /// The full output path, checked before any training: it must not be an existing file, and the folder must be
    /// creatable and writable (a probe file is written and removed), so a bad --out fails now, not after an epoch.
    /// </summary>
    private static string OutDirectory(string? given, string fallback, bool isGiven)
    {
        string shown = isGiven ? $"--out '{given}'" : $"output folder '{fallback}'";
        string full = Path.GetFullPath(given ?? fallback);
        if (File.Exists(full))
        {
            throw new UsageException($"{shown} is a file; give a folder");
        }
        try
        {
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, $".triad-write-probe.{Environment.ProcessId}.tmp");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new UsageException($"{shown} cannot be written: {e.Message.Replace(full, "the folder", StringComparison.Ordinal)}");
        }
        return full;
    }


    private void WriteHeader(RunPlan plan, ITrainer trainer, Dataset train, Dataset? test, string testDescription)
    {
        TrainingOptions o = trainer.State.Options;
        string optimizer = o.Optimizer.Name == "sgd"
            ? string.Create(CultureInfo.InvariantCulture, $"sgd lr {o.Optimizer.LearningRate:G4} momentum {o.Optimizer.Momentum:G3}{(o.Optimizer.Nesterov ? " nesterov" : "")}")
            : string.Create(CultureInfo.InvariantCulture, $"adam lr {o.Optimizer.LearningRate:G4}");
        if (o.LearningRateSchedule != "constant" || o.WarmupEpochs > 0)
        {
            optimizer += string.Create(CultureInfo.InvariantCulture, $", {o.LearningRateSchedule} schedule{(o.WarmupEpochs > 0 ? $" after {o.WarmupEpochs:G3} warm-up epochs" : "")}");
        }
        if (o.Optimizer.WeightDecay > 0)
        {
            optimizer += string.Create(CultureInfo.InvariantCulture, $" weight decay {o.Optimizer.WeightDecay:G4}");
        }
        IAnsiConsole console = _context.Console;
        string resumed = trainer.State.EpochsCompleted > 0 ? $", resuming after epoch {trainer.State.EpochsCompleted}" : "";
        Cells.Field(console, "model", $"{trainer.Model.Spec.Name} ({Format.Count(trainer.Model.ParameterCount)} parameters, {trainer.Model.Precision})");
        Cells.Field(console, "data", $"{plan.Data.Name}: {Format.Count(train.Count)} training samples " +
            $"({o.ValidationFraction * 100:0.##}% for validation), test: {testDescription}");
        Cells.Field(console, "training", $"{o.Epochs} epochs, batch {o.BatchSize}, {optimizer}, " +
            $"patience {(o.Patience == 0 || o.ValidationFraction == 0 ? "off" : o.Patience.ToString(CultureInfo.InvariantCulture))}, seed {o.Seed}, " +
            $"{Triad.Numerics.Threading.ThreadSettings.MaxThreads} threads{resumed}");
        Cells.Field(console, "output", plan.OutDirectory);
    }

    private static void WriteStopNote(IAnsiConsole console, TrainingState state)
    {
        bool restored = state.Options.RestoreBestWeights && state.BestEpoch > 0 && state.BestEpoch != state.EpochsCompleted;
        if (state.StoppedEarly)
        {
            Cells.Field(console, "stopped early", $"after epoch {state.EpochsCompleted}: no better validation loss for {state.Options.Patience} epochs");
        }
        if (restored)
        {
            Cells.Field(console, "weights", $"of epoch {state.BestEpoch} (lowest validation loss)");
        }
    }

    private static JsonObject BuildReport(
        RunPlan plan, ITrainer trainer, Dataset train, DataSplit split, EvaluationReport? report,
        IReadOnlyList<EpochMetrics> history, int resumedFrom, JsonObject timings, JsonObject files)
    {
        TrainingState state = trainer.State;
        TrainingOptions o = state.Options;
        double meanRate = history.Skip(resumedFrom).Select(m => m.SamplesPerSecond).DefaultIfEmpty(double.NaN).Average();
        timings["samplesPerSecond"] = ReportJson.Number(meanRate);
        return new JsonObject
        {
            ["command"] = "train",
            ["model"] = ReportJson.Model(trainer.Model),
            ["data"] = new JsonObject
            {
                ["source"] = plan.Data.Argument,
                ["name"] = plan.Data.Name,
                ["kind"] = plan.Data.KindName,
                ["classNames"] = new JsonArray(train.ClassNames.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()),
                ["trainSamples"] = train.Count,
                ["testSamples"] = split.Test?.Count,
                ["testSplit"] = split.TestDescription,
            },
            ["options"] = new JsonObject
            {
                ["epochs"] = o.Epochs,
                ["batchSize"] = o.BatchSize,
                ["optimizer"] = o.Optimizer.Name,
                ["learningRate"] = o.Optimizer.LearningRate,
                ["momentum"] = o.Optimizer.Momentum,
                ["nesterov"] = o.Optimizer.Nesterov,
                ["weightDecay"] = o.Optimizer.WeightDecay,
                ["patience"] = o.Patience,
                ["validationFraction"] = o.ValidationFraction,
                ["testFraction"] = plan.Data.HasOfficialTestSplit ? null : plan.TestFraction,
                ["seed"] = o.Seed,
                ["precision"] = trainer.Model.Precision,
                ["clipNorm"] = o.ClipNorm,
                ["learningRateSchedule"] = o.LearningRateSchedule,
                ["warmupEpochs"] = o.WarmupEpochs,
                ["threads"] = Triad.Numerics.Threading.ThreadSettings.MaxThreads,
            },
            ["training"] = new JsonObject
            {
                ["epochsCompleted"] = state.EpochsCompleted,
                ["resumedAfterEpoch"] = resumedFrom,
                ["bestEpoch"] = state.BestEpoch,
                ["bestValidationLoss"] = ReportJson.Number(state.BestValidationLoss),
                ["stoppedEarly"] = state.StoppedEarly,
                ["restoredBestWeights"] = o.RestoreBestWeights && state.BestEpoch > 0 && state.BestEpoch != state.EpochsCompleted,
            },
            ["history"] = ReportJson.History(history),
            ["test"] = report is null ? null : ReportJson.Evaluation(report, split.TestDescription),
            ["timings"] = timings,
            ["files"] = files,
        };
    }

    /// <summary>What a run needs once the options are checked: the model, the data source, and how to start the trainer.</summary>
    private sealed record RunPlan(
        IModel Model, DataSource Data, string OutDirectory, double TestFraction, ulong Seed, string? CheckpointDataSet,
        ModelMetadata Metadata, Func<ITrainer> StartTrainer);
}
