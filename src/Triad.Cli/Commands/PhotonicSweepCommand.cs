using System.CommandLine;
using System.Globalization;
using System.Numerics;
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
/// <c>triad photonic sweep --param phase|coupler|loss|bits|temperature --values v1,v2,... [--modes 16] [--trials 8]
/// [--arms unbalanced|balanced] [--arm-imbalance µm] [--csv FILE] [--svg FILE] [--json]</c>: matrix fidelity |Tr(U†V)|²/(N‖V‖²) and power transmission ‖V‖²/N of a mesh
/// holding a seeded Haar-random unitary, against one defect: static phase error σ_φ (rad), coupler error σ_BS, loss
/// per MZI (dB, uniform), phase DAC bits, or a uniform temperature change ΔT (K, on the default <see cref="ThermalChip"/>;
/// <c>--arms balanced [--arm-imbalance µm]</c> switches to the balanced-arm model, see <see cref="ThermalDrift"/>).
/// Random defects are drawn afresh for each trial (seed + trial); mean and standard deviation over trials.
/// </summary>
internal sealed class PhotonicSweepCommand
{
    private readonly CliContext _context;
    private readonly Option<string> _param = new("--param") { Description = "phase, coupler, loss, bits or temperature", Required = true };
    private readonly Option<string> _values = new("--values") { Description = "comma-separated values of the swept defect", Required = true };
    private readonly Option<int> _modes = new("--modes") { Description = "mesh size N", DefaultValueFactory = _ => 16 };
    private readonly Option<int> _trials = new("--trials") { Description = "defect draws per value", DefaultValueFactory = _ => 8 };
    private readonly Option<string?> _arms = new("--arms") { Description = "temperature only: arm model, unbalanced (default) or balanced" };
    private readonly Option<double?> _armImbalance = new("--arm-imbalance") { Description = "temperature with balanced arms: upper-arm excess length ΔL in µm (default 1, an assumption)" };
    private readonly Option<ulong> _seed = new("--seed") { Description = "seed of the unitary and of the defects", DefaultValueFactory = _ => 1UL };
    private readonly Option<string?> _csv = new("--csv") { Description = "write the table to this CSV file" };
    private readonly Option<string?> _svg = new("--svg") { Description = "write the plot to this SVG file" };
    private readonly Option<bool> _json = CommonOptions.Json();

    private PhotonicSweepCommand(CliContext context)
    {
        _context = context;
        _param.AcceptOnlyFromAmong("phase", "coupler", "loss", "bits", "temperature");
        _arms.AcceptOnlyFromAmong("unbalanced", "balanced");
    }

