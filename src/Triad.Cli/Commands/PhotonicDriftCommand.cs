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
    private readonly Option<ulong> _seed = new("--seed") { Description = "seed of the unitary and of the random walk", DefaultValueFactory = _ => 1UL };
    private readonly Option<string?> _csv = new("--csv") { Description = "write fidelity against time per remedy to this CSV file" };
    private readonly Option<string?> _svg = new("--svg") { Description = "write the plot of fidelity against time to this SVG file" };
    private readonly Option<bool> _json = CommonOptions.Json();

    private static readonly double[] Deltas = [0, 0.25, 0.5, 1, 2, 5, 10];

    private PhotonicDriftCommand(CliContext context)
    {
        _context = context;
        _mesh.AcceptOnlyFromAmong("clements", "reck");
        _trace.AcceptOnlyFromAmong("step", "ramp", "walk");
        _arms.AcceptOnlyFromAmong("unbalanced", "balanced");
    }

    /// <summary>The <c>drift</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var h = new PhotonicDriftCommand(context);
        var command = new Command("drift", "matrix fidelity of a mesh under thermal drift, with and without each remedy, and their power");
        foreach (Option o in new Option[] { h._modes, h._mesh, h._trace, h._duration, h._dt, h._height, h._slope, h._sigma, h._gradient, h._crosstalk, h._heaterLength, h._wavelength, h._arms, h._armImbalance, h._interval, h._seed, h._csv, h._svg, h._json })
        {
            command.Options.Add(o);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => h.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        int n = p.GetValue(_modes);
        double duration = p.GetValue(_duration), dt = p.GetValue(_dt), interval = p.GetValue(_interval);
        double gradient = p.GetValue(_gradient), crosstalk = p.GetValue(_crosstalk), lengthUm = p.GetValue(_heaterLength), lambdaNm = p.GetValue(_wavelength);
        double height = p.GetValue(_height), slope = p.GetValue(_slope), sigma = p.GetValue(_sigma);
        CommonOptions.Require(n is >= 2 and <= 256, "--modes", n, "a mesh needs 2 to 256 modes");
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
        double imbalanceUm = p.GetValue(_armImbalance);
        CommonOptions.Require(double.IsFinite(imbalanceUm) && imbalanceUm > -lengthUm, "--arm-imbalance", imbalanceUm, "must be a finite number of µm above minus the heater length");
        ThermalArms arms = p.GetValue(_arms) == "balanced" ? ThermalArms.Balanced : ThermalArms.Unbalanced;
        CommonOptions.Require(arms == ThermalArms.Balanced || p.GetResult(_armImbalance) is null or { Implicit: true }, "--arm-imbalance", imbalanceUm, "applies only with --arms balanced");
        ulong seed = p.GetValue(_seed);
        string traceName = p.GetValue(_trace)!;
        MeshKind kind = p.GetValue(_mesh) == "reck" ? MeshKind.Reck : MeshKind.Clements;

        var chip = new ThermalChip { HeaterLengthMeters = lengthUm * 1e-6, WavelengthMeters = lambdaNm * 1e-9, GradientAcrossModesKelvin = gradient, CrosstalkFraction = crosstalk, Arms = arms, ArmLengthImbalanceMeters = imbalanceUm * 1e-6 };
        MeshPhases phases = MeshDecomposition.Decompose(kind, UnitaryMatrix.Haar(n, new SeededRandom(seed)), n);
        AmbientTrace trace = traceName switch
        {
            "step" => AmbientTrace.Step(duration, dt, duration / 10, height),
            "ramp" => AmbientTrace.Ramp(duration, dt, slope),
            _ => AmbientTrace.RandomWalk(duration, dt, sigma, seed),
        };
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
                    ["gradientKelvin"] = gradient,
                    ["crosstalk"] = crosstalk,
                    ["arms"] = arms == ThermalArms.Balanced ? "balanced" : "unbalanced",
                    ["armImbalanceMeters"] = arms == ThermalArms.Balanced ? chip.ArmLengthImbalanceMeters : null,
                },
                ["againstDelta"] = new JsonArray(Deltas.Select((d, i) => (JsonNode?)new JsonObject { ["deltaKelvin"] = d, ["fidelity"] = sweep[i] }).ToArray()),
                ["slopePercentPerKelvin"] = slopePercentPerKelvin,
                ["trace"] = new JsonObject
                {
                    ["kind"] = traceName,
                    ["stepSeconds"] = dt,
                    ["deltaKelvin"] = new JsonArray(trace.DeltaKelvin.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
                },
                ["remedies"] = remedyJson,
            };
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        Cells.Field(_context.Console, "chip", $"silicon, heater {F(lengthUm, "G4")} µm, λ {F(lambdaNm, "G5")} nm, dn/dT 1.8e-4 K⁻¹: {F(chip.PhasePerKelvin, "G4")} rad/K; gradient {F(gradient, "G3")} K across the modes; {(arms == ThermalArms.Balanced ? $"balanced arms, ΔL {F(imbalanceUm, "G4")} µm" : "unbalanced arms")}");
        Cells.Field(_context.Console, "mesh", $"{meshName}, {n} modes, phases of a Haar-random unitary (seed {seed.ToString(CultureInfo.InvariantCulture)})");
        var sweepTable = Cells.NewTable("ΔT (K)", "fidelity, no remedy").RightAlign(0, 1);
        for (int i = 0; i < Deltas.Length; i++)
        {
            sweepTable.AddRow(Cells.Number(F(Deltas[i], "G4")), Cells.Number(F(sweep[i], "F6")));
        }
        _context.Console.Write(sweepTable);
        Cells.Field(_context.Console, "slope", $"{F(slopePercentPerKelvin, "F3")} % fidelity per K over the first kelvin");
        Cells.Field(_context.Console, "trace", $"{traceName}, {F(duration, "G4")} s in steps of {F(dt, "G4")} s; ΔT from {F(trace.DeltaKelvin.Min(), "F3")} to {F(trace.DeltaKelvin.Max(), "F3")} K");
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
