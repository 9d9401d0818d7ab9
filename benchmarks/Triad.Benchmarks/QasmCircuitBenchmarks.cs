using BenchmarkDotNet.Attributes;
using Triad.Quantum.Circuits;
using Triad.Quantum.Fusion;
using Triad.Quantum.Qasm;
using Triad.Quantum.Simulation;

namespace Triad.Benchmarks;

/// <summary>
/// QASMBench's medium circuits end to end (compile, optional fusion, run to the final distribution) without fusion (the
/// baseline) and with blocks of up to 2, 3 and 4 qubits; the Ratio column is t_fused / t_unfused (issue 13 asks
/// fusion to be ≥ 2× faster on qft_n18). The files are read from tests/Triad.Quantum.Tests/qasmbench/medium.
/// </summary>
[MemoryDiagnoser]
public class QasmCircuitBenchmarks
{
    private QuantumCircuit _circuit = null!;

    /// <summary>The circuit (dnn_n16 is the smoke run's, being first in order).</summary>
    [Params("dnn_n16", "qft_n18", "square_root_n18", "ising_n26")]
    public string Circuit { get; set; } = "dnn_n16";

    [GlobalSetup]
    public void Setup() => _circuit = QasmImporter.Load(Path.Combine(MediumFolder(), Circuit + ".qasm"));

    [Benchmark(Baseline = true)]
    public double Unfused() => Run(null);

    [Benchmark]
    public double Fused2() => Run(new FusionOptions(2));

    [Benchmark]
    public double Fused3() => Run(new FusionOptions(3));

    [Benchmark]
    public double Fused4() => Run(new FusionOptions(4));

    private double Run(FusionOptions? fusion)
    {
        // The exact distribution: square_root_n18 measures and resets mid-circuit, so it runs as branches.
        return ExactDistribution.Compute(CompiledCircuit.Compile(_circuit, fusion: fusion))[0];
    }

    private static string MediumFolder()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tests", "Triad.Quantum.Tests", "qasmbench", "medium");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"tests/Triad.Quantum.Tests/qasmbench/medium not found above {AppContext.BaseDirectory}");
    }
}
