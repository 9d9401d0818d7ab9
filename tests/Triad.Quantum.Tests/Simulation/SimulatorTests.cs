using System.Numerics;
using CsCheck;
using Triad.Quantum.Circuits;
using Triad.Quantum.Fusion;
using Triad.Quantum.Gates;
using Triad.Quantum.Qasm;
using Triad.Quantum.Simulation;
using Triad.Quantum.Tests.Support;
using Triad.Tests.Shared;
using Xunit.Abstractions;

namespace Triad.Quantum.Tests.Simulation;

/// <summary>Whole circuits: norm over deep random circuits, fusion, measurement, reset, conditions, sampling, memory.</summary>
public sealed class SimulatorTests(ITestOutputHelper output)
{
    /// <summary>A random circuit of <paramref name="depth"/> gates drawn from the whole standard set.</summary>
    internal static QuantumCircuit RandomCircuit(int qubits, int depth, int seed)
    {
        var random = new Random(seed);
        string[] names = [.. StandardGates.All.Keys.Order(StringComparer.Ordinal).Where(n => StandardGates.All[n].QubitCount <= qubits)];
        var c = new QuantumCircuit(qubits);
        for (int i = 0; i < depth; i++)
        {
            GateDefinition g = StandardGates.All[names[random.Next(names.Length)]];
            int[] q = [.. Enumerable.Range(0, qubits).OrderBy(_ => random.Next()).Take(g.QubitCount)];
            c.Gate(g.Name, q, [.. Enumerable.Range(0, g.ParameterCount).Select(_ => (random.NextDouble() - 0.5) * 8)]);
        }
        return c;
    }

