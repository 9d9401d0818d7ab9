using Triad.Quantum.Circuits;
using Triad.Quantum.Qasm;

namespace Triad.Quantum.Tests.Qasm;

/// <summary>Bad OpenQASM: every error names the file, line and column of the offending token.</summary>
public sealed class QasmErrorTests
{
    private const string Header = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\n";

    [Theory]
    [InlineData("foo q[0];", 5, 1, "unknown gate 'foo'")]
    [InlineData("cx q[0];", 5, 1, "gate 'cx' acts on 2 qubit(s), not 1")]
    [InlineData("rx q[0];", 5, 1, "gate 'rx' takes 1 parameter(s), not 0")]
    [InlineData("h q[0];\nrz(0.1, 0.2) q[1];", 6, 1, "gate 'rz' takes 1 parameter(s), not 2")]
    [InlineData("h q[3];", 5, 5, "qubit q[3] is out of range: register 'q' has 3")]
    [InlineData("measure q[0] -> c[7];", 5, 19, "classical bit c[7] is out of range")]
    [InlineData("rx(theta) q[0];", 5, 4, "unbound parameter 'theta'")]
    [InlineData("h r[0];", 5, 3, "unknown quantum register 'r'")]
    [InlineData("cx q[1],q[1];", 5, 1, "same qubit twice")]
    [InlineData("h q[0]", 5, 7, "expected ';'")]
    [InlineData("if(d==1) x q[0];", 5, 4, "unknown classical register 'd'")]
    [InlineData("if(c==8) x q[0];", 5, 7, "value 8 does not fit in the 3 bits of 'c'")]
    [InlineData("gate g a { h b; }", 5, 14, "'b' is not a qubit argument of gate 'g'")]
    [InlineData("gate g(t) a { rx(s) a; }", 5, 18, "'s' is not a parameter of this gate")]
    [InlineData("gate g a { foo a; }", 5, 12, "unknown gate 'foo'")]
    [InlineData("opaque magic a;\nmagic q[0];", 6, 1, "opaque gate 'magic' has no definition")]
    [InlineData("qreg q[2];", 5, 6, "register 'q' is already declared")]
    [InlineData("h q[0]; $", 5, 9, "unexpected character '$'")]
    [InlineData("cx q, c;", 5, 7, "unknown quantum register 'c'")]
    [InlineData("include \"missing.inc\";", 5, 9, "included file \"missing.inc\" not found")]
    public void Parse_BadInput_NamesFileLineAndColumn(string body, int line, int column, string problem)
    {
        QasmException e = Assert.Throws<QasmException>(() => QasmImporter.Parse(Header + body, "bad.qasm"));
        Assert.StartsWith($"bad.qasm:{line}:{column}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
    }

    [Fact]
    public void Parse_BroadcastOverRegisters_ExpandsPairwise()
    {
        QuantumCircuit c = QasmImporter.Parse(Header + "qreg r[3];\nh q;\ncx q,r;\ncx q[0],r;\nmeasure q -> c;\nbarrier q,r[1];");
        string[] lines = [.. c.Instructions.Select(i => i.ToString())];
        Assert.Equal(["h 0", "h 1", "h 2", "cx 0,3", "cx 1,4", "cx 2,5", "cx 0,3", "cx 0,4", "cx 0,5",
            "measure 0 -> 0", "measure 1 -> 1", "measure 2 -> 2", "barrier 0,1,2,4"], lines);
    }

    [Fact]
    public void Parse_BroadcastOfUnequalRegisters_IsRefused()
    {
        QasmException e = Assert.Throws<QasmException>(() => QasmImporter.Parse(Header + "qreg r[2];\ncx q,r;", "b.qasm"));
        Assert.StartsWith("b.qasm:6:6: registers of different sizes (3 and 2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExpressionsAndUserGates_EvaluateAsWritten()
    {
        QuantumCircuit c = QasmImporter.Parse(Header +
            "gate my(a, b) x, y { rz(a*2 - b/4) x; cx x, y; u(-a^2, sin(pi/6), sqrt(4)+ln(exp(1))) y; }\n" +
            "my(0.5, pi) q[2], q[0];\nU(1,2,3) q[1]; CX q[1],q[2];\nrx(-pi/2^2) q[0];\nrz(2^3^2) q[0];\nrz(-2^2) q[0];\nrz(1.5e-1) q[0];\nrz(.25) q[0];");
        double[][] values = [.. c.Instructions.Select(i => i.Parameters.Select(p => p.Evaluate()).ToArray())];
        Assert.Equal(["rz 2", "cx 2,0", "u 0", "u3 1", "cx 1,2", "rx 0", "rz 0", "rz 0", "rz 0", "rz 0"],
            c.Instructions.Select(i => $"{i.Name} {string.Join(",", i.Qubits)}"));
        Assert.Equal((0.5 * 2) - (Math.PI / 4), values[0][0], 15);
        Assert.Equal(-0.25, values[2][0], 15);
        Assert.Equal(0.5, values[2][1], 15);
        Assert.Equal(3.0, values[2][2], 15);
        Assert.Equal([1.0, 2.0, 3.0], values[3]);
        Assert.Equal(-Math.PI / 4, values[5][0], 15);
        Assert.Equal(512.0, values[6][0]);
        Assert.Equal(-4.0, values[7][0]);
        Assert.Equal(0.15, values[8][0]);
        Assert.Equal(0.25, values[9][0]);
    }

    [Fact]
    public void Parse_FreeParameters_AreBoundAtRunTime()
    {
        QuantumCircuit c = QasmImporter.Parse(Header + "rx(theta/2) q[0];\ncrz(phi) q[0],q[1];", "f.qasm", new QasmImportOptions(AllowFreeParameters: true));
        Assert.Equal(["phi", "theta"], c.FreeParameters());
        UnboundParameterException e = Assert.Throws<UnboundParameterException>(() => Triad.Quantum.Simulation.CompiledCircuit.Compile(c, new Dictionary<string, double> { ["theta"] = 1 }));
        Assert.Contains("f.qasm:6:1: unbound parameter 'phi'", e.Message, StringComparison.Ordinal);
        QuantumCircuit bound = c.Bind(new Dictionary<string, double> { ["theta"] = 1, ["phi"] = 2 });
        Assert.Empty(bound.FreeParameters());
        Assert.Equal(0.5, bound.Instructions[0].Parameters[0].Evaluate());
        string exported = QasmExporter.Write(c);
        Assert.Contains("rx((theta/2)) q[0];", exported, StringComparison.Ordinal);
        Assert.Equal(c.ToCanonicalText(), QasmImporter.Parse(exported, "e.qasm", new QasmImportOptions(AllowFreeParameters: true)).ToCanonicalText());
    }

    [Fact]
    public void Load_MissingFile_NamesThePath()
    {
        FileNotFoundException e = Assert.Throws<FileNotFoundException>(() => QasmImporter.Load("/no/such/file.qasm"));
        Assert.Contains("/no/such/file.qasm", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_IncludeOfAnotherFile_ReadsItsGates()
    {
        string dir = Path.Combine(Path.GetTempPath(), "triad-qasm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "lib.inc"), "gate bell a, b { h a; cx a, b; }\n");
            File.WriteAllText(Path.Combine(dir, "main.qasm"), "OPENQASM 2.0;\ninclude \"qelib1.inc\";\ninclude \"lib.inc\";\nqreg q[2];\nbell q[0], q[1];\n");
            QuantumCircuit c = QasmImporter.Load(Path.Combine(dir, "main.qasm"));
            Assert.Equal(["h 0", "cx 0,1"], c.Instructions.Select(i => i.ToString()));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
