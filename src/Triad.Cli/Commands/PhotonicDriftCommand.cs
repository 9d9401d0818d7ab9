using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Learning.Serialization;
using Triad.Numerics.Random;
using Triad.Photonics.Meshes;
using Triad.Photonics.Thermal;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad photonic drift</c>: a mesh holding the phases of a seeded Haar-random unitary on a silicon chip
/// (heater length, λ, dn/dT 1.8e-4 K⁻¹; see <see cref="ThermalChip"/>) under an ambient trace (step, ramp or seeded
/// random walk) plus a gradient across the chip, with unbalanced (default) or balanced arms (<c>--arms</c>,
/// <c>--arm-imbalance</c>; see <see cref="ThermalDrift"/>). Prints the fidelity against a uniform ΔT with no remedy (and its
/// slope over the first kelvin in % per K), and over the trace the mean and lowest fidelity, mean power and downtime
/// of each remedy: none, monitor-MZI offset correction, periodic recalibration, PID heater control, cooled (TEC).
/// <c>--csv</c> writes fidelity against time per remedy, <c>--svg</c> plots it, <c>--json</c> prints everything.
/// </summary>
internal sealed class PhotonicDriftCommand
{
    private readonly CliContext _context;
    private readonly Option<int> _modes = new("--modes") { Description = "mesh size N", DefaultValueFactory = _ => 16 };
    private readonly Option<string> _mesh = new("--mesh") { Description = "clements or reck", DefaultValueFactory = _ => "clements" };
    private readonly ThermalOptions _thermal = new();
    private readonly Option<ulong> _seed = new("--seed") { Description = "seed of the unitary and of the random walk", DefaultValueFactory = _ => 1UL };
    private readonly Option<string?> _csv = new("--csv") { Description = "write fidelity against time per remedy to this CSV file" };
    private readonly Option<string?> _svg = new("--svg") { Description = "write the plot of fidelity against time to this SVG file" };
    private readonly Option<bool> _json = CommonOptions.Json();

    private static readonly double[] Deltas = [0, 0.25, 0.5, 1, 2, 5, 10];

    private PhotonicDriftCommand(CliContext context)
    {
        _context = context;
        _mesh.AcceptOnlyFromAmong("clements", "reck");
    }

