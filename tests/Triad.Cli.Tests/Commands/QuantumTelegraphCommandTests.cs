using System.Text.Json;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

/// <summary><c>triad quantum run --telegraph</c>: a Ramsey sequence against its closed form, and one-line errors.</summary>
public sealed class QuantumTelegraphCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Telegraph_Ramsey_MatchesClosedForm()
    {
        // h, four id, h: each of the first five gates is followed by rz(±δ·t) = rz(±0.1), so the phase between the
        // two h is ±0.5 and P(1) = sin²(0.25) whichever the sign (the rz after the last h changes no probability).
        string file = _folder.Write("ramsey.qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nh q[0];\nid q[0];\nid q[0];\nid q[0];\nid q[0];\nh q[0];\n");
        CliResult r = TriadCli.Run("quantum", "run", file, "--telegraph", "2e6,1e3,5e-8,1e-4", "--trajectories", "50", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(Math.Pow(Math.Sin(0.25), 2), doc.RootElement.GetProperty("probabilities").GetProperty("1").GetDouble(), 12);
        Assert.Contains("telegraph", doc.RootElement.GetProperty("method").GetString(), StringComparison.Ordinal);
        CliResult quiet = TriadCli.Run("quantum", "run", file, "--telegraph", "0,1e3,5e-8,1e-4", "--trajectories", "10", "--json");
        using JsonDocument q = JsonDocument.Parse(quiet.Stdout);
        Assert.False(q.RootElement.GetProperty("probabilities").TryGetProperty("1", out _));
    }

    [Fact]
    public void Telegraph_BadInput_OneLineErrors()
    {
        string file = _folder.Write("c.qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nh q[0];\n");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "run", file, "--telegraph", "2e6,1e3"), 2, "--telegraph 2e6,1e3", "DELTA,RATE,GATE_TIME,INTERVAL");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "run", file, "--telegraph", "2e6,-1,5e-8,1e-4"), 2, "--telegraph", "non-negative");
    }
}
