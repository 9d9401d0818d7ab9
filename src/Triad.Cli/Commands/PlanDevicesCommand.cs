using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Hardware.Catalog;

namespace Triad.Cli.Commands;

/// <summary><c>triad plan devices [ID]</c>: the device catalog (data/devices), as a list or one device with every figure's source.</summary>
internal sealed class PlanDevicesCommand
{
    private readonly CliContext _context;

    private readonly Argument<string?> _id = new("id") { Description = "a device id to show in full (none: list them all)", Arity = ArgumentArity.ZeroOrOne };

    private readonly Option<string?> _catalog = PlanOptions.Catalog();

    private readonly Option<bool> _json = CommonOptions.Json();

    private PlanDevicesCommand(CliContext context) => _context = context;

    /// <summary>The <c>devices</c> subcommand of <c>plan</c>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new PlanDevicesCommand(context);
        var command = new Command("devices", "list the device catalog, or show one device with the source of every figure");
        command.Arguments.Add(handler._id);
        command.Options.Add(handler._catalog);
        command.Options.Add(handler._json);
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        DeviceCatalog catalog = PlanOptions.Load(p.GetValue(_catalog));
        string? id = p.GetValue(_id);
        bool json = p.GetValue(_json);
        if (id is null)
        {
            if (json)
            {
                var array = new JsonArray();
                foreach (DeviceProfile d in catalog.Devices)
                {
                    array.Add(new JsonObject { ["id"] = d.Id, ["kind"] = Kind(d.Kind), ["name"] = d.Name, ["claims"] = d.Claims.Count });
                }
                _context.Stdout.Write(ReportJson.ToText(new JsonObject { ["command"] = "plan devices", ["devices"] = array }));
                return ExitCodes.Success;
            }
            Table table = Cells.NewTable("id", "kind", "name", "figures", "claims").RightAlign(3, 4);
            foreach (DeviceProfile d in catalog.Devices)
            {
                table.AddRow(Cells.Text(d.Id), Cells.Text(Kind(d.Kind)), Cells.Text(d.Name),
                    Cells.Number(d.Figures.Count.ToString(CultureInfo.InvariantCulture)), Cells.Number(d.Claims.Count.ToString(CultureInfo.InvariantCulture)));
            }
            _context.Console.Write(table);
            return ExitCodes.Success;
        }
        DeviceProfile device = catalog.Get(id);
        if (json)
        {
            var figures = new JsonArray();
            foreach ((string field, SourcedValue v) in device.Figures)
            {
                figures.Add(new JsonObject { ["field"] = field, ["value"] = v.Value, ["source"] = v.Source, ["note"] = v.Note });
            }
            var sources = new JsonObject();
            foreach ((string key, string text) in device.Sources)
            {
                sources[key] = text;
            }
            var claims = new JsonArray();
            foreach (DeviceClaim c in device.Claims)
            {
                claims.Add(new JsonObject { ["text"] = c.Text, ["value"] = ReportJson.Number(c.Value), ["unit"] = c.Unit, ["source"] = c.Source, ["status"] = c.Status });
            }
            _context.Stdout.Write(ReportJson.ToText(new JsonObject
            {
                ["command"] = "plan devices",
                ["id"] = device.Id,
                ["kind"] = Kind(device.Kind),
                ["name"] = device.Name,
                ["connectivity"] = (device as QuantumProfile)?.Connectivity,
                ["figures"] = figures,
                ["sources"] = sources,
                ["claims"] = claims,
            }));
            return ExitCodes.Success;
        }
        Table figuresTable = Cells.NewTable("field", "value", "source", "note").RightAlign(1);
        figuresTable.Title($"{device.Id}: {device.Name} ({Kind(device.Kind)})");
        foreach ((string field, SourcedValue v) in device.Figures)
        {
            figuresTable.AddRow(Cells.Text(field), Cells.Number(v.Value.ToString("G6", CultureInfo.InvariantCulture)), Cells.Text(v.Source), Cells.Text(v.Note ?? ""));
        }
        _context.Console.Write(figuresTable);
        if (device is QuantumProfile q)
        {
            Cells.Field(_context.Console, "connectivity", q.Connectivity);
        }
        _context.Console.WriteLine("sources:");
        foreach ((string key, string text) in device.Sources)
        {
            _context.Console.WriteLine($"  {key}: {text}");
        }
        foreach (DeviceClaim c in device.Claims)
        {
            _context.Console.WriteLine($"claim ({c.Status}, {c.Source}): {c.Text}");
        }
        return ExitCodes.Success;
    }

    private static string Kind(DeviceKind kind) => kind.ToString().ToLowerInvariant();
}
