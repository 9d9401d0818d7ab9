using System.Text.Json;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

public class AuditCommandTests
{
    [Fact]
    public void Audit_Json_ARowForEveryClaim()
    {
        CliResult r = TriadCli.Run("audit", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        JsonElement[] rows = [.. JsonDocument.Parse(r.Stdout).RootElement.GetProperty("rows").EnumerateArray()];
        string[] ids = [.. rows.Select(x => x.GetProperty("claim").GetString()!).Distinct()];
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"A{i}"), ids);
        JsonElement a22 = rows.First(x => x.GetProperty("claim").GetString() == "A22");
        Assert.StartsWith("optimistic by", a22.GetProperty("verdict").GetString(), StringComparison.Ordinal);
        Assert.True(a22.GetProperty("assumptions").GetArrayLength() > 5);
    }

    [Fact]
    public void Audit_Text_TableAndAssumptions()
    {
        CliResult r = TriadCli.Run("audit");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("A30", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("assumptions:", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_BadClaimsFile_OneLineError()
    {
        using var folder = new TempFolder();
        string path = folder.Write("claims.json", """{"source": "x", "claims": [{"id": "A1", "section": "s", "text": "t", "kinds": [], "check": {"method": "guess"}}]}""");
        TriadCli.AssertOneLineError(TriadCli.Run("audit", "--claims", path), 2, "claims.json", "unknown method 'guess'");
    }
}
