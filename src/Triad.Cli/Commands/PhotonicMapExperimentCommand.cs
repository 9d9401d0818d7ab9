using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Modules.Photonic;
using Triad.Learning.Optimizers;
using Triad.Learning.Training;
using Triad.Photonics.Meshes;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad photonic map-experiment --data iris|digits</c>: the issue's Learning table (<see cref="PhotonicMappingExperiment"/>)
/// at any size. The electronic twin (iris-onn-electronic: dense 4 → tanh → dense 3 on 4-mode meshes; digits-onn-electronic:
/// dense 64 → relu → dense 10 on 64-mode meshes) is trained per seed on 80 % of the data (split drawn with seed 42, as
/// <c>triad train</c> does), mapped exactly, and scored on chips with static phase error σ_φ: mapped as is, after
/// hardware-aware training on the chip, and after training with phase noise (scored on chips training never saw).
/// </summary>
internal sealed class PhotonicMapExperimentCommand
{
    private readonly CliContext _context;
    private readonly Option<string> _data = new("--data") { Description = "iris (4-mode meshes) or digits (64-mode meshes)", Required = true };
    private readonly Option<string> _seeds = new("--seeds") { Description = "training seeds, comma-separated", DefaultValueFactory = _ => "42,43,44" };
    private readonly Option<int> _chips = new("--chips") { Description = "chips (defect draws, seeds 1000, 1001, ...) per seed", DefaultValueFactory = _ => 3 };
    private readonly Option<string> _sigmas = new("--sigmas") { Description = "static phase errors σ_φ in rad, comma-separated", DefaultValueFactory = _ => "0,0.01,0.02,0.05,0.1" };
    private readonly Option<double> _couplerError = new("--coupler-error") { Description = "coupler splitting error σ_BS of every chip, on top of σ_φ", DefaultValueFactory = _ => 0.0 };
    private readonly Option<string> _mesh = new("--mesh") { Description = "clements or reck", DefaultValueFactory = _ => "clements" };
    private readonly Option<int?> _epochs = new("--epochs") { Description = "epochs of electronic training (default: iris 300, digits 60)" };
    private readonly Option<int?> _tuneEpochs = new("--tune-epochs") { Description = "epochs of hardware-aware training (default: iris 60, digits 10)" };
    private readonly Option<bool> _noNoise = new("--no-noise-aware") { Description = "skip the phase-noise variant of hardware-aware training" };
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<bool> _json = CommonOptions.Json();

    private PhotonicMapExperimentCommand(CliContext context)
    {
        _context = context;
        _data.AcceptOnlyFromAmong("iris", "digits");
        _mesh.AcceptOnlyFromAmong("clements", "reck");
    }

    /// <summary>The <c>map-experiment</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var h = new PhotonicMapExperimentCommand(context);
        var command = new Command("map-experiment", "test accuracy against σ_φ of weights trained electronically then mapped, and of hardware-aware training");
        foreach (Option o in new Option[] { h._data, h._seeds, h._chips, h._sigmas, h._couplerError, h._mesh, h._epochs, h._tuneEpochs, h._noNoise, h._threads, h._json })
        {
            command.Options.Add(o);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => h.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        CommonOptions.ApplyThreads(p.GetValue(_threads));
        bool iris = p.GetValue(_data) == "iris";
        ulong[] seeds = [.. List<ulong>(p.GetValue(_seeds)!, "--seeds", s => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v) ? v : (ulong?)null)];
        double[] sigmas = [.. List<double>(p.GetValue(_sigmas)!, "--sigmas", s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v >= 0 && v <= 10 ? v : (double?)null)];
        int chips = p.GetValue(_chips);
        CommonOptions.Require(chips is >= 1 and <= 100, "--chips", chips, "must lie in 1..100");
        double coupler = p.GetValue(_couplerError);
        CommonOptions.Require(coupler is >= 0 and <= 1, "--coupler-error", coupler, "must lie in [0, 1]");
        int epochs = p.GetValue(_epochs) ?? (iris ? 300 : 60), tune = p.GetValue(_tuneEpochs) ?? (iris ? 60 : 10);
        CommonOptions.Require(epochs is >= 1 and <= 100_000, "--epochs", epochs, "must lie in 1..100000");
        CommonOptions.Require(tune is >= 1 and <= 100_000, "--tune-epochs", tune, "must lie in 1..100000");
        MeshKind kind = p.GetValue(_mesh) == "reck" ? MeshKind.Reck : MeshKind.Clements;
        bool json = p.GetValue(_json);

