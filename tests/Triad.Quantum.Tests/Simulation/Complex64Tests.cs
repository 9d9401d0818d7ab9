using System.Numerics;
using System.Runtime.InteropServices;
using CsCheck;
using Triad.Numerics.Threading;
using Triad.Quantum.Circuits;
using Triad.Quantum.Fusion;
using Triad.Quantum.Gates;
using Triad.Quantum.Qasm;
using Triad.Quantum.Simulation;
using Triad.Quantum.Tests.Kernels;
using Triad.Quantum.Tests.Support;
using Triad.Tests.Shared;
using Xunit.Abstractions;

namespace Triad.Quantum.Tests.Simulation;

/// <summary>
/// The complex64 state vector against complex128: gates, whole circuits, norm, threads, fusion, measurement and the
/// memory guard. Float's unit roundoff is 2^−24 ≈ 6e−8, so one gate on amplitudes of size ~0.1 errs by ~1e−8 and a
/// circuit's probabilities by ~1e−7; the bounds below (1e−6 per gate, 1e−5 per circuit) sit one to two orders above
/// that and orders below what a wrong entry, sign or index (≥ 1e−2) would give.
/// </summary>
public sealed class Complex64Tests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> GateNames() => GateMatrixTests.GateNames();

    public static IEnumerable<object[]> Small() => QasmBench.Small();

    private static Complex64[] ToSingle(ReadOnlySpan<Complex> a)
    {
        var r = new Complex64[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            r[i] = Complex64.FromComplex(a[i]);
        }
        return r;
    }

    private static Complex[] ToDouble(ReadOnlySpan<Complex64> a)
    {
        var r = new Complex[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            r[i] = a[i];
        }
        return r;
    }

    [Theory]
    [MemberData(nameof(GateNames))]
    public void Gate_OnRandomState_Complex64MatchesComplex128(string name)
    {
        GateDefinition gate = StandardGates.All[name];
        const int n = 6;
        var gen = Gen.Select(Gen.Int[0, 1 << 30], Gen.Double[-7, 7].Array[gate.ParameterCount]);
        double worst = 0;
        PropertyRunner.Run(gen, c =>
        {
            (int seed, double[] parameters) = c;
            var random = new Random(seed);
            int[] qubits = [.. Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(gate.QubitCount)];
            // Both start from the same (float-representable) state, so the difference is the gate's own rounding.
            Complex64[] single = ToSingle(DenseReference.RandomState(n, random));
            Complex[] expected = ToDouble(single);
            GateOperator op = gate.Resolve(parameters, qubits);
            op.Apply(expected);
            op.Apply(single.AsSpan());
            double diff = DenseReference.MaxDifference(expected, ToDouble(single));
            worst = Math.Max(worst, diff);
            Assert.True(diff < 1e-6, $"{name}({string.Join(", ", parameters)}) on [{string.Join(", ", qubits)}]: max |Δ| = {diff:E2}");
        }, baseSeed: 6400 + (ulong)name.Length, cases: 12, output);
        output.WriteLine($"{name}: worst max |Δa| {worst:E2}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(15)]
    public void Kernels_OnLargeThreadedState_MatchComplex128(int target)
    {
        // 16 qubits: threaded, and target 0 / 1 / ≥ 2 take the scalar, 128-bit and 256-bit paths; fused 3- and
        // 4-qubit blocks take the general kernel's vector path (lowest qubit ≥ 2) or its scalar one.
        const int n = 16;
        var random = new Random(91 + target);
        Complex64[] single = ToSingle(DenseReference.RandomState(n, random));
        Complex[] expected = ToDouble(single);
        var ops = new List<GateOperator>();
        foreach ((string name, double[] p, int[] q) in new (string, double[], int[])[]
        {
            ("h", [], [target]), ("x", [], [target]), ("rz", [0.7], [target]), ("t", [], [target]), ("u3", [0.3, -1.2, 2.1], [target]),
            ("cx", [], [target, (target + 3) % n]), ("crz", [1.3], [(target + 5) % n, target]), ("rxx", [0.4], [target, (target + 1) % n]),
            ("cu3", [0.2, 0.9, -0.4], [(target + 4) % n, target]), ("cswap", [], [(target + 2) % n, target, (target + 7) % n]),
            ("rzz", [0.8], [target, (target + 9) % n]), ("ccx", [], [(target + 1) % n, (target + 6) % n, target]),
        })
        {
            ops.Add(StandardGates.All[name].Resolve(p, q));
        }
        int[] block = [target, (target + 1) % n, (target + 2) % n];
        ops.Add(GateFusion.Multiply([StandardGates.All["h"].Resolve([], [block[0]]), StandardGates.All["cx"].Resolve([], [block[0], block[1]]),
            StandardGates.All["ry"].Resolve([0.6], [block[2]]), StandardGates.All["cz"].Resolve([], [block[1], block[2]])], [.. block.Order()]));
        int[] block4 = [2, 5, 9, 14];
        ops.Add(GateFusion.Multiply([StandardGates.All["u3"].Resolve([0.1, 0.2, 0.3], [2]), StandardGates.All["cx"].Resolve([], [2, 5]),
            StandardGates.All["rxx"].Resolve([1.1], [9, 14]), StandardGates.All["ch"].Resolve([], [5, 9])], block4));
        foreach (GateOperator op in ops)
        {
            op.Apply(expected);
            op.Apply(single.AsSpan());
            double diff = DenseReference.MaxDifference(expected, ToDouble(single));
            Assert.True(diff < 1e-6, $"{op.Kind} on [{string.Join(", ", op.Qubits)}]: max |Δ| = {diff:E2}");
        }
    }

    [Fact]
    public unsafe void GenericKernelsInDouble_MatchComplex128Kernels()
    {
        // The generic kernels with T = double on a complex128 state: the same gates as the specialised kernels to
        // rounding (the benchmark compares their speed), on a threaded state and every single-qubit path.
        const int n = 15;
        Complex[] expected = DenseReference.RandomState(n, new Random(4));
        Complex[] actual = (Complex[])expected.Clone();
        var random = new Random(12);
        foreach (string name in StandardGates.All.Keys.Order(StringComparer.Ordinal))
        {
            GateDefinition g = StandardGates.All[name];
            int[] q = [.. Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(g.QubitCount)];
            double[] p = [.. Enumerable.Range(0, g.ParameterCount).Select(_ => random.NextDouble() * 6)];
            GateOperator op = g.Resolve(p, q);
            op.Apply(expected);
            double[] data = Triad.Quantum.Kernels.InterleavedKernels<double>.Interleave(op.Data);
            fixed (Complex* s = actual)
            {
                double* d = (double*)s;
                switch (op.Kind)
                {
                    case GateOperatorKind.Diagonal:
                        Triad.Quantum.Kernels.InterleavedKernels<double>.ApplyDiagonal(d, n, [.. op.Targets], data);
                        break;
                    case GateOperatorKind.ControlledX:
                        Triad.Quantum.Kernels.InterleavedKernels<double>.ApplyX(d, n, op.Targets[0], op.ControlMask);
                        break;
                    case GateOperatorKind.ControlledSwap:
                        Triad.Quantum.Kernels.InterleavedKernels<double>.ApplySwap(d, n, op.Targets[0], op.Targets[1], op.ControlMask);
                        break;
                    case GateOperatorKind.Matrix when op.Targets.Count == 1:
                        Triad.Quantum.Kernels.InterleavedKernels<double>.ApplyMatrix1(d, n, op.Targets[0], data, op.ControlMask);
                        break;
                    default:
                        Triad.Quantum.Kernels.InterleavedKernels<double>.ApplyMatrix(d, n, [.. op.Targets], data, op.ControlMask);
                        break;
                }
            }
            double diff = DenseReference.MaxDifference(expected, actual);
            Assert.True(diff < 1e-14, $"{name} on [{string.Join(", ", q)}]: max |Δ| = {diff:E2}");
        }
    }

    [Fact]
    public void Kernels_AnyThreadCount_BitIdentical()
    {
        const int n = 17;
        Complex64[] start = ToSingle(DenseReference.RandomState(n, new Random(5)));
        CompiledCircuit fused = CompiledCircuit.Compile(SimulatorTests.RandomCircuit(n, 120, 8), fusion: new FusionOptions(4));
        Complex64[] Run(int threads)
        {
            int saved = ThreadSettings.MaxThreads;
            ThreadSettings.MaxThreads = threads;
            try
            {
                Complex64[] s = (Complex64[])start.Clone();
                var random = new Random(11);
                foreach (string name in StandardGates.All.Keys.Order(StringComparer.Ordinal))
                {
                    GateDefinition g = StandardGates.All[name];
                    int[] q = [.. Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(g.QubitCount)];
                    double[] p = [.. Enumerable.Range(0, g.ParameterCount).Select(_ => random.NextDouble() * 6)];
                    g.Resolve(p, q).Apply(s.AsSpan());
                }
                foreach (Step step in fused.Steps)
                {
                    step.Operator!.Apply(s.AsSpan());
                }
                var state = Complex64StateVector.FromAmplitudes(s);
                state.Collapse(3, 1, state.ProbabilityOfOne(3));
                Assert.True(state.NormSquared() > 0.99);
                return [.. state.Amplitudes];
            }
            finally
            {
                ThreadSettings.MaxThreads = saved;
            }
        }
        Complex64[] one = Run(1), two = Run(2), five = Run(5);
        Assert.True(MemoryMarshal.Cast<Complex64, long>(one).SequenceEqual(MemoryMarshal.Cast<Complex64, long>(two)), "1 vs 2 threads differ");
        Assert.True(MemoryMarshal.Cast<Complex64, long>(one).SequenceEqual(MemoryMarshal.Cast<Complex64, long>(five)), "1 vs 5 threads differ");
    }

    [Theory]
    [MemberData(nameof(Small))]
    public void SmallCircuit_Distribution_Complex64AgreesWithComplex128(string name)
    {
        QuantumCircuit circuit = QasmImporter.Load(QasmBench.PathOf(name), new QasmImportOptions(Lenient: true));
        double[] expected = ExactDistribution.Compute(CompiledCircuit.Compile(circuit));
        double[] plain = ExactDistribution.Compute(CompiledCircuit.Compile(circuit), Precision.Complex64);
        double[] fused = ExactDistribution.Compute(CompiledCircuit.Compile(circuit, fusion: new FusionOptions(3)), Precision.Complex64);
        double maxPlain = expected.Zip(plain, (a, b) => Math.Abs(a - b)).Max();
        double maxFused = expected.Zip(fused, (a, b) => Math.Abs(a - b)).Max();
        // Each gate rounds the amplitudes by up to ~2^−24 relative, and over G gates the errors can add up linearly:
        // 1e−5, or G·2^−24 when that is larger (only basis_trotter_n4 unfused needs it: 1,514 gates on 4 qubits,
        // measured 3.3e−5 against a bound of 9.0e−5; fused into 3-qubit blocks it has far fewer roundings, 2e−6).
        int gates = CompiledCircuit.Compile(circuit).GateCount;
        double bound = Math.Max(1e-5, gates * Math.Pow(2, -24));
        output.WriteLine($"{name}: complex64 max |Δp| {maxPlain:E2} unfused ({gates} gates, bound {bound:E1}), {maxFused:E2} fused (3 qubits)");
        Assert.True(maxPlain < bound, $"unfused max |Δp| = {maxPlain:E2} over {gates} gates");
        Assert.True(maxFused < 1e-5, $"fused max |Δp| = {maxFused:E2}");
    }

    [Fact]
    public void DeepRandomCircuits_KeepNormOneToFloatTolerance()
    {
        // 3,000 gates of float rounding: each gate perturbs ‖ψ‖² by ~2^−24 with a random sign, so the drift grows like
        // √3000 · 6e−8 ≈ 3e−6 (and at worst linearly, 2e−4); 1e−4 allows the random walk 30× and would still catch a
        // non-unitary kernel, which loses ≥ 1e−3 in one gate.
        double worst = 0;
        PropertyRunner.Run(Gen.Int[0, 1 << 30], seed =>
        {
            QuantumCircuit c = SimulatorTests.RandomCircuit(12, 3000, seed);
            IStateVector s = StateVectorSimulator.FinalState(CompiledCircuit.Compile(c), Precision.Complex64);
            double drift = Math.Abs(s.NormSquared() - 1);
            worst = Math.Max(worst, drift);
            Assert.True(drift < 1e-4, $"seed {seed}: |‖ψ‖² − 1| = {drift:E2}");
        }, baseSeed: 2024, cases: 4, output);
        output.WriteLine($"worst |‖ψ‖² − 1| over 3,000-gate circuits in complex64: {worst:E2}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Fusion_Complex64_AgreesWithUnfusedComplex128(int maxQubits)
    {
        PropertyRunner.Run(Gen.Select(Gen.Int[0, 1 << 30], Gen.Int[3, 9]), c =>
        {
            (int seed, int n) = c;
            QuantumCircuit circuit = SimulatorTests.RandomCircuit(n, 150, seed);
            double[] reference = StateVectorSimulator.FinalState(CompiledCircuit.Compile(circuit)).Probabilities();
            double[] fused = StateVectorSimulator.FinalState(CompiledCircuit.Compile(circuit, fusion: new FusionOptions(maxQubits)), Precision.Complex64).Probabilities();
            double diff = reference.Zip(fused, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(diff < 1e-5, $"seed {seed}, {n} qubits, blocks ≤ {maxQubits}: max |Δp| = {diff:E2}");
        }, baseSeed: 7100 + (ulong)maxQubits, cases: 6, output);
    }

    [Fact]
    public void MidCircuitMeasurementAndReset_Complex64_MatchComplex128()
    {
        // Teleportation (measurements, conditions) then a reset: exact branches and sampled trajectories.
        QuantumCircuit c = QasmImporter.Parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg m0[1];\ncreg m1[1];\n" +
            "ry(0.8) q[0];\nh q[1];\ncx q[1],q[2];\ncx q[0],q[1];\nh q[0];\nmeasure q[0] -> m0[0];\nmeasure q[1] -> m1[0];\n" +
            "if(m1==1) x q[2];\nif(m0==1) z q[2];\nreset q[0];\nh q[0];\n");
        CompiledCircuit compiled = CompiledCircuit.Compile(c);
        double[] p128 = ExactDistribution.Compute(compiled), p64 = ExactDistribution.Compute(compiled, Precision.Complex64);
        Assert.True(p128.Zip(p64, (a, b) => Math.Abs(a - b)).Max() < 1e-6);
        double p1 = Enumerable.Range(0, 8).Where(i => (i & 4) != 0).Sum(i => p64[i]);
        Assert.Equal(Math.Pow(Math.Sin(0.4), 2), p1, 6);
        SortedDictionary<string, int> a = Sampler.Sample(compiled, 4000, 3, Precision.Complex64);
        Assert.Equal(a, Sampler.Sample(compiled, 4000, 3, Precision.Complex64));
        // Four equally likely (m1, m0) outcomes: 4σ of a quarter over 4,000 shots ≈ 0.027.
        Assert.Equal(["00", "01", "10", "11"], a.Keys);
        Assert.All(a.Values, v => Assert.InRange(v / 4000.0, 0.25 - 0.027, 0.25 + 0.027));
    }

    [Fact]
    public void Zero_TooLarge_RefusedSayingComplex64Size()
    {
        StateTooLargeException e31 = Assert.Throws<StateTooLargeException>(() => Complex64StateVector.Zero(31));
        Assert.Contains("a 31-qubit complex64 state vector needs 16 GiB (2^31 amplitudes of 8 bytes)", e31.Message, StringComparison.Ordinal);
        Assert.Contains("30 qubits (8 GiB)", e31.Message, StringComparison.Ordinal);
        StateTooLargeException e40 = Assert.Throws<StateTooLargeException>(() => StateVector.Create(40, Precision.Complex64));
        Assert.Contains("a 40-qubit complex64 state vector needs 8 TiB", e40.Message, StringComparison.Ordinal);
        Assert.Equal(8, StateVector.BytesPerAmplitude(Precision.Complex64));
        Assert.Equal(16, StateVector.BytesPerAmplitude(Precision.Complex128));
        Assert.Equal(Precision.Complex64, StateVector.Create(3, Precision.Complex64).Precision);
    }
}
