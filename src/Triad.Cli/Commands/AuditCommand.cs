using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Audit;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Hardware.Audit;
using Triad.Hardware.Catalog;
using Triad.Hardware.Models;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad audit</c>: every claim A1–A30 of the article (claims/article.json) recomputed with Triad's models
/// (<see cref="ClaimAuditor"/>): claim, computed value, ratio, verdict and the assumptions behind each. Claims checked by
/// simulation run on the engines through <see cref="EngineEvidence"/> (training models takes about a minute on two
/// cores; <c>--quick</c> shrinks those runs, and says so in their assumptions). A progress line is drawn on stderr
/// when it is a terminal.
/// </summary>
internal sealed class AuditCommand
{
    private readonly CliContext _context;

    private readonly Option<string?> _claims = new("--claims") { Description = "claims file of the same schema (default: the built-in claims/article.json)" };

    private readonly Option<bool> _quick = new("--quick") { Description = "shrink the simulations (fewer epochs, draws, samples and steps; stated in their assumptions), for tests and a fast look" };

    private readonly Option<bool> _json = CommonOptions.Json();

    private AuditCommand(CliContext context) => _context = context;

    /// <summary>The <c>audit</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new AuditCommand(context);
        var command = new Command("audit", "recompute every claim of the article with Triad's models: computed value, ratio, verdict, assumptions");
        command.Options.Add(handler._claims);
        command.Options.Add(handler._quick);
        command.Options.Add(handler._json);
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        string? path = p.GetValue(_claims);
        string text = path is null ? ClaimAuditor.BuiltInClaimsJson : ReadClaims(path);
        string fileName = path is null ? "article.json" : Path.GetFileName(path);
        bool progress = _context.Interactive && !Console.IsErrorRedirected && !p.GetValue(_json);
        int total = ClaimAuditor.CountSimulations(text), started = 0;
        void Starting(string simulation)
        {
            if (progress)
            {
                started++;
                const int width = 20;
                int filled = Math.Min(width, (started - 1) * width / Math.Max(total, started));
                _context.Stderr.Write($"\r[{new string('#', filled)}{new string(' ', width - filled)}] simulation {started}/{Math.Max(total, started)}: {simulation}\u001b[K");
            }
        }
        var evidence = new EngineEvidence(p.GetValue(_quick), Starting, _context.Cancellation);
        IReadOnlyList<AuditRow> rows;
        try
        {
            rows = ClaimAuditor.Audit(text, fileName, DeviceCatalog.BuiltIn, ModelCatalog.BuiltIn, evidence);
        }
        finally
        {
            if (progress && started > 0)
            {
                _context.Stderr.Write("\r\u001b[K");
            }
        }
        if (p.GetValue(_json))
        {
            var array = new JsonArray();
            foreach (AuditRow r in rows)
            {
                array.Add(new JsonObject
                {
                    ["claim"] = r.ClaimId,
                    ["text"] = r.Text,
                    ["quantity"] = r.Quantity,
                    ["unit"] = r.Unit,
                    ["claimed"] = ReportJson.Number(r.Claimed),
                    ["computed"] = ReportJson.Number(r.Computed),
                    ["ratio"] = ReportJson.Number(r.Ratio),
                    ["verdict"] = r.Verdict,
                    ["assumptions"] = new JsonArray([.. r.Assumptions.Select(a => (JsonNode)JsonValue.Create(a))]),
                });
            }
            _context.Stdout.Write(ReportJson.ToText(new JsonObject { ["command"] = "audit", ["rows"] = array }));
            return ExitCodes.Success;
        }
        Table table = Cells.NewTable("claim", "quantity", "claimed", "computed", "claimed / computed", "verdict").RightAlign(2, 3, 4);
        table.Title("the article's claims, recomputed");
        foreach (AuditRow r in rows)
        {
            table.AddRow(Cells.Text(r.ClaimId), Cells.Text(r.Quantity.Length == 0 ? r.Text : $"{r.Quantity} ({r.Unit})"),
                Cells.Number(G(r.Claimed)), Cells.Number(G(r.Computed)), Cells.Number(G(r.Ratio)), Cells.Text(r.Verdict));
        }
        _context.Console.Write(table);
        _context.Console.WriteLine("assumptions:");
        foreach (IGrouping<string, AuditRow> claim in rows.GroupBy(r => r.ClaimId))
        {
            string[] lines = [.. claim.SelectMany(r => r.Assumptions).Distinct()];
            foreach (string line in lines)
            {
                _context.Console.WriteLine($"  {claim.Key}: {line}");
            }
        }
        return ExitCodes.Success;
    }

    private static string ReadClaims(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--claims '{path}': cannot read it ({e.Message})");
        }
    }

    private static string G(double? x) => x is { } v ? v.ToString("G3", CultureInfo.InvariantCulture) : "";
}
