using System.Text.Json;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

/// <summary><c>triad quantum grad</c>: values and gradients against closed forms, shots, and one-line errors.</summary>
public sealed class QuantumGradCommandTests : IDisposable
{
    private const string Header = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";

    // ry(a) on q0, then crx(2b) controlled by q0: ⟨Z0⟩ = cos a, ⟨Z1⟩ = cos²(a/2) + sin²(a/2)·cos 2b.
    private const string Body = "qreg q[2];\ncreg c[2];\nry(a) q[0];\ncrx(2*b) q[0],q[1];\nrz(a+b) q[1];\nmeasure q -> c;\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (double Value, double DA, double DB)[] Read(CliResult r)
    {
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        return [.. doc.RootElement.GetProperty("observables").EnumerateArray().Select(o =>
            (o.GetProperty("value").GetDouble(), o.GetProperty("gradient").GetProperty("a").GetDouble(), o.GetProperty("gradient").GetProperty("b").GetDouble()))];
    }

    [Theory]
    [InlineData("adjoint")]
    [InlineData("shift")]
    public void Grad_Json_MatchesClosedForm(string method)
    {
        string file = _folder.Write("c.qasm", Header + Body);
        double a = 0.3, b = 0.7;
        var r = Read(TriadCli.Run("quantum", "grad", file, "--param", "a=0.3", "--param", "b=0.7", "--method", method, "--json"));
        Assert.Equal(2, r.Length);
        Assert.Equal(Math.Cos(a), r[0].Value, 12);
        Assert.Equal(-Math.Sin(a), r[0].DA, 12);
        Assert.Equal(0, r[0].DB, 12);
        double c2 = Math.Cos(a / 2) * Math.Cos(a / 2), s2 = Math.Sin(a / 2) * Math.Sin(a / 2);
        Assert.Equal(c2 + (s2 * Math.Cos(2 * b)), r[1].Value, 12);
        Assert.Equal(-0.5 * Math.Sin(a) * (1 - Math.Cos(2 * b)), r[1].DA, 12);
        Assert.Equal(-2 * s2 * Math.Sin(2 * b), r[1].DB, 12);
    }

    [Fact]
    public void Grad_Shots_WithinShotNoiseAndRepeatable()
    {
        string file = _folder.Write("c.qasm", Header + Body);
        string[] args = ["quantum", "grad", file, "--param", "a=0.3", "--param", "b=0.7", "--method", "shift", "--shots", "4000", "--seed", "9", "--observable", "Z0", "--json"];
        CliResult first = TriadCli.Run(args), second = TriadCli.Run(args);
        Assert.Equal(first.Stdout, second.Stdout);
        var r = Read(first);
        // ½(f₊ − f₋) of ±1 means: σ ≤ √(2/4000)/2 ≈ 0.011; 5σ = 0.056.
        Assert.InRange(r[0].DA, -Math.Sin(0.3) - 0.056, -Math.Sin(0.3) + 0.056);
        Assert.NotEqual(-Math.Sin(0.3), r[0].DA);
    }

    [Fact]
    public void Grad_Table_ListsObservablesAndParameters()
    {
        string file = _folder.Write("c.qasm", Header + Body);
        CliResult r = TriadCli.Run("quantum", "grad", file, "--param", "a=0.3", "--param", "b=0.7", "--observable", "X1 + 0.5*Z0*Z1");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("∂/∂a", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("X1 + 0.5*Z0*Z1", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("adjoint", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Grad_BadInput_OneLineErrors()
    {
        string file = _folder.Write("c.qasm", Header + Body);
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "grad", file, "--param", "a=0.3", "--param", "b=1", "--method", "finite"), 2, "--method finite", "adjoint or shift");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "grad", file, "--param", "a=0.3", "--param", "b=1", "--shots", "100"), 2, "--shots 100", "--method shift");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "grad", file, "--param", "a=0.3", "--param", "b=1", "--observable", "Q1"), 2, "--observable Q1", "Pauli factor");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "grad", file, "--param", "a=0.3", "--param", "b=1", "--observable", "Z5"), 2, "--observable Z5", "qubit 5");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "grad", file, "--param", "a=0.3", "--param", "b=1", "--param", "zz=2"), 2, "--param zz", "no parameter 'zz'");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "grad", file, "--param", "a=0.3"), 2, "c.qasm:6:1", "unbound parameter 'b'");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "grad", file, "--param", "a=x"), 2, "--param a=x");
        string mid = _folder.Write("mid.qasm", Header + "qreg q[1];\ncreg c[1];\nmeasure q[0] -> c[0];\nrx(t) q[0];\n");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "grad", mid, "--param", "t=1"), 2, "mid.qasm", "after it was measured");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "grad", _folder.File("none.qasm"), "--param", "t=1"), 2, "none.qasm");
    }
}
