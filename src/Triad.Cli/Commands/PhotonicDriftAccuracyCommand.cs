using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Modules.Photonic;
using Triad.Learning.Serialization;
using Triad.Photonics.Thermal;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad photonic drift-accuracy --model FILE</c>: the accuracy version of <c>triad photonic drift</c>. A trained
/// photonic model (saved by <c>triad train</c>, e.g. <c>digits-onn</c>) sits on the silicon chip of
/// <see cref="ThermalChip"/> under an ambient trace (step, ramp or seeded random walk) plus a gradient across the
/// modes; each remedy (none, monitor-MZI offset correction, periodic recalibration, PID heater control, cooled) runs
/// on every mesh (<see cref="PhotonicDriftAccuracy"/>) and the held-out test split is scored every
/// <c>--score-every</c> samples. Prints per remedy the mean and lowest test accuracy, the mean power and the downtime;
/// <c>--csv</c> writes accuracy against time per remedy, <c>--svg</c> plots it, <c>--json</c> prints everything.
/// </summary>
internal sealed class PhotonicDriftAccuracyCommand
{
    private readonly CliContext _context;
    private readonly Option<string> _model = new("--model") { Description = "trained photonic model (.triad) saved by triad train", Required = true };
    private readonly ThermalOptions _thermal = new();
    private readonly Option<int> _scoreEvery = new("--score-every") { Description = "score the test split every this many samples of the trace (and at the last)", DefaultValueFactory = _ => 4 };
    private readonly Option<ulong> _seed = new("--seed") { Description = "seed of the random walk", DefaultValueFactory = _ => 1UL };
    private readonly Option<string?> _csv = new("--csv") { Description = "write test accuracy against time per remedy to this CSV file" };
    private readonly Option<string?> _svg = new("--svg") { Description = "write the plot of test accuracy against time to this SVG file" };
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<bool> _json = CommonOptions.Json();

    private PhotonicDriftAccuracyCommand(CliContext context)
    {
        _context = context;
    }

