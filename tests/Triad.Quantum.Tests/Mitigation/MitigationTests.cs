using System.Numerics;
using Triad.Quantum.Circuits;
using Triad.Quantum.Gates;
using Triad.Quantum.Mitigation;
using Triad.Quantum.Noise;
using Triad.Quantum.Simulation;
using Xunit.Abstractions;

namespace Triad.Quantum.Tests.Mitigation;

/// <summary>Readout inversion, unitary folding, zero-noise extrapolation, PEC and the calibration schedule.</summary>
public sealed class MitigationTests(ITestOutputHelper output)
{
    /// <summary>The must-show circuit: 4 qubits, two layers of ry and a cx chain (11 noisy gates).</summary>
    internal static QuantumCircuit FourQubitCircuit()
    {
        var c = new QuantumCircuit(4, 4);
        double[] first = [0.3, 0.5, 0.2, 0.4], second = [0.25, -0.2, 0.35, 0.15];
        for (int q = 0; q < 4; q++)
        {
            c.Gate("ry", [q], first[q]);
        }
        c.Gate("cx", [0, 1]).Gate("cx", [1, 2]).Gate("cx", [2, 3]);
        for (int q = 0; q < 4; q++)
        {
            c.Gate("ry", [q], second[q]);
        }
        for (int q = 0; q < 4; q++)
        {
            c.Measure(q, q);
        }
        return c;
    }

    /// <summary>Depolarising 1 % after ry (one qubit), 3 % after cx (two qubits); readout P(1|0) = 2 %, P(0|1) = 5 %.</summary>
    internal static NoiseModel Noise() => new NoiseModel()
        .Add("ry", QuantumChannel.Depolarizing(0.01, 1))
        .Add("cx", QuantumChannel.Depolarizing(0.03, 2))
        .SetReadout([0.02], [0.05]);

    private static double Ideal(QuantumCircuit c, long mask) => Executors.ZExpectation(ExactDistribution.Compute(CompiledCircuit.Compile(c)), mask);

    [Fact]
    public void EachMethod_BringsZCloserToIdeal_ThanUnmitigated()
    {
        QuantumCircuit c = FourQubitCircuit();
        NoiseModel noise = Noise();
        DistributionExecutor exact = Executors.Exact(noise);
        double[] raw = exact(c);
        ReadoutMitigator readout = ReadoutMitigator.Calibrate(4, exact);
        double[] corrected = readout.Correct(raw);
        var errors = new Dictionary<string, double>();
        var overheads = new Dictionary<string, double>();
        void Add(string method, double error, double overhead)
        {
            errors[method] = errors.GetValueOrDefault(method) + (error / 4);
            overheads[method] = Math.Max(overheads.GetValueOrDefault(method), overhead);
        }
        for (int q = 0; q < 4; q++)
        {
            long mask = 1L << q;
            double ideal = Ideal(c, mask);
            Add("unmitigated", Math.Abs(Executors.ZExpectation(raw, mask) - ideal), 1);
            Add("readout", Math.Abs(Executors.ZExpectation(corrected, mask) - ideal), readout.ShotOverhead(mask));
            foreach (ExtrapolationFit fit in Enum.GetValues<ExtrapolationFit>())
            {
                foreach (FoldingMethod folding in Enum.GetValues<FoldingMethod>())
                {
                    ZneResult z = ZeroNoiseExtrapolation.Run(c, exact, mask, [1, 2, 3], fit, folding);
                    Add($"zne {fit.ToString().ToLowerInvariant()} {folding.ToString().ToLowerInvariant()}", Math.Abs(z.Value - ideal), z.ShotOverhead);
                }
            }
            PecResult pec = ProbabilisticErrorCancellation.Run(c, noise, exact, mask, 4000, 17 + (ulong)q);
            Add("pec", Math.Abs(pec.Value - ideal), pec.ShotOverhead);
        }
        double baseline = errors["unmitigated"];
        output.WriteLine("method                         mean |⟨Z⟩ − ideal|   reduction   shot overhead");
        foreach ((string method, double error) in errors)
        {
            output.WriteLine($"{method,-30} {error,10:F5}   {baseline / error,9:F2}×   {overheads[method],8:F2}");
        }
        foreach ((string method, double error) in errors.Where(e => e.Key != "unmitigated"))
        {
            Assert.True(error < baseline, $"{method}: error {error:F5} is not below the unmitigated {baseline:F5}");
        }
        Assert.True(baseline > 0.02, $"the noise is too weak to show anything ({baseline:F4})");
    }

