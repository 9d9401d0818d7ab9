using System.Numerics;
using Triad.Quantum.Circuits;
using Triad.Quantum.Noise;
using Triad.Quantum.Qasm;
using Triad.Quantum.Simulation;
using Triad.Quantum.Tests.Qasm;
using Triad.Quantum.Tests.Support;
using Xunit.Abstractions;

namespace Triad.Quantum.Tests.Noise;

/// <summary>Density-matrix simulation and the noise channels against closed forms.</summary>
public sealed class DensityMatrixTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Small() => QasmBench.Small();

    [Theory]
    [MemberData(nameof(Small))]
    public void NoiseFree_QasmBench_MatchesStateVector(string name)
    {
        QuantumCircuit c = QasmBenchTests.Load(name);
        double[] sv = ExactDistribution.Compute(CompiledCircuit.Compile(c));
        double[] dm = DensityMatrixSimulator.Distribution(c);
        double diff = sv.Zip(dm, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"{name}: max |Δp| = {diff:E2}");
        Assert.True(diff < 1e-10, $"{name}: max |Δp| = {diff:E2}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.37)]
    [InlineData(1.0)]
    public void Depolarizing_SingleQubit_ShrinksBlochVectorByOneMinusP(double p)
    {
        // h; depolarizing(p); h: ⟨X⟩ after the first h is 1 → (1 − p), so P(0) at the end = (1 + (1 − p))/2.
        var c = new QuantumCircuit(1);
        c.Gate("h", [0]).Gate("x", [0]).Gate("h", [0]);
        NoiseModel noise = new NoiseModel().Add("x", QuantumChannel.Depolarizing(p, 1));
        double[] d = DensityMatrixSimulator.Distribution(c, noise);
        Assert.Equal(1 - (p / 2), d[0], 14);
    }

    [Fact]
    public void Depolarizing_TwoQubitOnCx_BellParity()
    {
        // Bell pair with cx followed by 2-qubit depolarizing p: P(00) + P(11) = (1 − p) + p·2/4 = 1 − p/2.
        var c = new QuantumCircuit(2);
        c.Gate("h", [0]).Gate("cx", [0, 1]);
        double[] d = DensityMatrixSimulator.Distribution(c, new NoiseModel().Add("cx", QuantumChannel.Depolarizing(0.2, 2)));
        Assert.Equal(0.9, d[0] + d[3], 14);
        Assert.Equal(0.05, d[1], 14);
    }

    [Fact]
    public void ThermalRelaxation_PopulationAndCoherence_DecayWithT1AndT2()
    {
        const double t1 = 50e-6, t2 = 70e-6, time = 5e-6;
        QuantumChannel relax = QuantumChannel.ThermalRelaxation(t1, t2, time);
        var pop = new QuantumCircuit(1);
        pop.Gate("x", [0]);
        double[] d = DensityMatrixSimulator.Distribution(pop, new NoiseModel().Add("x", relax));
        Assert.Equal(Math.Exp(-time / t1), d[1], 14);
        // Coherence: h, relax (on h), h gives P(0) = ½ + ½·Re ρ₀₁·2 = (1 + e^{−t/T2})/2 plus the T1 pull towards |0⟩:
        // after relaxation ρ₁₁ = ½e^{−t/T1}, ρ₀₁ = ½e^{−t/T2}; the final h gives P(0) = ½ + Re ρ₀₁.
        var coh = new QuantumCircuit(1);
        coh.Gate("h", [0]).Gate("id", [0]).Gate("h", [0]);
        double[] e = DensityMatrixSimulator.Distribution(coh, new NoiseModel().Add("id", relax));
        Assert.Equal(0.5 + (0.5 * Math.Exp(-time / t2)), e[0], 14);
    }

    [Fact]
    public void AmplitudeAndPhaseDamping_ClosedForms()
    {
        var c = new QuantumCircuit(1);
        c.Gate("x", [0]);
        Assert.Equal(0.7, DensityMatrixSimulator.Distribution(c, new NoiseModel().Add("x", QuantumChannel.AmplitudeDamping(0.3)))[1], 14);
        var h = new QuantumCircuit(1);
        h.Gate("h", [0]).Gate("s", [0]).Gate("sdg", [0]).Gate("h", [0]);
        double[] d = DensityMatrixSimulator.Distribution(h, new NoiseModel().Add("s", QuantumChannel.PhaseDamping(0.36)));
        Assert.Equal(0.5 + (0.5 * Math.Sqrt(1 - 0.36)), d[0], 14);
    }

    [Fact]
    public void Overrotation_IsCoherent()
    {
        var c = new QuantumCircuit(1);
        c.Gate("x", [0]);
        double[] d = DensityMatrixSimulator.Distribution(c, new NoiseModel().Add("x", QuantumChannel.Overrotation(0.2)));
        // rx(0.2)·X|0⟩: P(0) = sin²(0.1).
        Assert.Equal(Math.Pow(Math.Sin(0.1), 2), d[0], 14);
    }

    [Fact]
    public void Readout_PerQubitConfusion()
    {
        var c = new QuantumCircuit(2);
        c.Gate("x", [0]);
        NoiseModel noise = new NoiseModel().SetReadout([0.02, 0.1], [0.05, 0.3]);
        double[] d = DensityMatrixSimulator.Distribution(c, noise);
        // q0 = 1 read as 0 with 0.05; q1 = 0 read as 1 with 0.1.
        Assert.Equal(0.95 * 0.9, d[1], 14);
        Assert.Equal(0.05 * 0.9, d[0], 14);
        Assert.Equal(0.95 * 0.1, d[3], 14);
        Assert.Equal(0.05 * 0.1, d[2], 14);
    }

    [Fact]
    public void Channels_AreTracePreserving()
    {
        foreach (QuantumChannel ch in new[] { QuantumChannel.Depolarizing(0.3, 1), QuantumChannel.Depolarizing(0.3, 2), QuantumChannel.AmplitudeDamping(0.2),
            QuantumChannel.PhaseDamping(0.4), QuantumChannel.ThermalRelaxation(3, 5, 1), QuantumChannel.Overrotation(0.3) })
        {
            Complex[] sum = ch.Completeness();
            int d = 1 << ch.QubitCount;
            for (int i = 0; i < d; i++)
            {
                for (int j = 0; j < d; j++)
                {
                    Assert.True((sum[(i * d) + j] - (i == j ? 1 : 0)).Magnitude < 1e-14, $"{ch.Name}: Σ K†K [{i},{j}] = {sum[(i * d) + j]}");
                }
            }
        }
    }

    [Fact]
    public void NoisyRandomCircuit_TraceStaysOneAndMatchesIdealWhenNoiseIsZero()
    {
        QuantumCircuit c = Simulation.SimulatorTests.RandomCircuit(5, 80, 12);
        NoiseModel zero = NoiseModel.Parse("{\"gates\": {\"cx\": [{\"depolarizing\": 0}], \"h\": [{\"amplitude_damping\": 0}]}}");
        double[] ideal = ExactDistribution.Compute(CompiledCircuit.Compile(c));
        Assert.True(ideal.Zip(DensityMatrixSimulator.Distribution(c, zero), (a, b) => Math.Abs(a - b)).Max() < 1e-12);
        NoiseModel noisy = NoiseModel.Parse("{\"gates\": {\"cx\": [{\"depolarizing\": 0.05}], \"h\": [{\"thermal_relaxation\": {\"t1\": 1, \"t2\": 1.5, \"time\": 0.01}}], " +
            "\"rz\": [{\"phase_damping\": 0.03}]}, \"readout\": {\"p1given0\": 0.02, \"p0given1\": 0.04}}");
        double[] d = DensityMatrixSimulator.Distribution(c, noisy);
        Assert.Equal(1.0, d.Sum(), 12);
        Assert.All(d, p => Assert.True(p >= -1e-15));
        Assert.True(ideal.Zip(d, (a, b) => Math.Abs(a - b)).Max() > 1e-3, "noise changed nothing");
    }

    [Fact]
    public void MidCircuitMeasurementWithCondition_MatchesStateVectorBranches()
    {
        QuantumCircuit c = QasmBenchTests.Load("ipea_n2.qasm");
        double[] sv = ExactDistribution.Compute(CompiledCircuit.Compile(c));
        double[] dm = DensityMatrixSimulator.Distribution(c);
        Assert.True(sv.Zip(dm, (a, b) => Math.Abs(a - b)).Max() < 1e-12);
    }

    [Fact]
    public void Zero_SixteenQubits_RefusedSayingSize()
    {
        StateTooLargeException e = Assert.Throws<StateTooLargeException>(() => DensityMatrix.Zero(16));
        Assert.Contains("a 16-qubit density matrix needs 64 GiB", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"gates\": {\"h\": [{\"depolarizing\": 1.5}]}}", "m.json: gates.h[0].depolarizing: depolarizing probability 1.5 is outside [0, 1]")]
    [InlineData("{\"gates\": {\"h\": [{\"amplitude_damping\": -0.1}]}}", "m.json: gates.h[0].amplitude_damping: amplitude damping probability -0.1 is outside [0, 1]")]
    [InlineData("{\"gates\": {\"foo\": [{\"depolarizing\": 0.1}]}}", "m.json: gates.foo: unknown gate 'foo'")]
    [InlineData("{\"gates\": {\"h\": [{\"bitflip\": 0.1}]}}", "m.json: gates.h[0].bitflip: unknown channel")]
    [InlineData("{\"gates\": {\"cx\": {\"0\": [{\"depolarizing\": 0.1}]}}}", "m.json: gates.cx.0: gate 'cx' acts on 2 qubit(s), not 1")]
    [InlineData("{\"readout\": {\"p1given0\": [0.1, 2]}}", "m.json: readout.p1given0[1]: probability 2 is outside [0, 1]")]
    [InlineData("{\"readout\": {\"p2given0\": 0.1}}", "m.json: readout.p2given0: unknown key")]
    [InlineData("{\"gates\": {\"h\": [{\"thermal_relaxation\": {\"t1\": 1, \"t2\": 3, \"time\": 0.1}}]}}", "T2 3 must be positive and at most 2·T1 = 2")]
    [InlineData("{\"gates\": {\"h\": [{\"depolarizing\": 0.1}]\n  \"x\": []}}", "m.json:2:3: invalid JSON")]
    [InlineData("{\"noise\": {}}", "m.json: noise: unknown key")]
    public void Parse_BadModel_NamesFileAndPlace(string json, string expected)
    {
        NoiseModelException e = Assert.Throws<NoiseModelException>(() => NoiseModel.Parse(json, "m.json"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PerQubitPlacement_AppliesOnlyThere()
    {
        NoiseModel noise = NoiseModel.Parse("{\"gates\": {\"x\": {\"1\": [{\"amplitude_damping\": 0.5}], \"*\": [{\"amplitude_damping\": 0.1}]}}}", "p.json");
        var c = new QuantumCircuit(2);
        c.Gate("x", [0]).Gate("x", [1]);
        double[] d = DensityMatrixSimulator.Distribution(c, noise);
        Assert.Equal(0.9 * 0.5, d[3], 14);
    }
}

/// <summary>Monte-Carlo trajectories against the exact density matrix.</summary>
public sealed class TrajectoryTests(ITestOutputHelper output)
{
    [Fact]
    public void Trajectories_FourQubitNoisyCircuit_AgreeWithDensityMatrixWithinThreeStandardErrors()
    {
        QuantumCircuit c = QasmImporter.Parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[4];\ncreg m[1];\n" +
            "h q[0];\ncx q[0],q[1];\nry(0.7) q[2];\ncx q[1],q[2];\nrx(1.1) q[3];\ncx q[2],q[3];\nh q[1];\nmeasure q[1] -> m[0];\n" +
            "if(m==1) x q[3];\nreset q[0];\nh q[0];\ncx q[0],q[3];\n");
        NoiseModel noise = NoiseModel.Parse("{\"gates\": {\"cx\": [{\"depolarizing\": 0.08}], \"h\": [{\"amplitude_damping\": 0.05}, {\"phase_damping\": 0.04}], " +
            "\"ry\": [{\"thermal_relaxation\": {\"t1\": 40, \"t2\": 30, \"time\": 2}}], \"rx\": [{\"overrotation\": 0.1}]}, " +
            "\"readout\": {\"p1given0\": 0.02, \"p0given1\": 0.05}}", "t.json");
        double[] exact = DensityMatrixSimulator.Distribution(c, noise);
        (double[] mean, double[] se) = TrajectorySimulator.Distribution(c, noise, 3000, seed: 31);
        double worst = 0;
        for (int i = 0; i < exact.Length; i++)
        {
            double z = Math.Abs(mean[i] - exact[i]) / Math.Max(se[i], 1e-15);
            worst = Math.Max(worst, z);
            Assert.True(Math.Abs(mean[i] - exact[i]) <= (3 * se[i]) + 1e-12, $"outcome {i}: trajectories {mean[i]:F5} ± {se[i]:F5}, exact {exact[i]:F5}");
        }
        output.WriteLine($"largest |trajectories − exact| = {worst:F2} standard errors over {exact.Length} outcomes (3000 trajectories, seed 31)");
        Assert.Equal(1.0, mean.Sum(), 12);
        (double[] again, _) = TrajectorySimulator.Distribution(c, noise, 3000, seed: 31);
        Assert.Equal(mean, again);
    }
}
