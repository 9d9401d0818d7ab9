using System.Numerics;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Triad.Quantum.Gates;
using Triad.Quantum.Kernels;

namespace Triad.Benchmarks;

/// <summary>
/// One single-qubit gate on a 2^n-amplitude complex128 state (16·2^n bytes, read and written once in place) against
/// a STREAM-like pass over the same bytes measured in the same run (McCalpin, "Memory bandwidth and machine balance",
/// IEEE TCCA newsletter 1995: here the in-place scale a ← 1.0·a, the same threads and pieces as the kernels).
/// The "of STREAM" column is t_stream / t_gate, the fraction of this machine's in-place bandwidth the gate reaches
/// (issue 13 asks ≥ 0.9 for H, X and diagonal gates, ≥ 0.6 for a general 2×2 matrix).
/// The "generic" rows run the same gates with the kernels written once with generic math
/// (<c>InterleavedKernels&lt;double&gt;</c>, which the complex64 state runs with float) on the same state, so one run
/// shows whether complex128 could share them without slowing down.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(StateVectorGateConfig))]
public class StateVectorGateBenchmarks
{
    // Qubit 11: inside the state's middle, so pairs are 32 KiB apart (neither neighbouring nor page-far).
    private const int Target = 11;

    private Complex[] _state = [];
    private GateOperator _h = null!, _x = null!, _rz = null!, _u3 = null!;
    private double[] _hData = [], _rzData = [], _u3Data = [];

    /// <summary>State size in qubits (23 is odd on purpose; 24 is the size: 256 MiB).</summary>
    [Params(23, 24)]
    public int Qubits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _state = new Complex[1 << Qubits];
        var random = new Triad.Numerics.Random.SeededRandom(1);
        double scale = 1.0 / Math.Sqrt(_state.Length);
        for (int i = 0; i < _state.Length; i++)
        {
            _state[i] = new Complex(random.NextDouble() * scale, random.NextDouble() * scale);
        }
        int[] q = [Target];
        _h = StandardGates.All["h"].Resolve([], q);
        _x = StandardGates.All["x"].Resolve([], q);
        _rz = StandardGates.All["rz"].Resolve([0.3], q);
        _u3 = StandardGates.All["u3"].Resolve([0.3, 0.7, -1.1], q);
        _hData = InterleavedKernels<double>.Interleave(_h.Data);
        _rzData = InterleavedKernels<double>.Interleave(_rz.Data);
        _u3Data = InterleavedKernels<double>.Interleave(_u3.Data);
    }

    [Benchmark(Baseline = true, Description = "stream a <- 1.0*a")]
    public unsafe void Stream()
    {
        fixed (Complex* p = _state)
        {
            nint address = (nint)p;
            // Pieces of 2^13 pairs, as the single-qubit kernels cut the state: the same threads over the same bytes.
            StateVectorKernels.ForRange(_state.Length >> 1, Qubits, (start, end) =>
            {
                double* s = (double*)address;
                Vector256<double> one = Vector256.Create(1.0);
                for (long j = 4 * start; j < 4 * end; j += 4)
                {
                    (Vector256.Load(s + j) * one).Store(s + j);
                }
            });
        }
    }

    [Benchmark(Description = "h (general 2x2, real)")]
    public void H() => _h.Apply(_state);

    [Benchmark(Description = "x (permutation)")]
    public void X() => _x.Apply(_state);

    [Benchmark(Description = "rz (diagonal)")]
    public void Rz() => _rz.Apply(_state);

    [Benchmark(Description = "u3 (general 2x2)")]
    public void U3() => _u3.Apply(_state);

    [Benchmark(Description = "h generic")]
    public unsafe void HGeneric()
    {
        fixed (Complex* p = _state)
        {
            InterleavedKernels<double>.ApplyMatrix1((double*)p, Qubits, Target, _hData, 0);
        }
    }

    [Benchmark(Description = "x generic")]
    public unsafe void XGeneric()
    {
        fixed (Complex* p = _state)
        {
            InterleavedKernels<double>.ApplyX((double*)p, Qubits, Target, 0);
        }
    }

    [Benchmark(Description = "rz generic")]
    public unsafe void RzGeneric()
    {
        fixed (Complex* p = _state)
        {
            InterleavedKernels<double>.ApplyDiagonal((double*)p, Qubits, [Target], _rzData);
        }
    }

    [Benchmark(Description = "u3 generic")]
    public unsafe void U3Generic()
    {
        fixed (Complex* p = _state)
        {
            InterleavedKernels<double>.ApplyMatrix1((double*)p, Qubits, Target, _u3Data, 0);
        }
    }
}

/// <summary>Adds the fraction-of-STREAM column.</summary>
public sealed class StateVectorGateConfig : ManualConfig
{
    public StateVectorGateConfig() => AddColumn(new FractionOfBaselineColumn());
}

/// <summary>t_baseline / t_case for cases with the same parameters: the fraction of the baseline's bandwidth.</summary>
public sealed class FractionOfBaselineColumn : IColumn
{
    public string ColumnName => "of STREAM";

    public string Legend => "mean time of the STREAM-like baseline over this case's mean time (same bytes): fraction of the in-place bandwidth";

    public string Id => nameof(FractionOfBaselineColumn);

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        BenchmarkCase? baseline = summary.BenchmarksCases.FirstOrDefault(c => c.Descriptor.Baseline
            && c.Parameters.DisplayInfo == benchmarkCase.Parameters.DisplayInfo);
        double? baseMean = baseline is null ? null : summary[baseline]?.ResultStatistics?.Mean;
        double? mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return baseMean is > 0 && mean is > 0 ? (baseMean.Value / mean.Value).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
