using System.Text.Json;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

public class AuditCommandTests
{
    /// <summary>One quick audit (simulations shrunk by --quick) shared by the tests that read its rows.</summary>
    private static readonly Lazy<JsonElement[]> s_quickRows = new(() =>
    {
        CliResult r = TriadCli.Run("audit", "--quick", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        return [.. JsonDocument.Parse(r.Stdout).RootElement.GetProperty("rows").EnumerateArray().Select(x => x.Clone())];
    });

    private static IEnumerable<JsonElement> Rows(string claim) => s_quickRows.Value.Where(x => x.GetProperty("claim").GetString() == claim);

    [Fact]
    public void Audit_Json_ARowForEveryClaim()
    {
        JsonElement[] rows = s_quickRows.Value;
        string[] ids = [.. rows.Select(x => x.GetProperty("claim").GetString()!).Distinct()];
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"A{i}"), ids);
        JsonElement a22 = rows.First(x => x.GetProperty("claim").GetString() == "A22");
        Assert.StartsWith("optimistic by", a22.GetProperty("verdict").GetString(), StringComparison.Ordinal);
        Assert.True(a22.GetProperty("assumptions").GetArrayLength() > 5);
    }

    [Fact]
    public void Audit_NoRowWaits_EverySimulatedClaimIsComputedWithItsAssumptions()
    {
        Assert.All(s_quickRows.Value, r =>
        {
            string verdict = r.GetProperty("verdict").GetString()!;
            Assert.DoesNotContain("waits", verdict, StringComparison.OrdinalIgnoreCase);
            Assert.False(verdict.StartsWith("not run", StringComparison.Ordinal), verdict);
        });
        foreach (string id in (string[])["A7", "A8", "A9", "A14", "A15", "A16", "A20", "A23", "A24", "A27", "A28", "A30"])
        {
            Assert.All(Rows(id), r =>
            {
                Assert.Equal(JsonValueKind.Number, r.GetProperty("computed").ValueKind);
                Assert.True(r.GetProperty("assumptions").GetArrayLength() >= 2, id);
            });
        }
        // --quick states the shrunken sizes in the assumptions.
        string[] a27 = [.. Rows("A27").First().GetProperty("assumptions").EnumerateArray().Select(a => a.GetString()!)];
        Assert.Contains(a27, a => a.Contains("3 epochs (--quick; the full audit uses 100)", StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_A27_RowsAreTheEngineFigures_AgainstTheArticlesPointsPerKelvin()
    {
        JsonElement[] rows = [.. Rows("A27")];
        Assert.Equal(2, rows.Length);
        Assert.Contains("unbalanced arms", rows[0].GetProperty("quantity").GetString(), StringComparison.Ordinal);
        Assert.Contains("balanced arms", rows[1].GetProperty("quantity").GetString(), StringComparison.Ordinal);
        JsonElement row = rows[0];
        Assert.Equal(0.7, row.GetProperty("claimed").GetDouble());
        double computed = row.GetProperty("computed").GetDouble();
        Assert.Equal(0.7 / computed, row.GetProperty("ratio").GetDouble(), 1e-12);
        Assert.StartsWith("optimistic by", row.GetProperty("verdict").GetString(), StringComparison.Ordinal);
        Assert.Equal(0.7, rows[1].GetProperty("claimed").GetDouble());
    }

    private const string SmallClaims = """
        {"source": "test", "claims": [
          {"id": "A8", "section": "s", "text": "light in ps", "kinds": ["model"], "check": {"method": "simulation", "simulation": "photonic-latency",
            "settings": {"modes": 8, "bits": 8, "rateGigasamplesPerSecond": 10, "seed": 1},
            "rows": [{"value": "latencySeconds", "atMost": 1e-9, "criterion": "under 1 ns"}]}},
          {"id": "A13", "section": "s", "text": "t", "kinds": ["record"], "check": {"method": "record"},
            "records": [{"finding": "f", "source": "s", "confirmed": true, "supports": false}]}]}
        """;

    [Fact]
    public void Audit_Text_TableAndAssumptions()
    {
        using var folder = new TempFolder();
        CliResult r = TriadCli.Run("audit", "--claims", folder.Write("small.json", SmallClaims));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("A13", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("consistent (under 1 ns:", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("assumptions:", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("A8: 8-mode Clements mesh", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void Audit_BadClaimsFile_OneLineError()
    {
        using var folder = new TempFolder();
        string path = folder.Write("claims.json", """{"source": "x", "claims": [{"id": "A1", "section": "s", "text": "t", "kinds": [], "check": {"method": "guess"}}]}""");
        TriadCli.AssertOneLineError(TriadCli.Run("audit", "--claims", path), 2, "claims.json", "unknown method 'guess'");
    }

    [Fact]
    public void Audit_SimulationMissingASetting_OneLineError()
    {
        using var folder = new TempFolder();
        string path = folder.Write("claims.json", SmallClaims.Replace("\"modes\": 8, ", "", StringComparison.Ordinal));
        TriadCli.AssertOneLineError(TriadCli.Run("audit", "--claims", path), 2, "simulation 'photonic-latency' needs a finite setting 'modes'");
    }

    [Fact]
    public void Audit_MissingClaimsFile_OneLineError()
    {
        using var folder = new TempFolder();
        TriadCli.AssertOneLineError(TriadCli.Run("audit", "--claims", Path.Combine(folder.Path, "none.json")), 2, "none.json");
    }
}