    /// <summary>The <c>sweep</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var h = new PhotonicSweepCommand(context);
        var command = new Command("sweep", "matrix fidelity of a mesh against one defect (σ_φ, σ_BS, loss, bits or ΔT)");
        foreach (Option o in new Option[] { h._param, h._values, h._modes, h._trials, h._arms, h._armImbalance, h._seed, h._csv, h._svg, h._json })
        {
            command.Options.Add(o);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => h.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        string param = p.GetValue(_param)!, text = p.GetValue(_values)!;
        int n = p.GetValue(_modes), trials = p.GetValue(_trials);
        CommonOptions.Require(n is >= 2 and <= 256, "--modes", n, "a mesh needs 2 to 256 modes");
        CommonOptions.Require(trials is >= 1 and <= 1000, "--trials", trials, "must be 1 to 1000");
        var values = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            {
                throw new UsageException($"--values {text}: '{part}' is not a finite number");
            }
            string? rule = param switch
            {
                "bits" when v != Math.Floor(v) || v is < 1 or > 32 => "phase DAC bits must be whole numbers from 1 to 32",
                "phase" or "coupler" or "loss" when v < 0 => $"a {param} value must be at least 0",
                "coupler" when v > 1 => "a coupler error σ_BS must be at most 1",
                _ => null,
            };
            if (rule is not null)
            {
                throw new UsageException($"--values {text}: {part}: {rule}");
            }
            values.Add(v);
        }
        string? armsText = p.GetValue(_arms);
        double? imbalanceUm = p.GetValue(_armImbalance);
        if (armsText is not null && param != "temperature")
        {
            throw new UsageException($"--arms {armsText}: applies only to --param temperature");
        }
        if (imbalanceUm is { } given)
        {
            CommonOptions.Require(armsText == "balanced", "--arm-imbalance", given, "applies only with --arms balanced");
            CommonOptions.Require(double.IsFinite(given) && given > -100, "--arm-imbalance", given, "must be a finite number of µm above minus the 100 µm arm");
        }
        var chip = new ThermalChip { Arms = armsText == "balanced" ? ThermalArms.Balanced : ThermalArms.Unbalanced };
        if (imbalanceUm is { } um)
        {
            chip = chip with { ArmLengthImbalanceMeters = um * 1e-6 };
        }
        ulong seed = p.GetValue(_seed);
        MeshPhases phases = MeshDecomposition.Decompose(MeshKind.Clements, UnitaryMatrix.Haar(n, new SeededRandom(seed)), n);
        Complex[] target = new MziMesh(phases).Matrix();
        var mean = new double[values.Count];
        var std = new double[values.Count];
        var transmission = new double[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            _context.Cancellation.ThrowIfCancellationRequested();
            var f = new double[trials];
            double t = 0;
            for (int trial = 0; trial < trials; trial++)
            {
                Complex[] v = Realise(phases, param, values[i], seed + 1 + (ulong)trial, chip);
                f[trial] = ThermalDrift.Fidelity(target, v, n);
                t += v.Sum(c => (c.Real * c.Real) + (c.Imaginary * c.Imaginary)) / n;
            }
            mean[i] = f.Average();
            std[i] = Math.Sqrt(f.Average(x => (x - mean[i]) * (x - mean[i])));
            transmission[i] = t / trials;
        }
        string label = param switch
        {
            "phase" => "σ_φ (rad)",
            "coupler" => "σ_BS",
            "loss" => "loss per MZI (dB)",
            "bits" => "phase DAC bits",
            _ => "ΔT (K)",
        };
        string? csvPath = p.GetValue(_csv), svgPath = p.GetValue(_svg);
        if (csvPath is not null)
        {
            var sb = new StringBuilder($"{param},mean_fidelity,std_fidelity,transmission\n");
            for (int i = 0; i < values.Count; i++)
            {
                sb.Append(F(values[i])).Append(',').Append(F(mean[i])).Append(',').Append(F(std[i])).Append(',').Append(F(transmission[i])).Append('\n');
            }
            AtomicFile.WriteAllText(csvPath, sb.ToString());
        }
        if (svgPath is not null)
        {
            AtomicFile.WriteAllText(svgPath, SweepPlot.Svg(label, [.. values], mean, std, n));
        }
        if (p.GetValue(_json))
        {
            var rows = new JsonArray();
            for (int i = 0; i < values.Count; i++)
            {
                rows.Add(new JsonObject { ["value"] = values[i], ["meanFidelity"] = mean[i], ["stdFidelity"] = std[i], ["transmission"] = transmission[i] });
            }
            var root = new JsonObject { ["modes"] = n, ["param"] = param, ["trials"] = trials, ["seed"] = seed, ["results"] = rows };
            if (param == "temperature")
            {
                root["arms"] = chip.Arms == ThermalArms.Balanced ? "balanced" : "unbalanced";
                root["armImbalanceMeters"] = chip.Arms == ThermalArms.Balanced ? chip.ArmLengthImbalanceMeters : null;
            }
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        Cells.Field(_context.Console, "mesh", $"clements, {n} modes, a Haar-random unitary (seed {seed.ToString(CultureInfo.InvariantCulture)}); {trials} draws per value");
        if (param == "temperature")
        {
            Cells.Field(_context.Console, "chip", chip.Arms == ThermalArms.Balanced
                ? $"balanced arms, ΔL {(chip.ArmLengthImbalanceMeters * 1e6).ToString("G4", CultureInfo.InvariantCulture)} µm"
                : "unbalanced arms (every shifter sees κ·ΔT)");
        }
        var table = Cells.NewTable(label, "mean F", "s.d. F", "transmission").RightAlign(0, 1, 2, 3);
        for (int i = 0; i < values.Count; i++)
        {
            table.AddRow(Cells.Number(values[i].ToString("G4", CultureInfo.InvariantCulture)), Cells.Number(mean[i].ToString("F6", CultureInfo.InvariantCulture)),
                Cells.Number(std[i].ToString("F6", CultureInfo.InvariantCulture)), Cells.Number(transmission[i].ToString("F4", CultureInfo.InvariantCulture)));
        }
        _context.Console.Write(table);
        return ExitCodes.Success;
    }

    private static Complex[] Realise(MeshPhases phases, string param, double value, ulong seed, ThermalChip chip)
    {
        if (param == "temperature")
        {
            double[] drift = new double[ThermalDrift.Length(phases.Layout)];
            ThermalDrift.Compute(phases, chip, value, drift);
            return ThermalDrift.DriftedMatrix(phases, drift);
        }
        MeshDefects defects = param switch
        {
            "phase" => new MeshDefects(PhaseErrorStdRadians: value, Seed: seed),
            "coupler" => new MeshDefects(CouplerErrorStd: value, Seed: seed),
            "loss" => new MeshDefects(LossDbMean: value, Seed: seed),
            _ => new MeshDefects(PhaseBits: (int)value, Seed: seed),
        };
        return new MziMesh(phases, defects.Realize(phases.Layout)).Matrix();
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