        (Dataset train, Dataset test) = BuiltInData.Load(iris ? "iris" : "digits").StratifiedSplit(0.2, 42);
        var options = new PhotonicMappingOptions
        {
            Electronic = BuiltInModels.Get(iris ? "iris-onn-electronic" : "digits-onn-electronic"),
            Train = train,
            Test = test,
            Training = new TrainingOptions { Epochs = epochs, BatchSize = 32, ValidationFraction = 0.1, Optimizer = new OptimizerSpec { Name = "adam", LearningRate = iris ? 0.01 : 0.002 } },
            Seeds = seeds,
            Chips = [.. Enumerable.Range(0, chips).Select(c => (ulong)(1000 + c))],
            PhaseErrors = sigmas,
            OtherDefects = new MeshDefects(CouplerErrorStd: coupler),
            Mesh = kind,
            HardwareAwareEpochs = tune,
            HardwareAwareLearningRate = iris ? 0.005 : 0.002,
            NoiseAware = !p.GetValue(_noNoise),
        };
        IProgress<string>? progress = json ? null : new Progress(_context.Stderr);
        PhotonicMappingResult result = PhotonicMappingExperiment.Run(options, progress);
        string mesh = kind == MeshKind.Reck ? "reck" : "clements";
        if (json)
        {
            var rows = new JsonArray();
            foreach (PhotonicMappingRow r in result.Rows)
            {
                rows.Add(new JsonObject
                {
                    ["phaseError"] = r.PhaseError,
                    ["mapped"] = r.Mapped,
                    ["mappedLowest"] = r.MappedLowest,
                    ["hardwareAwareOnChip"] = r.OnChip,
                    ["hardwareAwareOnChipLowest"] = r.OnChipLowest,
                    ["hardwareAwarePhaseNoise"] = ReportJson.Number(r.NoiseAware),
                });
            }
            var root = new JsonObject
            {
                ["command"] = "photonic map-experiment",
                ["data"] = iris ? "iris" : "digits",
                ["model"] = options.Electronic.Name,
                ["mesh"] = mesh,
                ["modes"] = result.Layers.Max(l => l.Modes),
                ["testSamples"] = test.Count,
                ["seeds"] = new JsonArray([.. seeds.Select(s => (JsonNode?)JsonValue.Create(s))]),
                ["chips"] = chips,
                ["couplerError"] = coupler,
                ["epochs"] = epochs,
                ["hardwareAwareEpochs"] = tune,
                ["electronicAccuracy"] = new JsonArray([.. result.Electronic.Select(a => (JsonNode?)JsonValue.Create(a))]),
                ["mappedIdealAccuracy"] = new JsonArray([.. result.MappedIdeal.Select(a => (JsonNode?)JsonValue.Create(a))]),
                ["largestOutputDifference"] = result.LargestOutputDifference,
                ["rows"] = rows,
            };
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        var c = CultureInfo.InvariantCulture;
        Cells.Field(_context.Console, "model", $"{options.Electronic.Name} on {result.Layers.Max(l => l.Modes)}-mode {mesh} meshes; {test.Count} test samples; {seeds.Length} seeds × {chips} chips{(coupler > 0 ? $", σ_BS {coupler.ToString(c)}" : "")}");
        Cells.Field(_context.Console, "ideal", $"electronic {string.Join(", ", result.Electronic.Select(a => a.ToString("P2", c)))}; mapped on ideal meshes {string.Join(", ", result.MappedIdeal.Select(a => a.ToString("P2", c)))}; largest output difference {result.LargestOutputDifference.ToString("E1", c)}");
        var table = Cells.NewTable("σ_φ (rad)", "mapped (mean)", "mapped (lowest)", "hardware-aware on the chip (mean)", "(lowest)", "phase-noise training, unseen chips").RightAlign(0, 1, 2, 3, 4, 5);
        foreach (PhotonicMappingRow r in result.Rows)
        {
            table.AddRow(Cells.Number(r.PhaseError.ToString("G4", c)), Cells.Number(r.Mapped.ToString("P2", c)), Cells.Number(r.MappedLowest.ToString("P2", c)),
                Cells.Number(r.OnChip.ToString("P2", c)), Cells.Number(r.OnChipLowest.ToString("P2", c)), Cells.Number(double.IsNaN(r.NoiseAware) ? "—" : r.NoiseAware.ToString("P2", c)));
        }
        _context.Console.Write(table);
        return ExitCodes.Success;
    }

    private static IEnumerable<T> List<T>(string text, string option, Func<string, T?> parse) where T : struct
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || parts.Length > 64)
        {
            throw new UsageException($"{option} '{text}': give 1 to 64 comma-separated values");
        }
        foreach (string part in parts)
        {
            yield return parse(part) ?? throw new UsageException($"{option} '{text}': '{part}' is not a valid value");
        }
    }

    private sealed class Progress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine($"triad: {value}");
    }
}
