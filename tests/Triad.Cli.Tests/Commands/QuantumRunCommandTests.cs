using System.Text.Json;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

/// <summary><c>triad quantum run</c>: JSON and table output, shots, and one-line errors for bad input.</summary>
public sealed class QuantumRunCommandTests : IDisposable
{
    private const string Header = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Dictionary<string, double> Probabilities(CliResult r, out int qubits)
    {
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        qubits = doc.RootElement.GetProperty("qubits").GetInt32();
        return doc.RootElement.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
    }

    [Fact]
    public void Run_Json_QubitZeroIsRightmostAndSmallOutcomesOmitted()
    {
        // q0 = 1, q1 = 0, q2 in (|0⟩ + |1⟩)/√2: outcomes 001 and 101 with ½ each, nothing else printed.
        string file = _folder.Write("x.qasm", Header + "qreg q[3];\nx q[0];\nh q[2];\n");
        Dictionary<string, double> p = Probabilities(TriadCli.Run("quantum", "run", file, "--json"), out int n);
        Assert.Equal(3, n);
        Assert.Equal(["001", "101"], p.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0.5, p["001"], 15);
        Assert.Equal(0.5, p["101"], 15);
    }

    [Fact]
    public void Run_Json_FinalMeasurementsDoNotChangeIt()
    {
        string body = "qreg q[3];\ncreg c[3];\nh q[0];\ncx q[0],q[1];\nry(0.3) q[2];\n";
        string plain = _folder.Write("a.qasm", Header + body);
        string measured = _folder.Write("b.qasm", Header + body + "barrier q;\nmeasure q -> c;\n");
        CliResult a = TriadCli.Run("quantum", "run", plain, "--json"), b = TriadCli.Run("quantum", "run", measured, "--json");
        Assert.Equal(a.Stdout, b.Stdout);
        Dictionary<string, double> p = Probabilities(a, out _);
        Assert.Equal(4, p.Count);
        Assert.Equal(0.5 * Math.Pow(Math.Cos(0.15), 2), p["000"], 14);
        Assert.Equal(0.5 * Math.Pow(Math.Sin(0.15), 2), p["111"], 14);
    }

    [Fact]
    public void Run_Shots_CountsSumToShotsAndRepeatWithSeed()
    {
        string file = _folder.Write("bell.qasm", Header + "qreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n");
        CliResult a = TriadCli.Run("quantum", "run", file, "--shots", "2000", "--seed", "7", "--json");
        CliResult b = TriadCli.Run("quantum", "run", file, "--shots", "2000", "--seed", "7", "--json");
        Assert.Equal(a.Stdout, b.Stdout);
        using JsonDocument doc = JsonDocument.Parse(a.Stdout);
        Dictionary<string, int> counts = doc.RootElement.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(["00", "11"], counts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2000, counts.Values.Sum());
        // Fair coin: σ = √(2000·¼) ≈ 22, so 4σ ≈ 90.
        Assert.InRange(counts["00"], 1000 - 90, 1000 + 90);
    }