    /// <summary>The <c>drift-accuracy</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var h = new PhotonicDriftAccuracyCommand(context);
        var command = new Command("drift-accuracy", "test accuracy of a trained photonic model under thermal drift, with and without each remedy, and their power");
        foreach (Option o in (Option[])[h._model, .. h._thermal.All, h._scoreEvery, h._seed, h._csv, h._svg, h._threads, h._json])
        {
            command.Options.Add(o);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => h.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        CommonOptions.ApplyThreads(p.GetValue(_threads));
        int scoreEvery = p.GetValue(_scoreEvery);
        CommonOptions.Require(scoreEvery >= 1, "--score-every", scoreEvery, "must be at least 1");
        ulong seed = p.GetValue(_seed);
        (ThermalChip chip, AmbientTrace trace, string traceName, double interval) = _thermal.Read(p, seed);
        string path = p.GetValue(_model)!;
        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: no such model file");
        }
        SavedModel saved = ModelFile.Load(path);
        return saved.Model switch
        {
            Model<float> f => Run(f, saved, path, chip, trace, traceName, interval, scoreEvery, p),
            Model<double> d => Run(d, saved, path, chip, trace, traceName, interval, scoreEvery, p),
            _ => throw new UsageException($"{path}: a model of precision {saved.Model.Precision} cannot be run"),
        };
    }

    private int Run<T>(Model<T> model, SavedModel saved, string path, ThermalChip chip, AmbientTrace trace, string traceName, double interval, int scoreEvery, ParseResult p)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string file = Path.GetFileName(path);
        int meshes = PhotonicChip.Layers(model).Count;
        if (meshes == 0)
        {
            throw new UsageException($"{file}: model '{model.Spec.Name}' has no photonic mesh (photonic-linear or photonic-dense) to drift");
        }
        Dataset test = PhotonicMapCommand.TestSplit(saved, path, out string split);
        double undrifted = Triad.Learning.Training.Evaluator.Evaluate(model, test, 256, saved.Metadata.Seed).Accuracy;
        IReadOnlyList<DriftAccuracyRun> runs = PhotonicDriftAccuracy.Run(model, test, chip, trace, PhotonicDriftAccuracy.DefaultRemedies(interval), scoreEvery,
            cancellationToken: _context.Cancellation);

        string? csvPath = p.GetValue(_csv), svgPath = p.GetValue(_svg);
        if (csvPath is not null)
        {
            AtomicFile.WriteAllText(csvPath, Csv(trace, runs));
        }
        if (svgPath is not null)
        {
            AtomicFile.WriteAllText(svgPath, Svg(trace, runs, model.Spec.Name));
        }
        if (p.GetValue(_json))
        {
            var remedyJson = new JsonArray();
            foreach (DriftAccuracyRun r in runs)
            {
                remedyJson.Add(new JsonObject
                {
                    ["remedy"] = r.Remedy,
                    ["meanAccuracy"] = r.MeanAccuracy,
                    ["minAccuracy"] = r.MinAccuracy,
                    ["meanPowerWatts"] = r.MeanPowerWatts,
                    ["downtime"] = r.Downtime,
                    ["accuracy"] = new JsonArray([.. r.Accuracy.Select(a => (JsonNode?)JsonValue.Create(a))]),
                });
            }
            var root = new JsonObject
            {
                ["command"] = "photonic drift-accuracy",
                ["modelFile"] = Path.GetFullPath(path),
                ["model"] = model.Spec.Name,
                ["meshes"] = meshes,
                ["split"] = split,
                ["undriftedAccuracy"] = undrifted,
                ["chip"] = new JsonObject
                {
                    ["heaterLengthMeters"] = chip.HeaterLengthMeters,
                    ["wavelengthMeters"] = chip.WavelengthMeters,
                    ["thermoOpticPerKelvin"] = chip.ThermoOpticPerKelvin,
                    ["phasePerKelvin"] = chip.PhasePerKelvin,
                    ["gradientKelvin"] = chip.GradientAcrossModesKelvin,
                    ["crosstalk"] = chip.CrosstalkFraction,
                    ["arms"] = chip.Arms == ThermalArms.Balanced ? "balanced" : "unbalanced",
                    ["armImbalanceMeters"] = chip.Arms == ThermalArms.Balanced ? chip.ArmLengthImbalanceMeters : null,
                },
                ["trace"] = new JsonObject
                {
                    ["kind"] = traceName,
                    ["stepSeconds"] = trace.StepSeconds,
                    ["deltaKelvin"] = new JsonArray([.. trace.DeltaKelvin.Select(v => (JsonNode?)JsonValue.Create(v))]),
                    ["scoredSteps"] = new JsonArray([.. runs[0].Steps.Select(s => (JsonNode?)JsonValue.Create(s))]),
                },
                ["remedies"] = remedyJson,
            };
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        Cells.Field(_context.Console, "model", $"{Path.GetFullPath(path)}: {model.Spec.Name}, {meshes} meshes; undrifted test accuracy {F(100 * undrifted, "F2")} % ({split})");
        Cells.Field(_context.Console, "chip", ThermalOptions.Describe(chip));
        Cells.Field(_context.Console, "trace", $"{traceName}, {F(trace.StepSeconds * (trace.Count - 1), "G4")} s in steps of {F(trace.StepSeconds, "G4")} s; ΔT from {F(trace.DeltaKelvin.Min(), "F3")} to {F(trace.DeltaKelvin.Max(), "F3")} K; scored at {runs[0].Steps.Length} samples");
        var table = Cells.NewTable("remedy", "mean accuracy", "lowest accuracy", "power (W)", "downtime").RightAlign(1, 2, 3, 4);
        foreach (DriftAccuracyRun r in runs)
        {
            table.AddRow(Cells.Text(r.Remedy), Cells.Number(F(100 * r.MeanAccuracy, "F2") + " %"), Cells.Number(F(100 * r.MinAccuracy, "F2") + " %"),
                Cells.Number(F(r.MeanPowerWatts, "G4")), Cells.Number(F(100 * r.Downtime, "F2") + " %"));
        }
        _context.Console.Write(table);
        return ExitCodes.Success;
    }

    private static string Csv(AmbientTrace trace, IReadOnlyList<DriftAccuracyRun> runs)
    {
        var sb = new StringBuilder("time_s,ambient_k");
        foreach (DriftAccuracyRun r in runs)
        {
            sb.Append(",accuracy_").Append(r.Remedy);
        }
        sb.Append('\n');
        for (int i = 0; i < runs[0].Steps.Length; i++)
        {
            int k = runs[0].Steps[i];
            sb.Append(F(trace.Time(k), "R")).Append(',').Append(F(trace.DeltaKelvin[k], "R"));
            foreach (DriftAccuracyRun r in runs)
            {
                sb.Append(',').Append(F(r.Accuracy[i], "R"));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Svg(AmbientTrace trace, IReadOnlyList<DriftAccuracyRun> runs, string model)
    {
        var plot = new ScottPlot.Plot();
        double[] t = [.. runs[0].Steps.Select(k => trace.Time(k))];
        foreach (DriftAccuracyRun run in runs)
        {
            double[] percent = [.. run.Accuracy.Select(a => 100 * a)];
            var line = plot.Add.Scatter(t, percent);
            line.LegendText = run.Remedy;
            line.MarkerSize = 3;
        }
        double[] all = [.. Enumerable.Range(0, trace.Count).Select(trace.Time)];
        double[] delta = [.. trace.DeltaKelvin];
        var ambient = plot.Add.Scatter(all, delta);
        ambient.LegendText = "ambient ΔT (K, right)";
        ambient.LinePattern = ScottPlot.LinePattern.Dashed;
        ambient.MarkerSize = 0;
        ambient.Axes.YAxis = plot.Axes.Right;
        plot.XLabel("time / s");
        plot.YLabel("test accuracy / %");
        plot.Axes.Right.Label.Text = "ambient ΔT / K";
        plot.Title($"{model} under thermal drift, with and without each remedy");
        plot.ShowLegend();
        return plot.GetSvgXml(900, 520);
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