    [Fact]
    public void DeepRandomCircuits_KeepNormOneTo1e12()
    {
        PropertyRunner.Run(Gen.Int[0, 1 << 30], seed =>
        {
            QuantumCircuit c = RandomCircuit(12, 3000, seed);
            StateVector s = StateVectorSimulator.FinalState(CompiledCircuit.Compile(c));
            double drift = Math.Abs(s.NormSquared() - 1);
            Assert.True(drift < 1e-12, $"seed {seed}: |‖ψ‖² − 1| = {drift:E2}");
        }, baseSeed: 2024, cases: 4, output);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Fusion_RandomCircuits_AgreesWithUnfused(int maxQubits)
    {
        PropertyRunner.Run(Gen.Select(Gen.Int[0, 1 << 30], Gen.Int[3, 9]), c =>
        {
            (int seed, int n) = c;
            QuantumCircuit circuit = RandomCircuit(n, 150, seed);
            CompiledCircuit plain = CompiledCircuit.Compile(circuit);
            CompiledCircuit fused = CompiledCircuit.Compile(circuit, fusion: new FusionOptions(maxQubits));
            Assert.True(fused.GateCount < plain.GateCount, $"fusion did not merge anything ({fused.GateCount} of {plain.GateCount})");
            double diff = DenseReference.MaxDifference(StateVectorSimulator.FinalState(plain).Amplitudes, StateVectorSimulator.FinalState(fused).Amplitudes);
            Assert.True(diff < 1e-12, $"seed {seed}, {n} qubits, blocks ≤ {maxQubits}: max |Δa| = {diff:E2}");
        }, baseSeed: 7000 + (ulong)maxQubits, cases: 10, output);
    }

    [Fact]
    public void Fusion_DiagonalRun_StaysDiagonal()
    {
        var c = new QuantumCircuit(3);
        c.Gate("rz", [0], 0.3).Gate("cz", [0, 1]).Gate("cp", [1, 0], 0.4).Gate("t", [1]);
        IReadOnlyList<Step> steps = CompiledCircuit.Compile(c, fusion: new FusionOptions(2)).Steps;
        Step only = Assert.Single(steps);
        Assert.Equal(GateOperatorKind.Diagonal, only.Operator!.Kind);
    }

    [Fact]
    public void Fusion_ControlledPhaseWrittenWithCx_BecomesDiagonal()
    {
        // QASMBench's qft writes cp(λ) as u1(λ/2) c; cx c,t; u1(−λ/2) t; cx c,t; u1(λ/2) t: the product is diagonal.
        var c = new QuantumCircuit(2);
        c.Gate("u1", [0], 0.4).Gate("cx", [0, 1]).Gate("u1", [1], -0.4).Gate("cx", [0, 1]).Gate("u1", [1], 0.4);
        Step only = Assert.Single(CompiledCircuit.Compile(c, fusion: new FusionOptions(2)).Steps);
        Assert.Equal(GateOperatorKind.Diagonal, only.Operator!.Kind);
        double diff = DenseReference.MaxDifference(StateVectorSimulator.FinalState(CompiledCircuit.Compile(c)).Amplitudes,
            StateVectorSimulator.FinalState(CompiledCircuit.Compile(c, fusion: new FusionOptions(2))).Amplitudes);
        Assert.True(diff < 1e-15);
    }

    [Fact]
    public void Fusion_PermutationsOnly_StayAsTheyAre()
    {
        var c = new QuantumCircuit(3);
        c.Gate("x", [0]).Gate("cx", [0, 1]).Gate("ccx", [0, 1, 2]).Gate("swap", [1, 2]);
        IReadOnlyList<Step> steps = CompiledCircuit.Compile(c, fusion: new FusionOptions(3)).Steps;
        Assert.Equal([GateOperatorKind.ControlledX, GateOperatorKind.ControlledX, GateOperatorKind.ControlledX, GateOperatorKind.ControlledSwap],
            steps.Select(s => s.Operator!.Kind));
    }

    [Fact]
    public void Fusion_DoesNotCrossMeasurementOrCondition()
    {
        QuantumCircuit c = QasmImporter.Parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg m[1];\nh q[0];\nmeasure q[0] -> m[0];\nh q[0];\nif(m==1) x q[1];\nh q[1];");
        Assert.Equal(["Gate", "Measure", "Gate", "Gate", "Gate"], CompiledCircuit.Compile(c, fusion: new FusionOptions(2)).Steps.Select(s => s.Kind.ToString()));
        double[] p = ExactDistribution.Compute(CompiledCircuit.Compile(c, fusion: new FusionOptions(2)));
        double[] r = ReferenceRunner.Distribution(c);
        Assert.True(p.Zip(r, (a, b) => Math.Abs(a - b)).Max() < 1e-12);
    }

    [Fact]
    public void Measurement_AtEnd_DoesNotChangeDistribution()
    {
        QuantumCircuit a = RandomCircuit(5, 60, 3);
        QuantumCircuit b = a.CopyRegisters();
        b.AddClassicalRegister("c", 5);
        foreach (Instruction i in a.Instructions)
        {
            b.Add(i);
        }
        for (int q = 0; q < 5; q++)
        {
            b.Measure(q, 4 - q);
        }
        double[] pa = ExactDistribution.Compute(CompiledCircuit.Compile(a)), pb = ExactDistribution.Compute(CompiledCircuit.Compile(b));
        Assert.Equal(pa, pb);
    }

    [Fact]
    public void Teleportation_WithConditions_TransfersTheState()
    {
        // Teleport ry(0.8)|0⟩ from q0 to q2 with mid-circuit measurements and classically conditioned corrections.
        QuantumCircuit c = QasmImporter.Parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg m0[1];\ncreg m1[1];\n" +
            "ry(0.8) q[0];\nh q[1];\ncx q[1],q[2];\ncx q[0],q[1];\nh q[0];\nmeasure q[0] -> m0[0];\nmeasure q[1] -> m1[0];\n" +
            "if(m1==1) x q[2];\nif(m0==1) z q[2];\n");
        double[] p = ExactDistribution.Compute(CompiledCircuit.Compile(c));
        double p1 = Enumerable.Range(0, 8).Where(i => (i & 4) != 0).Sum(i => p[i]);
        Assert.Equal(Math.Pow(Math.Sin(0.4), 2), p1, 12);
        // Trajectories: each shot's q2 is |1⟩ with the same probability; 4000 shots, 4σ ≈ 0.03.
        CompiledCircuit compiled = CompiledCircuit.Compile(c);
        int ones = 0;
        var random = new Triad.Numerics.Random.SeededRandom(9);
        for (int shot = 0; shot < 4000; shot++)
        {
            (StateVector s, _) = StateVectorSimulator.Run(compiled, random.Fork((ulong)shot));
            ones += random.Fork((ulong)shot + 100000).NextDouble() < s.ProbabilityOfOne(2) ? 1 : 0;
        }
        Assert.InRange(ones / 4000.0, p1 - 0.03, p1 + 0.03);
    }

