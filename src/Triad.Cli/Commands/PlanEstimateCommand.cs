using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Hardware;
using Triad.Hardware.Catalog;
using Triad.Hardware.Estimation;
using Triad.Hardware.Models;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad plan estimate</c>: FLOPs, wall-clock days, device-hours, energy and emissions of a training run
/// (<see cref="TrainingRunEstimator"/>), with every assumption printed.
/// </summary>
internal sealed class PlanEstimateCommand
{
    private readonly CliContext _context;

    private readonly Option<double?> _params = new("--params") { Description = "trained parameters N (e.g. 405e9); or give --model" };

    private readonly Option<string?> _model = new("--model") { Description = "a catalogued model (data/models): its parameter count, and its training tokens unless --tokens is given" };

    private readonly Option<double?> _tokens = new("--tokens") { Description = "training tokens D (e.g. 15.6e12)" };

    private readonly Option<string> _device = new("--device") { Description = "catalog id of the accelerator (see 'triad plan devices')", Required = true };

    private readonly Option<int> _count = new("--count") { Description = "devices in parallel", DefaultValueFactory = _ => 1 };

    private readonly Option<double> _mfu = new("--mfu") { Description = "model FLOPs utilisation in (0, 1]", Required = true };

    private readonly Option<double> _pue = new("--pue") { Description = "power usage effectiveness (1: device power only)", DefaultValueFactory = _ => 1.0 };

    private readonly Option<double?> _carbon = new("--carbon-intensity") { Description = "grid carbon intensity, kg CO2e per kWh (none: emissions not computed)" };

    private readonly Option<string> _precision = new("--precision") { Description = "precision of the peak rate (fp64, fp32, tf32, bf16, fp16, fp8, int8)", DefaultValueFactory = _ => "bf16" };

    private readonly Option<double?> _flops = new("--flops") { Description = "total training FLOPs when known to be more than 6·N·D (default: 6·N·D)" };

    private readonly Option<double?> _power = new("--power") { Description = "power per device, W (default: the catalog's TDP)" };

    private readonly Option<string?> _catalog = PlanOptions.Catalog();

    private readonly Option<bool> _json = CommonOptions.Json();

    private PlanEstimateCommand(CliContext context) => _context = context;

    /// <summary>The <c>estimate</c> subcommand of <c>plan</c>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new PlanEstimateCommand(context);
        var command = new Command("estimate", "time, device-hours, energy and CO2e of a training run from 6·N·D and an MFU");
        foreach (Option option in (Option[])[handler._params, handler._model, handler._tokens, handler._device, handler._count, handler._mfu,
                     handler._pue, handler._carbon, handler._precision, handler._flops, handler._power, handler._catalog, handler._json])
        {
            command.Options.Add(option);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        double? parameters = p.GetValue(_params), tokens = p.GetValue(_tokens);
        string? modelId = p.GetValue(_model);
        double mfu = p.GetValue(_mfu);
        CommonOptions.Require(mfu > 0 && mfu <= 1, "--mfu", mfu, "must lie in (0, 1]");
        string precisionText = p.GetValue(_precision)!;
        if (!PrecisionNames.TryParse(precisionText, out Precision precision))
        {
            throw new UsageException($"--precision '{precisionText}': give one of {string.Join(", ", PrecisionNames.All.Select(x => x.Name))}");
        }
        TransformerConfig? model = null;
        if (modelId is not null)
        {
            if (parameters is not null)
            {
                throw new UsageException("--params and --model: give one of them, not both");
            }
            model = ModelCatalog.BuiltIn.Get(modelId);
            parameters = model.ParameterCount;
            tokens ??= model.TrainingTokens?.Value
                ?? throw new UsageException($"--model '{modelId}' has no published training tokens; give --tokens");
        }
        if (parameters is null)
        {
            throw new UsageException("--params or --model is required");
        }
        if (tokens is null)
        {
            throw new UsageException("--tokens is required with --params");
        }
        var inputs = new TrainingRunInputs(parameters.Value, tokens.Value, p.GetValue(_device)!, p.GetValue(_count), mfu, precision,
            p.GetValue(_pue), p.GetValue(_carbon), Flops: p.GetValue(_flops), PowerWatts: p.GetValue(_power));
        TrainingRunEstimate e = TrainingRunEstimator.Estimate(inputs, PlanOptions.Load(p.GetValue(_catalog)));
        List<string> assumptions = [.. e.Assumptions];
        if (model is not null)
        {
            assumptions.Insert(0, $"model {model.Id}: N = {Format.Count(model.ParameterCount)} parameters counted from its configuration, " +
                $"D = {tokens.Value:G4} tokens{(p.GetValue(_tokens) is null ? $" ({model.Sources[model.TrainingTokens!.Source]})" : "")}");
        }

        if (p.GetValue(_json))
        {
            var root = new JsonObject
            {
                ["command"] = "plan estimate",
                ["model"] = modelId,
                ["parameters"] = parameters.Value,
                ["tokens"] = tokens.Value,
                ["device"] = inputs.DeviceId,
                ["count"] = inputs.DeviceCount,
                ["mfu"] = mfu,
                ["precision"] = precisionText,
                ["pue"] = inputs.Pue,
                ["carbonIntensityKgPerKwh"] = ReportJson.Number(inputs.CarbonIntensityKgPerKwh),
                ["flops"] = e.Flops,
                ["wallClockDays"] = e.WallClockDays,
                ["deviceHours"] = e.DeviceHours,
                ["powerWattsPerDevice"] = e.PowerWattsPerDevice,
                ["energyMegawattHours"] = e.EnergyMegawattHours,
                ["tonnesCo2e"] = ReportJson.Number(e.TonnesCo2e),
                ["assumptions"] = new JsonArray([.. assumptions.Select(a => (JsonNode)JsonValue.Create(a))]),
            };
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        Table table = Cells.NewTable("quantity", "value").RightAlign(1);
        table.Title($"training run on {inputs.DeviceCount} × {inputs.DeviceId}");
        table.AddRow(Cells.Text("training FLOPs"), Cells.Number(e.Flops.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)));
        table.AddRow(Cells.Text("wall-clock days"), Cells.Number(Format.Fixed(e.WallClockDays, 2)));
        table.AddRow(Cells.Text("device-hours"), Cells.Number(Format.Count((long)Math.Round(e.DeviceHours))));
        table.AddRow(Cells.Text("energy, MWh"), Cells.Number(Format.Fixed(e.EnergyMegawattHours, 1)));
        table.AddRow(Cells.Text("emissions, t CO2e"), Cells.Number(e.TonnesCo2e is { } t ? Format.Fixed(t, 1) : "not computed"));
        _context.Console.Write(table);
        _context.Console.WriteLine("assumptions:");
        foreach (string a in assumptions)
        {
            _context.Console.WriteLine("  - " + a);
        }
        return ExitCodes.Success;
    }
}
