using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Numerics.Random;
using Triad.Photonics.Meshes;
using Triad.Photonics.Wdm;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad photonic wdm [--modes 16] [--channels 1,2,4,8,16] [--spacing nm] [--isolation dB] [--coupler-dispersion per-nm] [--json]</c>:
/// K wavelengths through one mesh holding the phases of a seeded Haar-random unitary (model in <see cref="WdmChannels"/>):
/// throughput gain (K vectors per pass), channel fidelity and the detected-intensity error for each K.
/// </summary>
internal sealed class PhotonicWdmCommand
{
    private readonly CliContext _context;
    private readonly Option<int> _modes = new("--modes") { Description = "mesh size N", DefaultValueFactory = _ => 16 };
    private readonly Option<string> _channels = new("--channels") { Description = "comma-separated channel counts K", DefaultValueFactory = _ => "1,2,4,8,16" };
    private readonly Option<double> _spacing = new("--spacing") { Description = "channel spacing in nm", DefaultValueFactory = _ => 0.8 };
    private readonly Option<double> _isolation = new("--isolation") { Description = "adjacent-channel isolation in dB", DefaultValueFactory = _ => 25.0 };
    private readonly Option<double> _dispersion = new("--coupler-dispersion") { Description = "relative change of the coupling angle per nm", DefaultValueFactory = _ => 0.0 };
    private readonly Option<int> _vectors = new("--vectors") { Description = "test vectors per channel", DefaultValueFactory = _ => 16 };
    private readonly Option<ulong> _seed = new("--seed") { Description = "seed of the unitary and the test vectors", DefaultValueFactory = _ => 1UL };
    private readonly Option<bool> _json = CommonOptions.Json();

    private PhotonicWdmCommand(CliContext context) => _context = context;

    /// <summary>The <c>wdm</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var h = new PhotonicWdmCommand(context);
        var command = new Command("wdm", "throughput gain and accuracy cost of K wavelengths through one mesh");
        foreach (Option o in new Option[] { h._modes, h._channels, h._spacing, h._isolation, h._dispersion, h._vectors, h._seed, h._json })
        {
            command.Options.Add(o);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => h.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        int n = p.GetValue(_modes), vectors = p.GetValue(_vectors);
        double spacing = p.GetValue(_spacing), isolation = p.GetValue(_isolation), dispersion = p.GetValue(_dispersion);
        CommonOptions.Require(n is >= 2 and <= 256, "--modes", n, "a mesh needs 2 to 256 modes");
        CommonOptions.Require(vectors is >= 1 and <= 4096, "--vectors", vectors, "must be 1 to 4096");
        CommonOptions.Require(double.IsFinite(spacing) && spacing > 0, "--spacing", spacing, "must be a positive finite number of nm");
        CommonOptions.Require(double.IsFinite(isolation) && isolation >= 0, "--isolation", isolation, "must be a finite number of dB, at least 0");
        CommonOptions.Require(double.IsFinite(dispersion), "--coupler-dispersion", dispersion, "must be finite");
        string text = p.GetValue(_channels)!;
        var counts = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) || k is < 1 or > 256)
            {
                throw new UsageException($"--channels {text}: '{part}' is not a channel count from 1 to 256");
            }
            counts.Add(k);
        }
        ulong seed = p.GetValue(_seed);
        MeshPhases phases = MeshDecomposition.Decompose(MeshKind.Clements, UnitaryMatrix.Haar(n, new SeededRandom(seed)), n);
        var results = new List<WdmResult>();
        foreach (int k in counts)
        {
            var channels = new WdmChannels(k) { SpacingMeters = spacing * 1e-9, IsolationDb = isolation, CouplerDispersionPerNm = dispersion };
            try
            {
                results.Add(WdmMesh.Run(phases, channels, vectors, seed));
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new UsageException($"--spacing {spacing.ToString(CultureInfo.InvariantCulture)}: {e.Message.Split(" (Parameter")[0]}", e);
            }
        }
        if (p.GetValue(_json))
        {
            var rows = new JsonArray();
            foreach (WdmResult r in results)
            {
                rows.Add(new JsonObject
                {
                    ["channels"] = r.Channels,
                    ["spanNm"] = r.SpanMeters * 1e9,
                    ["throughputGain"] = r.ThroughputGain,
                    ["meanFidelity"] = r.MeanFidelity,
                    ["minFidelity"] = r.MinFidelity,
                    ["intensityError"] = r.IntensityError,
                });
            }
            var root = new JsonObject
            {
                ["modes"] = n,
                ["spacingNm"] = spacing,
                ["isolationDb"] = isolation,
                ["couplerDispersionPerNm"] = dispersion,
                ["seed"] = seed,
                ["results"] = rows,
            };
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        Cells.Field(_context.Console, "mesh", $"clements, {n} modes; channels {F(spacing)} nm apart around 1550 nm, isolation {F(isolation)} dB, coupler dispersion {F(dispersion)}/nm");
        var table = Cells.NewTable("K", "span (nm)", "vectors/pass", "mean F", "min F", "intensity error").RightAlign(0, 1, 2, 3, 4, 5);
        foreach (WdmResult r in results)
        {
            table.AddRow(Cells.Number(r.Channels.ToString(CultureInfo.InvariantCulture)), Cells.Number(F(r.SpanMeters * 1e9)),
                Cells.Number(r.ThroughputGain.ToString(CultureInfo.InvariantCulture)), Cells.Number(r.MeanFidelity.ToString("F6", CultureInfo.InvariantCulture)),
                Cells.Number(r.MinFidelity.ToString("F6", CultureInfo.InvariantCulture)), Cells.Number(r.IntensityError.ToString("0.000E+0", CultureInfo.InvariantCulture)));
        }
        _context.Console.Write(table);
        return ExitCodes.Success;
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
