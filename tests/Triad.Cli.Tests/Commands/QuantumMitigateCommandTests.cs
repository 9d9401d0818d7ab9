using System.Text.Json;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

/// <summary><c>triad quantum run --noise … --mitigate readout|zne|pec</c>: each method reduces the error of ⟨Z⟩; bad options are one-line errors.</summary>
public sealed class QuantumMitigateCommandTests : IDisposable
{
    private const string Circuit = """
        OPENQASM 2.0;
        include "qelib1.inc";
        qreg q[4];
        creg c[4];
        ry(0.3) q[0]; ry(0.5) q[1]; ry(0.2) q[2]; ry(0.4) q[3];
        cx q[0],q[1]; cx q[1],q[2]; cx q[2],q[3];
        ry(0.25) q[0]; ry(-0.2) q[1]; ry(0.35) q[2]; ry(0.15) q[3];
        measure q -> c;
        """;

    private const string Noise = """{"gates": {"ry": [{"depolarizing": 0.01}], "cx": [{"depolarizing": 0.03}]}, "readout": {"p1given0": 0.02, "p0given1": 0.05}}""";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("readout")]
    [InlineData("zne")]
    [InlineData("pec")]
    public void Mitigate_Json_ReducesTheMeanError(string method)
    {
        string file = _folder.Write("c.qasm", Circuit), noise = _folder.Write("n.json", Noise);
        CliResult r = TriadCli.Run("quantum", "run", file, "--noise", noise, "--mitigate", method, "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        JsonElement m = doc.RootElement.GetProperty("mitigation");
        Assert.Equal(method, m.GetProperty("method").GetString());
        double before = m.GetProperty("mean_error_unmitigated").GetDouble(), after = m.GetProperty("mean_error_mitigated").GetDouble();
        // The unmitigated mean error of this circuit is 0.0965 (density matrix); every method must do better.
        Assert.InRange(before, 0.0960, 0.0970);
        Assert.True(after < before, $"{method}: {after} is not below {before}");
        Assert.Equal(4, m.GetProperty("observables").GetArrayLength());
        Assert.True(m.GetProperty("observables")[0].GetProperty("shot_overhead").GetDouble() > 1);
    }

    [Fact]
    public void Mitigate_Table_PrintsReductionAndOverhead()
    {
        string file = _folder.Write("c.qasm", Circuit), noise = _folder.Write("n.json", Noise);
        CliResult r = TriadCli.Run("quantum", "run", file, "--noise", noise, "--mitigate", "zne", "--zne-fit", "exponential", "--zne-folding", "gates", "--zne-scales", "1,3,5");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("error reduction", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("shot overhead", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("smaller", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Mitigate_BadInput_OneLineErrors()
    {
        string file = _folder.Write("c.qasm", Circuit), noise = _folder.Write("n.json", Noise);
        string damping = _folder.Write("d.json", """{"gates": {"ry": [{"amplitude_damping": 0.01}]}}""");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "run", file, "--noise", noise, "--mitigate", "magic"), 2, "--mitigate magic", "readout, zne or pec");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "run", file, "--mitigate", "zne"), 2, "--mitigate zne", "--noise");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "run", file, "--noise", noise, "--mitigate", "zne", "--zne-fit", "cubic"), 2, "--zne-fit cubic");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "run", file, "--noise", noise, "--mitigate", "zne", "--zne-scales", "1,0.5"), 2, "--zne-scales 1,0.5");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "run", file, "--noise", noise, "--mitigate", "zne", "--zne-folding", "random"), 2, "--zne-folding random");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "run", file, "--noise", damping, "--mitigate", "pec"), 2, "d.json", "depolarizing channels only");
    }
}
