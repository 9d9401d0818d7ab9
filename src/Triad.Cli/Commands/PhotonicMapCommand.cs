using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;
using Triad.Cli.Inputs;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Modules.Photonic;
using Triad.Learning.Serialization;
using Triad.Learning.Training;
using Triad.Photonics.Meshes;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad photonic map FILE [--mesh clements|reck] [--accuracy] [--phase-error σ] [--seed S] [--out PHASES.json] [--json]</c>:
/// a model saved by <c>triad train</c> with its dense layers mapped onto MZI meshes (<see cref="PhotonicMapping"/>:
/// W = s·U·Σ′·V†, two N-mode meshes and a column of attenuators, the scale s kept electronically, coherent detection).
/// Per dense layer: its shape m×n, the mesh size N = max(m, n), the MZI count of both meshes, s and the reconstruction
/// error ‖W − W_hw‖_F of the ideal meshes. With <c>--accuracy</c> (or <c>--phase-error</c>) it also scores, on the
/// held-out test split <c>triad eval</c> uses, the electronic model, its photonic twin on ideal meshes and on a chip
/// with static phase error σ_φ drawn from <c>--seed</c>, and gives each layer's ‖W − W_chip‖_F. <c>--out</c> writes the
/// phases of every mesh, the attenuators and the scales as JSON (atomically).
/// </summary>
internal sealed class PhotonicMapCommand
{
    private const double DefaultTestFraction = 0.2;

    private readonly CliContext _context;

    private readonly Argument<string> _file = new("FILE") { Description = "model saved by triad train (.triad)" };

    private readonly Option<string> _mesh = new("--mesh")
    {
        Description = "mesh layout: clements (rectangular) or reck (triangular)",
        DefaultValueFactory = _ => "clements",
    };

    private readonly Option<bool> _accuracy = new("--accuracy")
    {
        Description = "score the electronic model and its photonic twin (ideal and with --phase-error) on the held-out test split",
    };

    private readonly Option<double> _phaseError = new("--phase-error")
    {
        Description = "static phase error σ_φ (rad) of the chip the twin is scored on (implies --accuracy)",
        DefaultValueFactory = _ => 0.0,
    };

    private readonly Option<ulong> _seed = new("--seed")
    {
        Description = "seed of the chip's defects",
        DefaultValueFactory = _ => 0UL,
    };

    private readonly Option<string?> _out = new("--out") { Description = "write every mesh's phases, the attenuators and the scales to this JSON file" };

    private readonly Option<int> _threads = CommonOptions.Threads();

    private readonly Option<bool> _json = CommonOptions.Json();

    private PhotonicMapCommand(CliContext context)
    {
        _context = context;
        _mesh.AcceptOnlyFromAmong("clements", "reck");
    }

