using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Inputs;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Learning.Data;
using Triad.Learning.Serialization;
using Triad.Learning.Training;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad eval</c>: evaluates a saved model on a data set and prints accuracy, loss, macro F1, per-class scores and
/// the confusion matrix.
/// <para>
/// Which samples (<c>--split</c>): <c>test</c> (the default) takes the official test set where the data set has one
/// (Fashion-MNIST), and otherwise rebuilds the held-out test split that <c>triad train</c> made: the same stratified
/// split, drawn from the seed and the test fraction kept in the model file (or <c>--test-fraction</c>, default 0.2). So a model is scored on samples it never trained on, and the
/// accuracy matches the one train reported. <c>all</c> takes every sample of the data set as named (for
/// <c>fashion-mnist</c>, its 60,000 training images).
/// </para>
/// </summary>
internal sealed class EvalCommand
{
    private const double DefaultTestFraction = 0.2;

    private readonly CliContext _context;

    private readonly Option<string> _model = new("--model")
    {
        Description = "saved model or checkpoint (.triad)",
        Required = true,
    };

    private readonly Option<string?> _data = new("--data")
    {
        Description = "data set: a built-in name, a .csv/.csv.gz file or a folder of Fashion-MNIST IDX files " +
            "(default: the data set named in the model file)",
    };

    private readonly Option<string> _split = new("--split")
    {
        Description = "test: the official test set, or the held-out split train made from the model's seed; all: every sample",
        DefaultValueFactory = _ => "test",
    };

    private readonly Option<double?> _testFraction = new("--test-fraction")
    {
        Description = "test fraction of the training run, to rebuild its held-out split " +
            "(default: the fraction kept in the model file, else 0.2)",
    };

    private readonly Option<int> _threads = CommonOptions.Threads();

    private readonly Option<bool> _json = CommonOptions.Json();

    private EvalCommand(CliContext context) => _context = context;

    /// <summary>The <c>eval</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new EvalCommand(context);
        var command = new Command("eval", "evaluate a saved model on a data set");
        foreach (Option option in (Option[])[handler._model, handler._data, handler._split, handler._testFraction, handler._threads, handler._json])
        {
            command.Options.Add(option);
        }
        handler._split.AcceptOnlyFromAmong("test", "all");
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        bool json = p.GetValue(_json);
        CommonOptions.ApplyThreads(p.GetValue(_threads));
        string modelPath = p.GetValue(_model)!;
        double? testFractionGiven = p.GetValue(_testFraction);
        if (testFractionGiven is { } given)
        {
            CommonOptions.Require(given is > 0 and < 1, "--test-fraction", given, "must lie in (0, 1)");
        }
        bool wholeSet = p.GetValue(_split) == "all";

        SavedModel saved = ModelFile.Load(modelPath);
        if (testFractionGiven is { } asked && saved.Metadata.TestFraction is { } kept && asked != kept)
        {
            // Another fraction would draw another split: some of the samples called "test" would be ones the model trained on.
            throw new UsageException(
                $"--test-fraction {asked.ToString(System.Globalization.CultureInfo.InvariantCulture)}: '{Path.GetFileName(modelPath)}' was trained " +
                $"holding out {kept.ToString(System.Globalization.CultureInfo.InvariantCulture)} of each class; another fraction would mix training samples into the test set");
        }
        string trainedOn = saved.Metadata.DataSource.Length > 0 ? saved.Metadata.DataSource : saved.Metadata.DataSet;
        DataSource data = DataSource.ForEvaluation(p.GetValue(_data), trainedOn, $"'{Path.GetFileName(modelPath)}'");
        int? classCount = saved.Model.OutputShape is [int outputs] ? outputs : null;

        Dataset samples;
        string split;
        if (wholeSet)
        {
            samples = data.Load(classCount, saved.Metadata.ClassNames);
            split = $"all samples ({samples.Count})";
        }
        else if (data.LoadOfficialTest() is { } official)
        {
            samples = official;
            split = $"official test set ({official.Count} samples)";
        }
        else
        {
            double fraction = testFractionGiven ?? saved.Metadata.TestFraction ?? DefaultTestFraction;
            if (fraction <= 0)
            {
                throw new UsageException($"the run that made '{Path.GetFileName(modelPath)}' held out no test samples; use --split all");
            }
            Dataset all = data.Load(classCount, saved.Metadata.ClassNames);
            samples = all.StratifiedSplit(fraction, saved.Metadata.Seed).Test;
            split = DataSource.HeldOutDescription(fraction, saved.Metadata.Seed, samples.Count);
        }
        if (saved.Metadata.DataSet.Length > 0 && saved.Metadata.DataSet != data.Name)
        {
            _context.Stderr.WriteLine($"triad: note: '{Path.GetFileName(modelPath)}' was trained on '{saved.Metadata.DataSet}', not '{data.Name}'");
        }

        EvaluationReport report = Evaluator.Evaluate(saved.Model, samples, 256, saved.Metadata.Seed);
        if (json)
        {
            var root = new JsonObject
            {
                ["command"] = "eval",
                ["modelFile"] = Path.GetFullPath(modelPath),
                ["model"] = new JsonObject { ["name"] = saved.Model.Spec.Name, ["precision"] = saved.Model.Precision, ["parameters"] = saved.Model.ParameterCount },
                ["metadata"] = ReportJson.Metadata(saved.Metadata),
                ["evaluation"] = ReportJson.Evaluation(report, split),
            };
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        IAnsiConsole console = _context.Console;
        Cells.Field(console, "model", $"{Path.GetFullPath(modelPath)}: {saved.Model.Spec.Name} ({Format.Count(saved.Model.ParameterCount)} parameters)");
        EvaluationView.Write(console, report, "evaluation", split);
        return ExitCodes.Success;
    }
}