    [Fact]
    public void Readout_CalibrationRecoversTheModel_AndInversionUndoesIt()
    {
        NoiseModel noise = new NoiseModel().SetReadout([0.02, 0.03, 0.01], [0.05, 0.04, 0.06]);
        ReadoutMitigator m = ReadoutMitigator.Calibrate(3, Executors.Exact(noise));
        Assert.Equal([0.02, 0.03, 0.01], m.P1Given0.Select(v => Math.Round(v, 12)));
        Assert.Equal([0.05, 0.04, 0.06], m.P0Given1.Select(v => Math.Round(v, 12)));
        var rng = new Random(3);
        double[] p = [.. Enumerable.Range(0, 8).Select(_ => rng.NextDouble())];
        double total = p.Sum();
        p = [.. p.Select(v => v / total)];
        double[] read = (double[])p.Clone();
        noise.ApplyReadout(read, 3);
        double[] back = m.Correct(read);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(p[i], back[i], 13);
        }
        Assert.Equal(1 / Math.Pow(1 - 0.02 - 0.05, 2), m.ShotOverhead(1), 12);
        Assert.Contains("invertible", Assert.Throws<ArgumentException>(() => new ReadoutMitigator([0.6], [0.5])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folding_KeepsTheUnitary_AndScalesTheGateCount()
    {
        var rng = new Random(11);
        string[] names = [.. StandardGates.All.Keys.Where(n => n is not ("csx" or "c3sqrtx") && StandardGates.All[n].QubitCount <= 3).Order(StringComparer.Ordinal)];
        var c = new QuantumCircuit(3);
        for (int i = 0; i < 40; i++)
        {
            GateDefinition g = StandardGates.All[names[i % names.Length]];
            int[] q = [.. Enumerable.Range(0, 3).OrderBy(_ => rng.Next()).Take(g.QubitCount)];
            c.Gate(g.Name, q, [.. Enumerable.Range(0, g.ParameterCount).Select(_ => (rng.NextDouble() - 0.5) * 6)]);
        }
        Complex[] reference = [.. StateVectorSimulator.FinalState(CompiledCircuit.Compile(c)).Amplitudes];
        foreach (double scale in new[] { 1.0, 1.5, 2.0, 3.0, 4.2 })
        {
            foreach (QuantumCircuit folded in new[] { UnitaryFolding.FoldGlobal(c, scale), UnitaryFolding.FoldGates(c, scale) })
            {
                Complex[] s = [.. StateVectorSimulator.FinalState(CompiledCircuit.Compile(folded)).Amplitudes];
                double worst = reference.Zip(s, (a, b) => (a - b).Magnitude).Max();
                Assert.True(worst < 1e-12, $"scale {scale}: folded state differs by {worst:E2}");
                Assert.Equal(UnitaryFolding.AchievedScale(40, scale) * 40, folded.Instructions.Count, 9);
            }
            Assert.InRange(UnitaryFolding.AchievedScale(40, scale), scale - (1.0 / 40), scale + (1.0 / 40));
        }
        var bad = new QuantumCircuit(2);
        bad.Gate("csx", [0, 1]);
        Assert.Contains("no inverse", Assert.Throws<ArgumentException>(() => UnitaryFolding.FoldGlobal(bad, 3)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => UnitaryFolding.FoldGates(c, 0.5));
    }

    [Fact]
    public void Extrapolation_IsExactForItsOwnModel()
    {
        double[] x = [1, 2, 3];
        // Richardson through a quadratic, the linear fit on a line, the exponential fit on 0.1 + 0.8·e^{−0.3λ}.
        Assert.Equal(0.9, ZeroNoiseExtrapolation.Extrapolate(x, [.. x.Select(l => 0.9 - (0.1 * l) + (0.02 * l * l))], ExtrapolationFit.Richardson).Value, 13);
        Assert.Equal(0.7, ZeroNoiseExtrapolation.Extrapolate(x, [.. x.Select(l => 0.7 - (0.05 * l))], ExtrapolationFit.Linear).Value, 13);
        Assert.Equal(0.9, ZeroNoiseExtrapolation.Extrapolate(x, [.. x.Select(l => 0.1 + (0.8 * Math.Exp(-0.3 * l)))], ExtrapolationFit.Exponential, 0.1).Value, 13);
        // Richardson on 1, 2, 3 has weights 3, −3, 1: overhead 3·19 = 57.
        Assert.Equal(57, ZeroNoiseExtrapolation.Extrapolate(x, [0.5, 0.4, 0.3], ExtrapolationFit.Richardson).ShotOverhead, 12);
        Assert.Contains("distinct", Assert.Throws<ArgumentException>(() => ZeroNoiseExtrapolation.Extrapolate([1, 1], [0.5, 0.4], ExtrapolationFit.Linear)).Message, StringComparison.Ordinal);
        Assert.Contains("one side", Assert.Throws<ArgumentException>(() => ZeroNoiseExtrapolation.Extrapolate(x, [0.5, -0.1, 0.2], ExtrapolationFit.Exponential)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pec_GammaClosedForm_AndUnbiasedWithinItsError()
    {
        // One ry and one cx: γ = (1 + p₁·2/4)/(1 − p₁) · (1 + p₂·14/16)/(1 − p₂).
        var c = new QuantumCircuit(2, 2);
        c.Gate("ry", [0], 1.1).Gate("cx", [0, 1]);
        NoiseModel noise = new NoiseModel().Add("ry", QuantumChannel.Depolarizing(0.1, 1)).Add("cx", QuantumChannel.Depolarizing(0.2, 2));
        double gamma = (1 + (0.1 * 2 / 4)) / 0.9 * ((1 + (0.2 * 14 / 16)) / 0.8);
        Assert.Equal(gamma, ProbabilisticErrorCancellation.Gamma(c, noise), 12);
        PecResult r = ProbabilisticErrorCancellation.Run(c, noise, Executors.Exact(noise), 0b10, 4000, 5);
        double ideal = Math.Cos(1.1);
        double raw = Executors.ZExpectation(Executors.Exact(noise)(c), 0b10);
        output.WriteLine($"ideal {ideal:F4}, noisy {raw:F4}, PEC {r.Value:F4} ± {r.StandardError:F4}, γ = {r.Gamma:F4}");
        Assert.True(Math.Abs(r.Value - ideal) < 4 * r.StandardError, $"PEC {r.Value} ± {r.StandardError} vs ideal {ideal}");
        Assert.True(Math.Abs(raw - ideal) > 8 * r.StandardError, "the test cannot tell PEC from no mitigation");
        NoiseModel damp = new NoiseModel().Add("ry", QuantumChannel.AmplitudeDamping(0.1));
        Assert.Contains("depolarizing channels only", Assert.Throws<ArgumentException>(() => ProbabilisticErrorCancellation.Gamma(c, damp)).Message, StringComparison.Ordinal);
        NoiseModel onX = new NoiseModel().Add("x", QuantumChannel.Depolarizing(0.1, 1));
        Assert.Contains("noise on 'x'", Assert.Throws<ArgumentException>(() => ProbabilisticErrorCancellation.Gamma(c, onX)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CalibrationSchedule_RecalibratesEveryKSteps()
    {
        var steps = new List<int>();
        var schedule = new CalibrationSchedule<string>(3, s =>
        {
            steps.Add(s);
            return $"calibration at {s}";
        });
        for (int s = 0; s < 10; s++)
        {
            schedule.Step(s);
        }
        Assert.Equal([0, 3, 6, 9], steps);
        Assert.Equal(4, schedule.Calibrations);
        Assert.Equal("calibration at 9", schedule.Current);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CalibrationSchedule<string>(0, _ => ""));
    }
}
