using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Numerics.Random;
using Triad.Photonics.Energy;
using Triad.Photonics.Meshes;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad photonic energy --modes N --bits B --rate GS/s [--mesh clements|reck] [--mzi-loss dB] [--seed S] [--json]</c>:
/// pJ/MAC of an N-mode mesh by component (laser, DAC, modulator, ADC, TIA, heaters) and the latency of one vector,
/// from <see cref="EnergyModel"/> with the sourced figures of <see cref="EnergyComponents"/>. The heaters hold the
/// phases of a seeded Haar-random unitary (the static power averaged over programmed phases, not a best case).
/// The JSON carries every figure used, so Triad.Hardware can read the breakdown as data.
/// </summary>
internal sealed class PhotonicEnergyCommand
{
    private readonly CliContext _context;
    private readonly Option<int> _modes = new("--modes") { Description = "mesh size N (N×N matrix, N² MACs per vector)", Required = true };
    private readonly Option<int> _bits = new("--bits") { Description = "DAC/ADC bit width", DefaultValueFactory = _ => 8 };
    private readonly Option<double> _rate = new("--rate") { Description = "sample rate in GS/s (vectors per ns)", DefaultValueFactory = _ => 10.0 };
    private readonly Option<string> _mesh = new("--mesh") { Description = "clements (depth N) or reck (depth 2N-3)", DefaultValueFactory = _ => "clements" };
    private readonly Option<double> _mziLoss = new("--mzi-loss") { Description = "insertion loss of one MZI in dB", DefaultValueFactory = _ => EnergyComponents.Default.MziLossDb };
    private readonly Option<double> _efficiency = new("--wall-plug") { Description = "laser wall-plug efficiency in (0, 1]", DefaultValueFactory = _ => EnergyComponents.Default.LaserWallPlugEfficiency };
    private readonly Option<ulong> _seed = new("--seed") { Description = "seed of the Haar-random unitary whose phases the heaters hold", DefaultValueFactory = _ => 1UL };
    private readonly Option<bool> _json = CommonOptions.Json();

    private PhotonicEnergyCommand(CliContext context)
    {
        _context = context;
        _mesh.AcceptOnlyFromAmong("clements", "reck");
    }