    [Fact]
    public void Reset_ReturnsQubitToZero()
    {
        var c = new QuantumCircuit(2);
        c.Gate("h", [0]).Gate("cx", [0, 1]).Reset(0).Gate("x", [0]);
        double[] p = ExactDistribution.Compute(CompiledCircuit.Compile(c));
        // After reset q0 = 0 then X: q0 = 1; q1 stays a fair coin: P(01) = P(11) = ½ (index bit 0 = q0).
        Assert.Equal(0.5, p[1], 12);
        Assert.Equal(0.5, p[3], 12);
        Assert.Equal(0.0, p[0] + p[2], 12);
    }

    [Fact]
    public void Sample_SameSeed_SameCountsAndBornFrequencies()
    {
        var c = new QuantumCircuit(2, 2);
        c.Gate("ry", [0], 2 * Math.Acos(Math.Sqrt(0.3))).Gate("cx", [0, 1]).Measure(0, 0).Measure(1, 1);
        CompiledCircuit compiled = CompiledCircuit.Compile(c);
        SortedDictionary<string, int> a = Sampler.Sample(compiled, 20000, 42), b = Sampler.Sample(compiled, 20000, 42);
        Assert.Equal(a, b);
        Assert.Equal(["00", "11"], a.Keys);
        // P(00) = 0.3; binomial σ = √(0.3·0.7/20000) ≈ 0.0032, so 4σ ≈ 0.013.
        Assert.InRange(a["00"] / 20000.0, 0.3 - 0.013, 0.3 + 0.013);
        Assert.NotEqual(a, Sampler.Sample(compiled, 20000, 43));
    }

    [Fact]
    public void Sample_MidCircuitMeasurement_UsesTrajectories()
    {
        QuantumCircuit c = QasmImporter.Parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg a[1];\ncreg b[1];\n" +
            "h q[0];\nmeasure q[0] -> a[0];\nif(a==1) x q[0];\nh q[0];\nmeasure q[0] -> b[0];");
        SortedDictionary<string, int> counts = Sampler.Sample(CompiledCircuit.Compile(c), 4000, 5);
        // a is a fair coin; after the correction q0 = |0⟩, so b is a fair coin too: four outcomes of ¼ each (4σ ≈ 0.027).
        Assert.Equal(["00", "01", "10", "11"], counts.Keys);
        Assert.All(counts.Values, v => Assert.InRange(v / 4000.0, 0.25 - 0.027, 0.25 + 0.027));
        Assert.Equal(counts, Sampler.Sample(CompiledCircuit.Compile(c), 4000, 5));
    }

    [Fact]
    public void Zero_FortyQubits_RefusedBeforeAllocationSayingSize()
    {
        StateTooLargeException e = Assert.Throws<StateTooLargeException>(() => StateVector.Zero(40));
        Assert.Contains("a 40-qubit state vector needs 16 TiB", e.Message, StringComparison.Ordinal);
        StateTooLargeException e31 = Assert.Throws<StateTooLargeException>(() => StateVector.Zero(31));
        Assert.Contains("needs 32 GiB", e31.Message, StringComparison.Ordinal);
        Assert.Contains("30 qubits", e31.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SymbolicParameters_BoundAtRunTime_EqualNumericCircuit()
    {
        var symbolic = new QuantumCircuit(2);
        ParameterExpression theta = ParameterExpression.Symbol("theta");
        symbolic.Gate("rx", [0], [ParameterExpression.Binary('*', theta, ParameterExpression.Constant(2))]).Gate("crz", [0, 1], [theta]);
        var numeric = new QuantumCircuit(2);
        numeric.Gate("rx", [0], 1.4).Gate("crz", [0, 1], 0.7);
        var bindings = new Dictionary<string, double> { ["theta"] = 0.7 };
        Complex[] a = StateVectorSimulator.FinalState(CompiledCircuit.Compile(symbolic, bindings)).Amplitudes.ToArray();
        Complex[] b = StateVectorSimulator.FinalState(CompiledCircuit.Compile(numeric)).Amplitudes.ToArray();
        Assert.Equal(a, b);
        Assert.Throws<UnboundParameterException>(() => CompiledCircuit.Compile(symbolic));
    }

    [Fact]
    public void Circuit_BadQubitOrArity_Refused()
    {
        var c = new QuantumCircuit(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => c.Gate("h", [2]));
        Assert.Throws<ArgumentException>(() => c.Gate("cx", [0]));
        Assert.Throws<ArgumentException>(() => c.Gate("nope", [0]));
        Assert.Throws<ArgumentException>(() => c.Gate("cx", [1, 1]));
    }
}