    /// <summary>The <c>map</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new PhotonicMapCommand(context);
        var command = new Command("map", "map a saved model's dense layers onto MZI meshes (U·Σ·V†), with accuracy ideal and with phase errors");
        command.Arguments.Add(handler._file);
        foreach (Option option in (Option[])[handler._mesh, handler._accuracy, handler._phaseError, handler._seed, handler._out, handler._threads, handler._json])
        {
            command.Options.Add(option);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        CommonOptions.ApplyThreads(p.GetValue(_threads));
        string path = p.GetValue(_file)!;
        MeshKind kind = p.GetValue(_mesh) == "reck" ? MeshKind.Reck : MeshKind.Clements;
        double sigma = p.GetValue(_phaseError);
        CommonOptions.Require(sigma >= 0 && double.IsFinite(sigma), "--phase-error", sigma, "must be a finite number of radians at least 0");
        bool score = p.GetValue(_accuracy) || CommonOptions.IsGiven(p, _phaseError);
        ulong seed = p.GetValue(_seed);
        string? outPath = p.GetValue(_out);
        if (outPath is not null && string.IsNullOrWhiteSpace(outPath))
        {
            throw new UsageException("--out is empty; give a file name for the phases");
        }
        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: no such model file");
        }
        SavedModel saved = ModelFile.Load(path);
        return saved.Model switch
        {
            Model<float> f => Run(f, saved, path, kind, score, sigma, seed, outPath, p.GetValue(_json)),
            Model<double> d => Run(d, saved, path, kind, score, sigma, seed, outPath, p.GetValue(_json)),
            _ => throw new UsageException($"{path}: a model of precision {saved.Model.Precision} cannot be mapped"),
        };
    }

    private int Run<T>(Model<T> model, SavedModel saved, string path, MeshKind kind, bool score, double sigma, ulong seed, string? outPath, bool json)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string file = Path.GetFileName(path);
        if (PhotonicMapping.DenseLayers(model).Count == 0)
        {
            throw new UsageException($"{file}: model '{model.Spec.Name}' has no dense layer to map");
        }
        IReadOnlyList<MappedLayer> layers = PhotonicMapping.MapAll(model, kind);
        string meshName = kind == MeshKind.Reck ? "reck" : "clements";

        double electronic = double.NaN, ideal = double.NaN, onChip = double.NaN;
        string split = "";
        double[] chipError = [.. layers.Select(_ => double.NaN)];
        if (score)
        {
            Model<T> photonic;
            try
            {
                photonic = PhotonicMapping.ToPhotonic(model, kind, out _);
            }
            catch (ModelSpecException e)
            {
                throw new UsageException($"{file}: cannot build the photonic twin to score it: {e.Message}", e);
            }
            Dataset test = TestSplit(saved, path, out split);
            electronic = Evaluator.Evaluate(model, test, 256, saved.Metadata.Seed).Accuracy;
            ideal = Evaluator.Evaluate(photonic, test, 256, saved.Metadata.Seed).Accuracy;
            PhotonicChip.SetDefects(photonic, new MeshDefects(PhaseErrorStdRadians: sigma, Seed: seed));
            onChip = Evaluator.Evaluate(photonic, test, 256, saved.Metadata.Seed).Accuracy;
            for (int i = 0; i < layers.Count; i++)
            {
                var layer = (PhotonicDense<T>)photonic.NodeModules[photonic.Spec.Nodes.ToList().FindIndex(n => n.Name == layers[i].Node)];
                Complex[] w = PhotonicMapping.Matrix(PhotonicMapping.DenseLayers(model)[i].Layer, out _, out _);
                chipError[i] = UnitaryMatrix.FrobeniusDistance(w, layer.RealisedMatrix());
            }
        }

        if (outPath is not null)
        {
            AtomicFile.WriteAllText(outPath, ReportJson.ToText(PhasesJson(model.Spec.Name, meshName, layers)));
        }

        if (json)
        {
            var layerArray = new JsonArray();
            for (int i = 0; i < layers.Count; i++)
            {
                MappedLayer l = layers[i];
                layerArray.Add(new JsonObject
                {
                    ["node"] = l.Node,
                    ["rows"] = l.Outputs,
                    ["columns"] = l.Inputs,
                    ["modes"] = l.Modes,
                    ["mzis"] = l.Mzis,
                    ["scale"] = l.Matrix.Scale,
                    ["reconstructionError"] = l.ReconstructionError,
                    ["chipError"] = ReportJson.Number(chipError[i]),
                });
            }
            var root = new JsonObject
            {
                ["command"] = "photonic map",
                ["modelFile"] = Path.GetFullPath(path),
                ["model"] = model.Spec.Name,
                ["mesh"] = meshName,
                ["layers"] = layerArray,
            };
            if (score)
            {
                root["accuracy"] = new JsonObject
                {
                    ["split"] = split,
                    ["electronic"] = electronic,
                    ["mappedIdeal"] = ideal,
                    ["phaseError"] = sigma,
                    ["seed"] = seed,
                    ["mappedOnChip"] = onChip,
                };
            }
            if (outPath is not null)
            {
                root["phasesFile"] = Path.GetFullPath(outPath);
            }
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }

        IAnsiConsole console = _context.Console;
        var c = CultureInfo.InvariantCulture;
        Cells.Field(console, "model", $"{Path.GetFullPath(path)}: {model.Spec.Name}, dense layers on {meshName} meshes (W = s·U·Σ′·V†, coherent detection)");
        Table table = score
            ? Cells.NewTable("node", "shape", "N", "MZIs", "scale s", "‖W − W_hw‖_F", "‖W − W_chip‖_F").RightAlign(1, 2, 3, 4, 5, 6)
            : Cells.NewTable("node", "shape", "N", "MZIs", "scale s", "‖W − W_hw‖_F").RightAlign(1, 2, 3, 4, 5);
        for (int i = 0; i < layers.Count; i++)
        {
            MappedLayer l = layers[i];
            var cells = new List<IRenderable>
            {
                Cells.Text(l.Node), Cells.Number($"{l.Outputs}×{l.Inputs}"), Cells.Number(l.Modes.ToString(c)), Cells.Number(l.Mzis.ToString(c)),
                Cells.Number(l.Matrix.Scale.ToString("F4", c)), Cells.Number(l.ReconstructionError.ToString("E2", c)),
            };
            if (score)
            {
                cells.Add(Cells.Number(chipError[i].ToString("E2", c)));
            }
            table.AddRow(cells);
        }
        console.Write(table);
        if (score)
        {
            Cells.Field(console, "test split", split);
            Cells.Field(console, "accuracy", string.Create(c,
                $"electronic {electronic:P2}; mapped, ideal meshes {ideal:P2}; mapped, chip with σ_φ = {sigma} rad (seed {seed}) {onChip:P2}"));
        }
        if (outPath is not null)
        {
            Cells.Field(console, "phases", Path.GetFullPath(outPath));
        }
        return ExitCodes.Success;
    }

    /// <summary>The held-out test split, rebuilt as <c>triad eval</c> does.</summary>
    internal static Dataset TestSplit(SavedModel saved, string path, out string split)
    {
        string file = $"'{Path.GetFileName(path)}'";
        string trainedOn = saved.Metadata.DataSource.Length > 0 ? saved.Metadata.DataSource : saved.Metadata.DataSet;
        DataSource data = DataSource.ForEvaluation(null, trainedOn, file);
        int? classCount = saved.Model.OutputShape is [int outputs] ? outputs : null;
        if (data.LoadOfficialTest() is { } official)
        {
            split = $"official test set ({official.Count} samples)";
            return official;
        }
        double fraction = saved.Metadata.TestFraction ?? DefaultTestFraction;
        if (fraction <= 0)
        {
            throw new UsageException($"the run that made {file} held out no test samples to score");
        }
        Dataset test = data.Load(classCount, saved.Metadata.ClassNames).StratifiedSplit(fraction, saved.Metadata.Seed).Test;
        split = DataSource.HeldOutDescription(fraction, saved.Metadata.Seed, test.Count);
        return test;
    }

    private static JsonObject PhasesJson(string model, string mesh, IReadOnlyList<MappedLayer> layers)
    {
        static JsonObject Mesh(MziMesh m)
        {
            var mzis = new JsonArray();
            for (int k = 0; k < m.Layout.Count; k++)
            {
                mzis.Add(new JsonObject { ["top"] = m.Layout.Top(k), ["theta"] = m.Phases.Theta[k], ["phi"] = m.Phases.Phi[k] });
            }
            return new JsonObject
            {
                ["mzis"] = mzis,
                ["outputPhases"] = new JsonArray([.. m.Phases.Alpha.Select(a => (JsonNode?)JsonValue.Create(a))]),
            };
        }
        var array = new JsonArray();
        foreach (MappedLayer l in layers)
        {
            array.Add(new JsonObject
            {
                ["node"] = l.Node,
                ["rows"] = l.Outputs,
                ["columns"] = l.Inputs,
                ["modes"] = l.Modes,
                ["scale"] = l.Matrix.Scale,
                ["attenuation"] = new JsonArray([.. l.Matrix.Attenuation.ToArray().Select(a => (JsonNode?)JsonValue.Create(a))]),
                ["inputMesh"] = Mesh(l.Matrix.InputMesh),
                ["outputMesh"] = Mesh(l.Matrix.OutputMesh),
            });
        }
        return new JsonObject
        {
            ["model"] = model,
            ["mesh"] = mesh,
            ["convention"] = "y = scale·Re(U·diag(attenuation)·V†·x) on modes 0..rows−1, plus the dense layer's bias (electronic, kept in the model file); V† = inputMesh (met first), U = outputMesh; each mesh U = diag(e^{iα})·T_K⋯T_1 with T(θ, φ) = B·P(θ)·B·P(φ), MZIs in the order light meets them",
            ["layers"] = array,
        };
    }
}