    /// <summary>The <c>energy</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new PhotonicEnergyCommand(context);
        var command = new Command("energy", "energy per MAC (pJ) and latency of an MZI mesh, by component");
        foreach (Option o in new Option[] { handler._modes, handler._bits, handler._rate, handler._mesh, handler._mziLoss, handler._efficiency, handler._seed, handler._json })
        {
            command.Options.Add(o);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        int n = p.GetValue(_modes), bits = p.GetValue(_bits);
        double rateGsps = p.GetValue(_rate), mziLoss = p.GetValue(_mziLoss), eta = p.GetValue(_efficiency);
        CommonOptions.Require(n is >= 2 and <= 1024, "--modes", n, "a mesh needs 2 to 1024 modes");
        CommonOptions.Require(bits is >= 1 and <= 32, "--bits", bits, "a converter needs 1 to 32 bits");
        CommonOptions.Require(double.IsFinite(rateGsps) && rateGsps > 0, "--rate", rateGsps, "must be a positive finite number of GS/s");
        CommonOptions.Require(double.IsFinite(mziLoss) && mziLoss >= 0, "--mzi-loss", mziLoss, "an insertion loss must be a finite number of dB, at least 0");
        CommonOptions.Require(eta is > 0 and <= 1, "--wall-plug", eta, "wall-plug efficiency must lie in (0, 1]");
        MeshKind kind = p.GetValue(_mesh) == "reck" ? MeshKind.Reck : MeshKind.Clements;
        ulong seed = p.GetValue(_seed);
        MeshPhases phases = MeshDecomposition.Decompose(kind, UnitaryMatrix.Haar(n, new SeededRandom(seed)), n);
        EnergyComponents components = EnergyComponents.Default with { MziLossDb = mziLoss, LaserWallPlugEfficiency = eta };
        EnergyBreakdown e = EnergyModel.Estimate(phases, bits, rateGsps * 1e9, components);
        string meshName = kind == MeshKind.Reck ? "reck" : "clements";
        if (p.GetValue(_json))
        {
            var pj = new JsonObject();
            foreach ((string name, double value) in e.Components)
            {
                pj[name] = value;
            }
            pj["total"] = e.TotalPjPerMac;
            var root = new JsonObject
            {
                ["modes"] = n,
                ["mesh"] = meshName,
                ["bits"] = bits,
                ["rateGsps"] = rateGsps,
                ["seed"] = seed,
                ["pjPerMac"] = pj,
                ["macsPerSecond"] = e.MacsPerSecond,
                ["requiredSnrDb"] = 10 * Math.Log10(e.RequiredSnr),
                ["detectorPowerWatts"] = e.DetectorPowerWatts,
                ["pathLossDb"] = e.PathLossDb,
                ["laserOpticalWatts"] = e.LaserOpticalWatts,
                ["heaterWatts"] = e.HeaterWatts,
                ["latency"] = new JsonObject
                {
                    ["propagationSeconds"] = e.PropagationSeconds,
                    ["conversionSeconds"] = e.ConversionSeconds,
                    ["totalSeconds"] = e.LatencySeconds,
                },
                ["components"] = new JsonObject
                {
                    ["adcFomJoulesPerStep"] = components.AdcFomJoulesPerStep,
                    ["dacFomJoulesPerStep"] = components.DacFomJoulesPerStep,
                    ["modulatorJoulesPerSample"] = components.ModulatorJoulesPerSample,
                    ["tiaJoulesPerSample"] = components.TiaJoulesPerSample,
                    ["laserWallPlugEfficiency"] = components.LaserWallPlugEfficiency,
                    ["responsivityAmpsPerWatt"] = components.Detector.ResponsivityAmpsPerWatt,
                    ["darkCurrentAmps"] = components.Detector.DarkCurrentAmps,
                    ["tiaNoiseAmpsPerRootHertz"] = components.Detector.TiaNoiseAmpsPerRootHertz,
                    ["heaterPiPowerWatts"] = components.Heater.PiPowerMilliwatts * 1e-3,
                    ["mziLossDb"] = components.MziLossDb,
                    ["extraLossDb"] = components.ExtraLossDb,
                    ["groupIndex"] = components.GroupIndex,
                    ["mziLengthMeters"] = components.MziLengthMeters,
                },
            };
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        Cells.Field(_context.Console, "mesh", $"{meshName}, {Str(n)} modes, {Str(phases.Layout.ColumnCount)} columns, {Str(bits)} bits at {F(rateGsps, "G4")} GS/s");
        var table = Cells.NewTable("component", "pJ/MAC", "share").RightAlign(1, 2);
        foreach ((string name, double value) in e.Components)
        {
            table.AddRow(Cells.Text(name), Cells.Number(F(value, "G4")), Cells.Number(F(100 * value / e.TotalPjPerMac, "F1") + " %"));
        }
        table.AddRow(Cells.Text("total"), Cells.Number(F(e.TotalPjPerMac, "G4")), Cells.Number("100.0 %"));
        _context.Console.Write(table);
        Cells.Field(_context.Console, "laser", $"SNR {F(10 * Math.Log10(e.RequiredSnr), "F2")} dB needs {F(e.DetectorPowerWatts * 1e3, "G4")} mW per detector; path loss {F(e.PathLossDb, "G4")} dB; laser {F(e.LaserOpticalWatts, "G4")} W optical");
        Cells.Field(_context.Console, "heaters", $"{F(e.HeaterWatts, "G4")} W static for the phases of a Haar-random unitary (seed {Str(seed)})");
        Cells.Field(_context.Console, "latency", $"{F(e.LatencySeconds * 1e12, "G4")} ps = {F(e.PropagationSeconds * 1e12, "G4")} ps through the mesh + {F(e.ConversionSeconds * 1e12, "G4")} ps DAC and ADC");
        Cells.Field(_context.Console, "throughput", $"{F(e.MacsPerSecond / 1e12, "G4")} TMAC/s");
        return ExitCodes.Success;
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    private static string Str(long i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Str(ulong i) => i.ToString(CultureInfo.InvariantCulture);
}
