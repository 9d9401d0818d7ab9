using Triad.Quantum.Circuits;
using Triad.Quantum.Fusion;
using Triad.Quantum.Qasm;
using Triad.Quantum.Simulation;
using Triad.Quantum.Tests.Support;
using Xunit.Abstractions;

namespace Triad.Quantum.Tests.Qasm;

/// <summary>The vendored QASMBench circuits: every one imports, round-trips through the exporter, and the small ones
/// (≤ 10 qubits) give the distribution of the independent dense reference to 1e-9, fused or not.</summary>
public sealed class QasmBenchTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> All() => QasmBench.All();

    public static IEnumerable<object[]> Small() => QasmBench.Small();

    [Fact]
    public void Vendored_HasEveryConformanceFileWithLicense()
    {
        Assert.True(File.Exists(QasmBench.PathOf("LICENSE")));
        Assert.True(File.Exists(QasmBench.PathOf("SOURCE_COMMIT")));
        Assert.Equal(42, Small().Count());
        Assert.Equal(63, All().Count());
    }

    /// <summary>Lenient import: QASMBench's vqe_uccsd files measure registers they never declare (see QasmImportOptions).</summary>
    public static QuantumCircuit Load(string name, List<string>? warnings = null) =>
        QasmImporter.Load(QasmBench.PathOf(name), new QasmImportOptions(Lenient: true, Warn: w => warnings?.Add(w)));

    [Fact]
    public void StrictImport_UndeclaredMeasuredRegister_NamesFileLineColumn()
    {
        QasmException e = Assert.Throws<QasmException>(() => QasmImporter.Load(QasmBench.PathOf("vqe_uccsd_n4.qasm")));
        Assert.EndsWith("vqe_uccsd_n4.qasm:225:9: unknown quantum register 'q'", e.Message, StringComparison.Ordinal);
        var warnings = new List<string>();
        QuantumCircuit lenient = Load("vqe_uccsd_n4.qasm", warnings);
        Assert.Equal(4, warnings.Count);
        Assert.Contains("vqe_uccsd_n4.qasm:225:1: measurement of an undeclared register skipped", warnings[0], StringComparison.Ordinal);
        Assert.DoesNotContain(lenient.Instructions, i => i.Kind == InstructionKind.Measure);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Import_ThenExportAndImport_GivesSameCircuit(string name)
    {
        QuantumCircuit circuit = Load(name);
        Assert.True(circuit.QubitCount > 0);
        Assert.True(circuit.Instructions.Count > 0);
        string text = QasmExporter.Write(circuit);
        QuantumCircuit again = QasmImporter.Parse(text, name + " (exported)");
        Assert.Equal(circuit.ToCanonicalText(), again.ToCanonicalText());
        output.WriteLine($"{name}: {circuit.QubitCount} qubits, {circuit.Instructions.Count} instructions");
    }

    [Theory]
    [MemberData(nameof(Small))]
    public void SmallCircuit_Distribution_MatchesDenseReference(string name)
    {
        QuantumCircuit circuit = Load(name);
        Assert.True(circuit.QubitCount <= 10, $"{name} has {circuit.QubitCount} qubits");
        double[] expected = ReferenceRunner.Distribution(circuit);
        double[] plain = ExactDistribution.Compute(CompiledCircuit.Compile(circuit));
        double[] fused = ExactDistribution.Compute(CompiledCircuit.Compile(circuit, fusion: new FusionOptions(3)));
        double sum = expected.Sum();
        Assert.True(Math.Abs(sum - 1) < 1e-9, $"reference sums to {sum}");
        double maxPlain = expected.Zip(plain, (a, b) => Math.Abs(a - b)).Max();
        double maxFused = expected.Zip(fused, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"{name}: max |Δp| {maxPlain:E2} unfused, {maxFused:E2} fused (3 qubits)");
        Assert.True(maxPlain < 1e-9, $"unfused max |Δp| = {maxPlain:E2}");
        Assert.True(maxFused < 1e-9, $"fused max |Δp| = {maxFused:E2}");
    }
}
