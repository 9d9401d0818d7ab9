using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Triad.Quantum.Circuits;
using Triad.Quantum.Gradients;
using P = Triad.Quantum.Circuits.ParameterExpression;

namespace Triad.Benchmarks;

/// <summary>
/// Circuits per second for a batch of 8-qubit layer circuits (issue 13): each sample encodes 8 inputs with ry, then
/// <see cref="Depth"/> trainable layers of ry·rz on every qubit and a cx ring, read out as ⟨Z_k⟩ on every qubit. The
/// forward pass is <see cref="DifferentiableCircuit.Expectations(IReadOnlyList{IReadOnlyDictionary{string, double}}, IReadOnlyList{PauliObservable}, int, ulong)"/>; the backward pass is the adjoint
/// vector–Jacobian product with respect to weights and inputs (one forward and one backward sweep per sample).
/// The "circuits/s" column is the batch size over the mean time.
/// </summary>
[Config(typeof(QuantumLayerConfig))]
public class QuantumLayerBenchmarks
{
    /// <summary>Samples per batch.</summary>
    public const int Batch = 64;

    private DifferentiableCircuit _circuit = null!;
    private IReadOnlyDictionary<string, double>[] _bindings = null!;
    private PauliObservable[] _observables = null!;
    private double[,] _upstream = null!;

    /// <summary>Trainable layers.</summary>
    [Params(2, 4)]
    public int Depth { get; set; } = 2;

    [GlobalSetup]
    public void Setup()
    {
        const int n = 8;
        var c = new QuantumCircuit(n);
        var names = new List<string>();
        for (int q = 0; q < n; q++)
        {
            c.Gate("ry", [q], [P.Symbol($"x{q}")]);
            names.Add($"x{q}");
        }
        for (int l = 0; l < Depth; l++)
        {
            for (int q = 0; q < n; q++)
            {
                c.Gate("ry", [q], [P.Symbol($"w{l}_{q}a")]);
                c.Gate("rz", [q], [P.Symbol($"w{l}_{q}b")]);
                names.Add($"w{l}_{q}a");
                names.Add($"w{l}_{q}b");
            }
            for (int q = 0; q < n; q++)
            {
                c.Gate("cx", [q, (q + 1) % n]);
            }
        }
        _circuit = new DifferentiableCircuit(c, names);
        var random = new Random(42);
        _bindings = [.. Enumerable.Range(0, Batch).Select(_ => (IReadOnlyDictionary<string, double>)names.ToDictionary(k => k, _ => random.NextDouble() * Math.PI))];
        _observables = [.. Enumerable.Range(0, n).Select(PauliObservable.Z)];
        _upstream = new double[Batch, n];
        for (int s = 0; s < Batch; s++)
        {
            for (int j = 0; j < n; j++)
            {
                _upstream[s, j] = random.NextDouble() - 0.5;
            }
        }
    }

    [Benchmark(Baseline = true)]
    public double Forward() => _circuit.Expectations(_bindings, _observables)[0, 0];

    [Benchmark]
    public double VectorJacobianProduct() => _circuit.VectorJacobianProduct(_bindings, _observables, _upstream)[0, 0];

    [Benchmark]
    public double ParameterShiftJacobian() => _circuit.Gradients(_bindings, _observables, new GradientOptions(GradientMethod.ParameterShift)).Jacobian[0, 0, 0];
}

/// <summary>Adds the circuits/s column.</summary>
public sealed class QuantumLayerConfig : ManualConfig
{
    public QuantumLayerConfig() => AddColumn(new CircuitsPerSecondColumn(QuantumLayerBenchmarks.Batch));
}

/// <summary>Samples per second: batch / mean time (for the parameter-shift row, samples with their full Jacobian).</summary>
public sealed class CircuitsPerSecondColumn(int circuitsPerOperation) : ThroughputColumn
{
    public override string ColumnName => "circuits/s";

    public override string Legend => $"{circuitsPerOperation} circuits / Mean, per second";

    protected override string? Value(BenchmarkDotNet.Running.BenchmarkCase benchmarkCase, double meanNanoseconds) =>
        (circuitsPerOperation * 1e9 / meanNanoseconds).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
}
