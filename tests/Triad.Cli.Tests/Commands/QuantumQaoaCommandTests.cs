using System.Text.Json;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

/// <summary><c>triad quantum qaoa</c>: QAOA against exact search and annealing on the same instance; one-line errors.</summary>
public sealed class QuantumQaoaCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Qaoa_Ring_OneLayer_ThreeQuartersOfTheCut()
    {
        CliResult r = TriadCli.Run("quantum", "qaoa", "--maxcut", "0-1,1-2,2-3,3-4,4-5,5-0", "--layers", "1", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal(-6, root.GetProperty("exact").GetProperty("cost").GetDouble());
        Assert.Equal(2, root.GetProperty("exact").GetProperty("optimal_assignments").GetInt32());
        Assert.Equal(-6, root.GetProperty("simulated_annealing").GetProperty("cost").GetDouble());
        // Farhi et al. (arXiv:1411.4028): p = 1 on a ring reaches ⟨cut⟩ = 3/4 of the maximum.
        Assert.Equal(0.75, root.GetProperty("qaoa").GetProperty("cut_ratio").GetDouble(), 4);
        Assert.Equal(-6, root.GetProperty("qaoa").GetProperty("best_sampled").GetProperty("cost").GetDouble());
    }

    [Fact]
    public void Qaoa_QuboFile_AgreesWithExactSearch()
    {
        // min x0 + x1 − 3·x0x1 (split over Q01 and Q10) + 0.5: the optimum is x = 11 with cost −0.5.
        string file = _folder.Write("q.json", """{"q": [[1, -1.5], [-1.5, 1]], "offset": 0.5}""");
        CliResult r = TriadCli.Run("quantum", "qaoa", "--qubo", file, "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal("11", doc.RootElement.GetProperty("exact").GetProperty("bits").GetString());
        Assert.Equal(-0.5, doc.RootElement.GetProperty("exact").GetProperty("cost").GetDouble(), 12);
        Assert.Equal("11", doc.RootElement.GetProperty("qaoa").GetProperty("most_likely").GetProperty("bits").GetString());
        CliResult table = TriadCli.Run("quantum", "qaoa", "--random-graph", "6", "--seed", "3");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("simulated annealing", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Qaoa_BadInput_OneLineErrors()
    {
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "qaoa"), 2, "exactly one instance");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "qaoa", "--maxcut", "0-1,1-1"), 2, "--maxcut", "'1-1'");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "qaoa", "--maxcut", "0-1:x"), 2, "--maxcut", "'0-1:x'");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "qaoa", "--maxcut", "0-1", "--layers", "0"), 2, "--layers");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "qaoa", "--random-graph", "40"), 2, "--random-graph");
        string notSquare = _folder.Write("bad.json", """{"q": [[1, 2], [3]]}""");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "qaoa", "--qubo", notSquare), 2, "bad.json", "q[1]");
        string notJson = _folder.Write("nj.json", "{q: ");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "qaoa", "--qubo", notJson), 2, "nj.json");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "qaoa", "--qubo", _folder.File("none.json")), 2, "none.json");
    }
}
