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
    private readonly Option<string> _trace = new("--trace") { Description = "ambient trace: step, ramp or walk", DefaultValueFactory = _ => "walk" };
    private readonly Option<double> _duration = new("--duration") { Description = "trace length in s", DefaultValueFactory = _ => 60.0 };
    private readonly Option<double> _dt = new("--dt") { Description = "time step in s", DefaultValueFactory = _ => 0.5 };
    private readonly Option<double> _height = new("--height") { Description = "step height in K (step trace, at a tenth of the duration)", DefaultValueFactory = _ => 2.0 };
    private readonly Option<double> _slope = new("--slope") { Description = "ramp slope in K/s", DefaultValueFactory = _ => 0.05 };
    private readonly Option<double> _sigma = new("--sigma") { Description = "random-walk σ in K/√s", DefaultValueFactory = _ => 0.3 };
    private readonly Option<double> _gradient = new("--gradient") { Description = "temperature difference across the modes in K", DefaultValueFactory = _ => 0.5 };
    private readonly Option<double> _crosstalk = new("--crosstalk") { Description = "fraction of a neighbouring heater's phase picked up", DefaultValueFactory = _ => 0.0 };
    private readonly Option<double> _heaterLength = new("--heater-length") { Description = "phase-shifter length in µm", DefaultValueFactory = _ => 100.0 };
    private readonly Option<double> _wavelength = new("--wavelength") { Description = "wavelength in nm", DefaultValueFactory = _ => 1550.0 };
    private readonly Option<string> _arms = new("--arms") { Description = "arm model: unbalanced (every shifter sees κ·ΔT) or balanced (only arm differences and imbalance)", DefaultValueFactory = _ => "unbalanced" };
    private readonly Option<double> _armImbalance = new("--arm-imbalance") { Description = "balanced arms: upper-arm excess length ΔL in µm (assumed 1 µm)", DefaultValueFactory = _ => 1.0 };
    private readonly Option<double> _interval = new("--interval") { Description = "time between monitor reads and between recalibrations in s", DefaultValueFactory = _ => 10.0 };
    private readonly Option<int> _scoreEvery = new("--score-every") { Description = "score the test split every this many samples of the trace (and at the last)", DefaultValueFactory = _ => 4 };
    private readonly Option<ulong> _seed = new("--seed") { Description = "seed of the random walk", DefaultValueFactory = _ => 1UL };
    private readonly Option<string?> _csv = new("--csv") { Description = "write test accuracy against time per remedy to this CSV file" };
    private readonly Option<string?> _svg = new("--svg") { Description = "write the plot of test accuracy against time to this SVG file" };
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<bool> _json = CommonOptions.Json();

    private PhotonicDriftAccuracyCommand(CliContext context)
    {
        _context = context;
        _trace.AcceptOnlyFromAmong("step", "ramp", "walk");
        _arms.AcceptOnlyFromAmong("unbalanced", "balanced");
    }

    /// <summary>The <c>drift-accuracy</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var h = new PhotonicDriftAccuracyCommand(context);
        var command = new Command("drift-accuracy", "test accuracy of a trained photonic model under thermal drift, with and without each remedy, and their power");
        foreach (Option o in new Option[] { h._model, h._trace, h._duration, h._dt, h._height, h._slope, h._sigma, h._gradient, h._crosstalk, h._heaterLength, h._wavelength, h._arms, h._armImbalance, h._interval, h._scoreEvery, h._seed, h._csv, h._svg, h._threads, h._json })
        {
            command.Options.Add(o);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => h.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        CommonOptions.ApplyThreads(p.GetValue(_threads));
        double duration = p.GetValue(_duration), dt = p.GetValue(_dt), interval = p.GetValue(_interval);
        double gradient = p.GetValue(_gradient), crosstalk = p.GetValue(_crosstalk), lengthUm = p.GetValue(_heaterLength), lambdaNm = p.GetValue(_wavelength);
        double height = p.GetValue(_height), slope = p.GetValue(_slope), sigma = p.GetValue(_sigma);
        int scoreEvery = p.GetValue(_scoreEvery);
        CommonOptions.Require(double.IsFinite(dt) && dt > 0, "--dt", dt, "must be a positive finite number of seconds");
        CommonOptions.Require(double.IsFinite(duration) && duration >= dt, "--duration", duration, "must be a finite number of seconds, at least --dt");
        CommonOptions.Require(duration / dt <= 100_000, "--duration", duration, "gives more than 100000 steps at this --dt");
        CommonOptions.Require(double.IsFinite(interval) && interval > 0, "--interval", interval, "must be a positive finite number of seconds");
        CommonOptions.Require(double.IsFinite(gradient), "--gradient", gradient, "must be a finite number of K");
        CommonOptions.Require(crosstalk is >= 0 and < 1, "--crosstalk", crosstalk, "must be a fraction in [0, 1)");
        CommonOptions.Require(double.IsFinite(lengthUm) && lengthUm > 0, "--heater-length", lengthUm, "must be a positive finite number of µm");
        CommonOptions.Require(double.IsFinite(lambdaNm) && lambdaNm > 0, "--wavelength", lambdaNm, "must be a positive finite number of nm");
        CommonOptions.Require(double.IsFinite(height), "--height", height, "must be a finite number of K");
        CommonOptions.Require(double.IsFinite(slope), "--slope", slope, "must be a finite number of K/s");
        CommonOptions.Require(double.IsFinite(sigma) && sigma >= 0, "--sigma", sigma, "must be a finite number of K/√s, at least 0");
        CommonOptions.Require(scoreEvery >= 1, "--score-every", scoreEvery, "must be at least 1");
        double imbalanceUm = p.GetValue(_armImbalance);
        CommonOptions.Require(double.IsFinite(imbalanceUm) && imbalanceUm > -lengthUm, "--arm-imbalance", imbalanceUm, "must be a finite number of µm above minus the heater length");
        ThermalArms arms = p.GetValue(_arms) == "balanced" ? ThermalArms.Balanced : ThermalArms.Unbalanced;
        CommonOptions.Require(arms == ThermalArms.Balanced || p.GetResult(_armImbalance) is null or { Implicit: true }, "--arm-imbalance", imbalanceUm, "applies only with --arms balanced");
        string path = p.GetValue(_model)!;
        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: no such model file");
        }
        SavedModel saved = ModelFile.Load(path);
        ulong seed = p.GetValue(_seed);
        string traceName = p.GetValue(_trace)!;
        var chip = new ThermalChip { HeaterLengthMeters = lengthUm * 1e-6, WavelengthMeters = lambdaNm * 1e-9, GradientAcrossModesKelvin = gradient, CrosstalkFraction = crosstalk, Arms = arms, ArmLengthImbalanceMeters = imbalanceUm * 1e-6 };
        AmbientTrace trace = traceName switch
        {
            "step" => AmbientTrace.Step(duration, dt, duration / 10, height),
            "ramp" => AmbientTrace.Ramp(duration, dt, slope),
            _ => AmbientTrace.RandomWalk(duration, dt, sigma, seed),
        };
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
        Cells.Field(_context.Console, "chip", $"silicon, heater {F(chip.HeaterLengthMeters * 1e6, "G4")} µm, λ {F(chip.WavelengthMeters * 1e9, "G5")} nm, dn/dT 1.8e-4 K⁻¹: {F(chip.PhasePerKelvin, "G4")} rad/K; gradient {F(chip.GradientAcrossModesKelvin, "G3")} K across the modes; {(chip.Arms == ThermalArms.Balanced ? $"balanced arms, ΔL {F(chip.ArmLengthImbalanceMeters * 1e6, "G4")} µm" : "unbalanced arms")}");
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
