using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Triad.Quantum.Gates;
using Triad.Quantum.Kernels;
using Triad.Quantum.Simulation;

namespace Triad.Benchmarks;

/// <summary>
/// <see cref="StateVectorGateBenchmarks"/> for a complex64 state: one single-qubit gate on 2^n amplitudes of 8 bytes
/// (8·2^n bytes, read and written once in place) against a STREAM-like in-place pass a ← 1.0f·a over the same bytes in
/// the same run (McCalpin 1995), with the same threads and pieces as the kernels. The "of STREAM" column is
/// t_stream / t_gate. Half the bytes of complex128, so at the same bandwidth a gate takes half the time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(StateVectorGateConfig))]
public class StateVectorGate64Benchmarks
{
    // Qubit 11, as the complex128 benchmark: pairs 16 KiB apart here.
    private const int Target = 11;

    private Complex64[] _state = [];
    private GateOperator _h = null!, _x = null!, _rz = null!, _u3 = null!;

    /// <summary>State size in qubits (23 is odd on purpose; 24 is the size: 128 MiB in complex64).</summary>
    [Params(23, 24)]
    public int Qubits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _state = new Complex64[1 << Qubits];
        var random = new Triad.Numerics.Random.SeededRandom(1);
        double scale = 1.0 / Math.Sqrt(_state.Length);
        for (int i = 0; i < _state.Length; i++)
        {
            _state[i] = new Complex64((float)(random.NextDouble() * scale), (float)(random.NextDouble() * scale));
        }
        int[] q = [Target];
        _h = StandardGates.All["h"].Resolve([], q);
        _x = StandardGates.All["x"].Resolve([], q);
        _rz = StandardGates.All["rz"].Resolve([0.3], q);
        _u3 = StandardGates.All["u3"].Resolve([0.3, 0.7, -1.1], q);
    }

    [Benchmark(Baseline = true, Description = "stream a <- 1.0f*a")]
    public unsafe void Stream()
    {
        fixed (Complex64* p = _state)
        {
            nint address = (nint)p;
            // Pieces of 2^13 pairs (4 floats per pair), as the single-qubit kernels cut the state.
            StateVectorKernels.ForRange(_state.Length >> 1, Qubits, (start, end) =>
            {
                float* s = (float*)address;
                Vector256<float> one = Vector256.Create(1f);
                for (long j = 4 * start; j < 4 * end; j += 8)
                {
                    (Vector256.Load(s + j) * one).Store(s + j);
                }
            });
        }
    }

    [Benchmark(Description = "h (general 2x2, real)")]
    public void H() => _h.Apply(_state.AsSpan());

    [Benchmark(Description = "x (permutation)")]
    public void X() => _x.Apply(_state.AsSpan());

    [Benchmark(Description = "rz (diagonal)")]
    public void Rz() => _rz.Apply(_state.AsSpan());

    [Benchmark(Description = "u3 (general 2x2)")]
    public void U3() => _u3.Apply(_state.AsSpan());
}