    [Fact]
    public void Run_QasmBenchFile_FusedAndUnfusedAgree()
    {
        string file = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "Triad.Quantum.Tests", "qasmbench", "qft_n4.qasm");
        Dictionary<string, double> fused = Probabilities(TriadCli.Run("quantum", "run", file, "--json", "--fusion", "3"), out _);
        Dictionary<string, double> plain = Probabilities(TriadCli.Run("quantum", "run", file, "--json", "--fusion", "0", "--threads", "1"), out _);
        Assert.Equal(fused.Keys, plain.Keys);
        Assert.All(fused, kv => Assert.Equal(kv.Value, plain[kv.Key], 12));
    }

    [Fact]
    public void Run_ThreadCount_DoesNotChangeOutput()
    {
        // 15 qubits: above the kernels' threading threshold (2^14 amplitudes).
        string file = _folder.Write("w.qasm", Header + "qreg q[15];\nh q;\nrzz(0.3) q[0],q[14];\ncx q[3],q[9];\nu3(0.1,0.2,0.3) q[7];\nccx q[1],q[2],q[0];\nh q[0];\n");
        CliResult one = TriadCli.Run("quantum", "run", file, "--json", "--threads", "1", "--shots", "100");
        CliResult two = TriadCli.Run("quantum", "run", file, "--json", "--threads", "2", "--shots", "100");
        CliResult three = TriadCli.Run("quantum", "run", file, "--json", "--threads", "3", "--shots", "100");
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Equal(one.Stdout, two.Stdout);
        Assert.Equal(one.Stdout, three.Stdout);
    }

    [Fact]
    public void Run_Table_ShowsOutcomesAndCounts()
    {
        string file = _folder.Write("t.qasm", Header + "qreg q[2];\ncreg c[2];\nx q[1];\nmeasure q -> c;\n");
        CliResult r = TriadCli.Run("quantum", "run", file, "--shots", "10");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("outcome (qubit 0 rightmost)", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("│ 10 ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("1.0000", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Param_BindsSymbols()
    {
        string file = _folder.Write("p.qasm", Header + "qreg q[1];\nry(theta) q[0];\n");
        Dictionary<string, double> p = Probabilities(TriadCli.Run("quantum", "run", file, "--param", "theta=1.2", "--json"), out _);
        Assert.Equal(Math.Pow(Math.Sin(0.6), 2), p["1"], 14);
    }

    [Theory]
    [InlineData("foo q[0];", "bad.qasm:4:1: unknown gate 'foo'")]
    [InlineData("cx q[0];", "bad.qasm:4:1: gate 'cx' acts on 2 qubit(s), not 1")]
    [InlineData("h q[5];", "bad.qasm:4:5: qubit q[5] is out of range")]
    [InlineData("rx(theta) q[0];", "bad.qasm:4:4: unbound parameter 'theta'")]
    [InlineData("h q[0]\nh q[1];", "bad.qasm:5:1: expected ';', found 'h'")]
    public void Run_BadQasm_OneLineNamingFileLineColumn(string body, string expected)
    {
        string file = _folder.Write("bad.qasm", Header + "qreg q[2];\n" + body + "\n");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "run", file, "--json"), 2, expected);
    }

    [Fact]
    public void Run_FortyQubits_RefusedSayingHowMuchItNeeds()
    {
        string file = _folder.Write("big.qasm", Header + "qreg q[40];\nh q[0];\n");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "run", file), 2, "40-qubit state vector needs 16 TiB");
    }

    [Fact]
    public void Run_Complex64_AgreesWithComplex128AndSaysSo()
    {
        string file = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "Triad.Quantum.Tests", "qasmbench", "qft_n4.qasm");
        CliResult single = TriadCli.Run("quantum", "run", file, "--json", "--precision", "complex64");
        Dictionary<string, double> p64 = Probabilities(single, out _);
        Dictionary<string, double> p128 = Probabilities(TriadCli.Run("quantum", "run", file, "--json"), out _);
        Assert.Equal(p128.Keys, p64.Keys);
        Assert.All(p128, kv => Assert.Equal(kv.Value, p64[kv.Key], 6));
        using JsonDocument doc = JsonDocument.Parse(single.Stdout);
        Assert.Equal("complex64", doc.RootElement.GetProperty("precision").GetString());
        string bell = _folder.Write("bell64.qasm", Header + "qreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n");
        CliResult shots = TriadCli.Run("quantum", "run", bell, "--precision", "complex64", "--shots", "500", "--seed", "3", "--json");
        Assert.Equal(shots.Stdout, TriadCli.Run("quantum", "run", bell, "--precision", "complex64", "--shots", "500", "--seed", "3", "--json").Stdout);
    }

    [Fact]
    public void Run_Complex64ThirtyOneQubits_RefusedSayingEightBytesPerAmplitude()
    {
        string file = _folder.Write("big64.qasm", Header + "qreg q[31];\nh q[0];\n");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "run", file, "--precision", "complex64"), 2, "31-qubit complex64 state vector needs 16 GiB (2^31 amplitudes of 8 bytes)");
    }

    [Fact]
    public void Run_Complex64WithNoise_RefusedNamingOption()
    {
        string file = _folder.Write("n.qasm", Header + "qreg q[1];\nh q[0];\n");
        string model = _folder.Write("m.json", "{\"gates\": {\"h\": [{\"depolarizing\": 0.01}]}}");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "run", file, "--precision", "complex64", "--noise", model), 2, "--precision complex64: noisy runs");
    }

    [Fact]
    public void Run_UnboundSymbolWithOtherBindings_NamesLocation()
    {
        string file = _folder.Write("u.qasm", Header + "qreg q[1];\nrx(a) q[0];\nry(b) q[0];\n");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "run", file, "--param", "a=1"), 2, "u.qasm:5:1: unbound parameter 'b'");
    }

    [Theory]
    [InlineData("--shots", "0", "--shots 0: must be at least 1")]
    [InlineData("--fusion", "9", "--fusion 9")]
    [InlineData("--param", "theta", "--param theta: expected NAME=VALUE")]
    [InlineData("--threads", "0", "--threads 0")]
    [InlineData("--precision", "complex32", "complex32")]
    public void Run_BadOption_OneLineNamingOption(string option, string value, string expected)
    {
        string file = _folder.Write("ok.qasm", Header + "qreg q[1];\nh q[0];\n");
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "run", file, option, value), 2, expected);
    }

    [Fact]
    public void Run_MissingFile_OneLineNamingIt()
    {
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "run", _folder.File("none.qasm")), 2, "none.qasm");
    }

    [Fact]
    public void Run_Noise_DensityMatrixGivesClosedForm()
    {
        // x then amplitude damping 0.3 and readout P(0|1) = 0.1: P(read 1) = 0.7·0.9.
        string file = _folder.Write("n.qasm", Header + "qreg q[1];\ncreg c[1];\nx q[0];\nmeasure q[0] -> c[0];\n");
        string model = _folder.Write("m.json", "{\"gates\": {\"x\": [{\"amplitude_damping\": 0.3}]}, \"readout\": {\"p0given1\": 0.1}}");
        CliResult r = TriadCli.Run("quantum", "run", file, "--noise", model, "--json");
        Dictionary<string, double> p = Probabilities(r, out _);
        Assert.Equal(0.63, p["1"], 14);
        Assert.Equal(0.37, p["0"], 14);
        Assert.Contains("\"method\": \"density matrix\"", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoiseAboveTwelveQubits_UsesTrajectoriesNearTheClosedForm()
    {
        // 13 qubits, x on each then depolarizing 0.1: each qubit reads 1 with 1 − 0.1/2 = 0.95, so P(all ones) = 0.95^13.
        string file = _folder.Write("big.qasm", Header + "qreg q[13];\nx q;\n");
        string model = _folder.Write("d.json", "{\"gates\": {\"x\": [{\"depolarizing\": 0.1}]}}");
        CliResult r = TriadCli.Run("quantum", "run", file, "--noise", model, "--trajectories", "400", "--seed", "3", "--json");
        Dictionary<string, double> p = Probabilities(r, out int n);
        Assert.Equal(13, n);
        Assert.Contains("\"method\": \"400 trajectories\"", r.Stdout, StringComparison.Ordinal);
        // Each trajectory's |ψ|² is a single basis state here, so the estimate is a binomial fraction: σ = √(0.513·0.487/400) ≈ 0.025.
        Assert.InRange(p["1111111111111"], Math.Pow(0.95, 13) - 0.1, Math.Pow(0.95, 13) + 0.1);
    }

    [Theory]
    [InlineData("{\"gates\": {\"h\": [{\"depolarizing\": 1.5}]}}", "gates.h[0].depolarizing: depolarizing probability 1.5 is outside [0, 1]")]
    [InlineData("{\"gates\": {\"hh\": [{\"depolarizing\": 0.1}]}}", "gates.hh: unknown gate 'hh'")]
    [InlineData("{\"gates\": {\"h\": [{\"depolarizing\": 0.1}]", "bad.json:1:")]
    public void Run_BadNoiseModel_OneLineNamingFile(string json, string expected)
    {
        string file = _folder.Write("ok.qasm", Header + "qreg q[1];\nh q[0];\n");
        string model = _folder.Write("bad.json", json);
        TriadCli.AssertOneLineError(TriadCli.Run("quantum", "run", file, "--noise", model), 2, "bad.json", expected);
    }
}