    /// <summary>The <c>drift</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var h = new PhotonicDriftCommand(context);
        var command = new Command("drift", "matrix fidelity of a mesh under thermal drift, with and without each remedy, and their power");
        foreach (Option o in (Option[])[h._modes, h._mesh, .. h._thermal.All, h._seed, h._csv, h._svg, h._json])
        {
            command.Options.Add(o);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => h.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        int n = p.GetValue(_modes);
        CommonOptions.Require(n is >= 2 and <= 256, "--modes", n, "a mesh needs 2 to 256 modes");
        ulong seed = p.GetValue(_seed);
        (ThermalChip chip, AmbientTrace trace, string traceName, double interval) = _thermal.Read(p, seed);
        MeshKind kind = p.GetValue(_mesh) == "reck" ? MeshKind.Reck : MeshKind.Clements;
        MeshPhases phases = MeshDecomposition.Decompose(kind, UnitaryMatrix.Haar(n, new SeededRandom(seed)), n);
        double[] sweep = DriftSimulation.FidelityAgainstDelta(phases, chip, Deltas);
        double slopePercentPerKelvin = 100 * (sweep[3] - sweep[0]); // ΔT from 0 to 1 K
        ThermalRemedy[] remedies =
        [
            new NoRemedy(),
            new MonitorOffsetCorrection(interval),
            new PeriodicRecalibration(interval, calibrationSeconds: Math.Min(interval, 0.1)),
            new PidHeaterControl(),
            new CooledOperation(),
        ];
        var runs = new List<DriftRun>(remedies.Length);
        foreach (ThermalRemedy remedy in remedies)
        {
            _context.Cancellation.ThrowIfCancellationRequested();
            runs.Add(DriftSimulation.Run(phases, chip, trace, remedy));
        }

        string? csvPath = p.GetValue(_csv), svgPath = p.GetValue(_svg);
        if (csvPath is not null)
        {
            AtomicFile.WriteAllText(csvPath, Csv(trace, runs));
        }
        if (svgPath is not null)
        {
            AtomicFile.WriteAllText(svgPath, DriftPlot.Svg(trace, runs, n));
        }
        string meshName = kind == MeshKind.Reck ? "reck" : "clements";
        if (p.GetValue(_json))
        {
            var remedyJson = new JsonArray();
            foreach (DriftRun r in runs)
            {
                remedyJson.Add(new JsonObject
                {
                    ["remedy"] = r.Remedy,
                    ["meanFidelity"] = r.MeanFidelity,
                    ["minFidelity"] = r.MinFidelity,
                    ["meanPowerWatts"] = r.MeanPowerWatts,
                    ["downtime"] = r.Downtime,
                    ["fidelity"] = new JsonArray(r.Fidelity.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
                });
            }
            var root = new JsonObject
            {
                ["modes"] = n,
                ["mesh"] = meshName,
                ["seed"] = seed,
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
                ["againstDelta"] = new JsonArray(Deltas.Select((d, i) => (JsonNode?)new JsonObject { ["deltaKelvin"] = d, ["fidelity"] = sweep[i] }).ToArray()),
                ["slopePercentPerKelvin"] = slopePercentPerKelvin,
                ["trace"] = new JsonObject
                {
                    ["kind"] = traceName,
                    ["stepSeconds"] = trace.StepSeconds,
                    ["deltaKelvin"] = new JsonArray(trace.DeltaKelvin.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
                },
                ["remedies"] = remedyJson,
            };
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        Cells.Field(_context.Console, "chip", ThermalOptions.Describe(chip));
        Cells.Field(_context.Console, "mesh", $"{meshName}, {n} modes, phases of a Haar-random unitary (seed {seed.ToString(CultureInfo.InvariantCulture)})");
        var sweepTable = Cells.NewTable("ΔT (K)", "fidelity, no remedy").RightAlign(0, 1);
        for (int i = 0; i < Deltas.Length; i++)
        {
            sweepTable.AddRow(Cells.Number(F(Deltas[i], "G4")), Cells.Number(F(sweep[i], "F6")));
        }
        _context.Console.Write(sweepTable);
        Cells.Field(_context.Console, "slope", $"{F(slopePercentPerKelvin, "F3")} % fidelity per K over the first kelvin");
        Cells.Field(_context.Console, "trace", $"{traceName}, {F(trace.StepSeconds * (trace.Count - 1), "G4")} s in steps of {F(trace.StepSeconds, "G4")} s; ΔT from {F(trace.DeltaKelvin.Min(), "F3")} to {F(trace.DeltaKelvin.Max(), "F3")} K");
        var table = Cells.NewTable("remedy", "mean F", "min F", "power (W)", "downtime").RightAlign(1, 2, 3, 4);
        foreach (DriftRun r in runs)
        {
            table.AddRow(Cells.Text(r.Remedy), Cells.Number(F(r.MeanFidelity, "F6")), Cells.Number(F(r.MinFidelity, "F6")),
                Cells.Number(F(r.MeanPowerWatts, "G4")), Cells.Number(F(100 * r.Downtime, "F2") + " %"));
        }
        _context.Console.Write(table);
        return ExitCodes.Success;
    }

    private static string Csv(AmbientTrace trace, List<DriftRun> runs)
    {
        var sb = new StringBuilder("time_s,ambient_k");
        foreach (DriftRun r in runs)
        {
            sb.Append(",fidelity_").Append(r.Remedy);
        }
        sb.Append('\n');
        for (int k = 0; k < trace.Count; k++)
        {
            sb.Append(F(trace.Time(k), "R")).Append(',').Append(F(trace.DeltaKelvin[k], "R"));
            foreach (DriftRun r in runs)
            {
                sb.Append(',').Append(F(r.Fidelity[k], "R"));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
