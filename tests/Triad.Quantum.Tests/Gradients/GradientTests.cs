using CsCheck;
using Triad.Numerics.Threading;
using Triad.Quantum.Circuits;
using Triad.Quantum.Gates;
using Triad.Quantum.Gradients;
using Triad.Quantum.Qasm;
using Triad.Tests.Shared;
using Xunit.Abstractions;
using P = Triad.Quantum.Circuits.ParameterExpression;

namespace Triad.Quantum.Tests.Gradients;

/// <summary>Expectations and gradients against closed forms and central finite differences.</summary>
public sealed class GradientTests(ITestOutputHelper output)
{
    private static IReadOnlyDictionary<string, double> Bind(params (string Name, double Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    /// <summary>Central differences (f(θ+h) − f(θ−h))/2h with h = 1e-5: truncation ~h²·f‴/6 ≈ 1e-11, rounding ~1e-11.</summary>
    private static double[,] FiniteDifferences(DifferentiableCircuit dc, IReadOnlyDictionary<string, double> at, IReadOnlyList<PauliObservable> observables)
    {
        const double h = 1e-5;
        var jac = new double[observables.Count, dc.Parameters.Count];
        for (int k = 0; k < dc.Parameters.Count; k++)
        {
            var plus = at.ToDictionary(); plus[dc.Parameters[k]] += h;
            var minus = at.ToDictionary(); minus[dc.Parameters[k]] -= h;
            double[,] fp = dc.Expectations([plus], observables), fm = dc.Expectations([minus], observables);
            for (int j = 0; j < observables.Count; j++)
            {
                jac[j, k] = (fp[0, j] - fm[0, j]) / (2 * h);
            }
        }
        return jac;
    }

    private static double MaxDifference(double[,,] jacobian, int sample, double[,] reference)
    {
        double worst = 0;
        for (int j = 0; j < reference.GetLength(0); j++)
        {
            for (int k = 0; k < reference.GetLength(1); k++)
            {
                worst = Math.Max(worst, Math.Abs(jacobian[sample, j, k] - reference[j, k]));
            }
        }
        return worst;
    }

    [Fact]
    public void SingleRotation_MatchesClosedForm()
    {
        // ry(θ)|0⟩: ⟨Z⟩ = cos θ, ⟨X⟩ = sin θ; rx(θ)|0⟩: ⟨Y⟩ = −sin θ.
        var c = new QuantumCircuit(2);
        c.Gate("ry", [0], [P.Symbol("t")]);
        c.Gate("rx", [1], [P.Symbol("t")]);
        var dc = new DifferentiableCircuit(c);
        PauliObservable[] obs = [PauliObservable.Parse("Z0"), PauliObservable.Parse("X0"), PauliObservable.Parse("Y1")];
        double t = 0.7;
        foreach (GradientMethod method in new[] { GradientMethod.Adjoint, GradientMethod.ParameterShift })
        {
            GradientResult r = dc.Gradients([Bind(("t", t))], obs, new GradientOptions(method));
            Assert.Equal(Math.Cos(t), r.Values[0, 0], 12);
            Assert.Equal(Math.Sin(t), r.Values[0, 1], 12);
            Assert.Equal(-Math.Sin(t), r.Values[0, 2], 12);
            Assert.Equal(-Math.Sin(t), r.Jacobian[0, 0, 0], 12);
            Assert.Equal(Math.Cos(t), r.Jacobian[0, 1, 0], 12);
            Assert.Equal(-Math.Cos(t), r.Jacobian[0, 2, 0], 12);
        }
    }

    /// <summary>Each parameterised qelib1 gate, sandwiched between fixed entangling layers, with every gate parameter its own symbol.</summary>
    [Fact]
    public void EveryParameterisedGate_AdjointAndShift_AgreeWithFiniteDifferences()
    {
        PauliObservable[] obs = [PauliObservable.Parse("Z0"), PauliObservable.Parse("Z1"), PauliObservable.Parse("0.5*X0*Y1 - Z2"), PauliObservable.Parse("Y0*X1*Z2 + 0.25")];
        double worstAdjoint = 0, worstShift = 0;
        foreach (GateDefinition g in StandardGates.All.Values.Where(g => g.ParameterCount > 0 && g.QubitCount <= 3).OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            var rng = new Random(g.Name.Length * 31 + g.ParameterCount);
            var c = new QuantumCircuit(3);
            c.Gate("u3", [0], 0.3, 1.1, -0.4).Gate("u3", [1], 1.3, -0.2, 0.5).Gate("u3", [2], 2.1, 0.7, 0.9).Gate("cx", [0, 1]).Gate("cx", [1, 2]);
            int[] q = [.. new[] { 1, 2, 0 }.Take(g.QubitCount)];
            c.Gate(g.Name, q, [.. Enumerable.Range(0, g.ParameterCount).Select(j => P.Symbol($"p{j}"))]);
            c.Gate("h", [0]).Gate("cx", [2, 0]).Gate("ry", [1], 0.8);
            var dc = new DifferentiableCircuit(c);
            var at = dc.Parameters.ToDictionary(n => n, _ => (rng.NextDouble() - 0.5) * 6);
            double[,] fd = FiniteDifferences(dc, at, obs);
            double[,,] adjoint = dc.Gradients([at], obs, new GradientOptions(GradientMethod.Adjoint)).Jacobian;
            double[,,] shift = dc.Gradients([at], obs, new GradientOptions(GradientMethod.ParameterShift)).Jacobian;
            double a = MaxDifference(adjoint, 0, fd);
            double s = MaxDifference(shift, 0, fd);
            // Both are exact: they agree with each other to rounding.
            double between = adjoint.Cast<double>().Zip(shift.Cast<double>(), (x, y) => Math.Abs(x - y)).Max();
            Assert.True(between < 1e-12, $"{g.Name}: adjoint and shift differ by {between:E2}");
            output.WriteLine($"{g.Name}: |adjoint − FD| = {a:E1}, |shift − FD| = {s:E1}");
            Assert.True(a < 1e-8, $"{g.Name}: adjoint differs from finite differences by {a:E2}");
            Assert.True(s < 1e-8, $"{g.Name}: parameter shift differs from finite differences by {s:E2}");
            worstAdjoint = Math.Max(worstAdjoint, a);
            worstShift = Math.Max(worstShift, s);
        }
        output.WriteLine($"worst: adjoint {worstAdjoint:E1}, shift {worstShift:E1}");
    }

    /// <summary>Why crx takes four terms: the two-term rule is wrong for a controlled rotation (frequencies ½ and 1).</summary>
    [Fact]
    public void ControlledRotation_TwoTermRuleFails_FourTermRuleHolds()
    {
        var c = new QuantumCircuit(2);
        c.Gate("h", [0]).Gate("crx", [0, 1], [P.Symbol("t")]);
        var dc = new DifferentiableCircuit(c);
        PauliObservable[] z1 = [PauliObservable.Parse("X0")];
        double t = 0.9;
        double F(double x) => dc.Expectations([Bind(("t", x))], z1)[0, 0];
        // (|0⟩|0⟩ + |1⟩Rx(t)|0⟩)/√2: ⟨X0⟩ = Re⟨0|Rx(t)|0⟩ = cos(t/2), so d/dt = −½ sin(t/2); the two-term rule gives −sin(t/2)/√2.
        double exact = -0.5 * Math.Sin(t / 2);
        double twoTerm = 0.5 * (F(t + (Math.PI / 2)) - F(t - (Math.PI / 2)));
        double shift = dc.Gradients([Bind(("t", t))], z1, new GradientOptions(GradientMethod.ParameterShift)).Jacobian[0, 0, 0];
        output.WriteLine($"exact {exact:F6}, two-term {twoTerm:F6}, four-term {shift:F6}");
        Assert.True(Math.Abs(twoTerm - exact) > 0.05, "the two-term rule happens to hold here");
        Assert.Equal(exact, shift, 12);
    }

    /// <summary>Parameters shared by several gates, entering through affine and non-linear expressions.</summary>
    [Fact]
    public void SharedAndExpressionParameters_ChainRule_AgreesWithFiniteDifferences()
    {
        PropertyRunner.Run(Gen.Int[0, 1 << 30], seed =>
        {
            var rng = new Random(seed);
            P a = P.Symbol("a"), b = P.Symbol("b"), w = P.Symbol("w");
            var c = new QuantumCircuit(4);
            for (int q = 0; q < 4; q++)
            {
                c.Gate("h", [q]);
            }
            c.Gate("rx", [0], [P.Binary('+', P.Binary('*', P.Constant(2), a), P.Constant(0.3))]);
            c.Gate("ry", [1], [a]);
            c.Gate("crz", [0, 1], [P.Binary('/', P.Negate(a), P.Constant(2))]);
            c.Gate("cu3", [1, 2], [a, b, P.Binary('*', a, b)]);
            c.Gate("rzz", [2, 3], [P.Function("sin", w)]);
            c.Gate("cry", [3, 0], [P.Binary('-', w, b)]);
            c.Gate("u2", [2], [b, P.Pi]);
            c.Gate("crx", [2, 3], [P.Binary('*', P.Constant(-1.5), w)]);
            c.Gate("cp", [0, 3], [P.Binary('^', a, P.Constant(2))]);
            c.Gate("rxx", [1, 3], [P.Binary('+', a, w)]);
            c.Gate("cu", [3, 1], [w, a, b, P.Binary('*', P.Constant(0.5), a)]);
            var dc = new DifferentiableCircuit(c);
            Assert.Equal(["a", "b", "w"], dc.Parameters);
            var at = new Dictionary<string, double> { ["a"] = (rng.NextDouble() - 0.5) * 4, ["b"] = (rng.NextDouble() - 0.5) * 4, ["w"] = (rng.NextDouble() - 0.5) * 4 };
            PauliObservable[] obs = [PauliObservable.Z(0), PauliObservable.Z(1), PauliObservable.Z(2), PauliObservable.Z(3), PauliObservable.Parse("X0*X3 + 0.3*Y1*Z2")];
            double[,] fd = FiniteDifferences(dc, at, obs);
            double adj = MaxDifference(dc.Gradients([at], obs).Jacobian, 0, fd);
            double shift = MaxDifference(dc.Gradients([at], obs, new GradientOptions(GradientMethod.ParameterShift)).Jacobian, 0, fd);
            Assert.True(adj < 1e-8, $"seed {seed}: adjoint vs FD {adj:E2}");
            Assert.True(shift < 1e-8, $"seed {seed}: shift vs FD {shift:E2}");
        }, baseSeed: 13, cases: 4, output);
    }

    /// <summary>A layer: inputs x0..x3 encoded by ry, trainable weights, ⟨Z_k⟩ read-outs; batch, vJp and thread independence.</summary>
    [Fact]
    public void LayerBatch_VectorJacobianProduct_MatchesJacobianContraction()
    {
        QuantumCircuit c = QasmImporter.Parse("""
            OPENQASM 2.0;
            include "qelib1.inc";
            qreg q[4];
            ry(x0) q[0]; ry(x1) q[1]; ry(x2) q[2]; ry(x3) q[3];
            rx(w0) q[0]; rx(w1) q[1]; rx(w2) q[2]; rx(w3) q[3];
            cx q[0],q[1]; cx q[1],q[2]; cx q[2],q[3]; cx q[3],q[0];
            ry(w4) q[0]; ry(w5) q[1]; crz(w6) q[2],q[3]; rz(2*w0+x1) q[1];
            measure q[0] -> c[0];
            """.Replace("qreg q[4];", "qreg q[4]; creg c[4];", StringComparison.Ordinal), "layer.qasm", new QasmImportOptions(AllowFreeParameters: true));
        string[] names = [.. Enumerable.Range(0, 7).Select(i => $"w{i}"), .. Enumerable.Range(0, 4).Select(i => $"x{i}")];
        var dc = new DifferentiableCircuit(c, names);
        var rng = new Random(5);
        var weights = Enumerable.Range(0, 7).ToDictionary(i => $"w{i}", _ => rng.NextDouble() * 2);
        var batch = Enumerable.Range(0, 6).Select(_ =>
        {
            var d = new Dictionary<string, double>(weights);
            for (int i = 0; i < 4; i++)
            {
                d[$"x{i}"] = rng.NextDouble() * Math.PI;
            }
            return (IReadOnlyDictionary<string, double>)d;
        }).ToArray();
        PauliObservable[] obs = [.. Enumerable.Range(0, 4).Select(PauliObservable.Z)];
        var upstream = new double[batch.Length, obs.Length];
        for (int s = 0; s < batch.Length; s++)
        {
            for (int j = 0; j < obs.Length; j++)
            {
                upstream[s, j] = rng.NextDouble() - 0.5;
            }
        }
        GradientResult full = dc.Gradients(batch, obs);
        double[,] vjp = dc.VectorJacobianProduct(batch, obs, upstream);
        double[,] vjpShift = dc.VectorJacobianProduct(batch, obs, upstream, new GradientOptions(GradientMethod.ParameterShift));
        double worst = 0;
        for (int s = 0; s < batch.Length; s++)
        {
            double[,] fd = FiniteDifferences(dc, batch[s], obs);
            worst = Math.Max(worst, MaxDifference(full.Jacobian, s, fd));
            double[,] single = dc.Expectations([batch[s]], obs);
            for (int j = 0; j < obs.Length; j++)
            {
                Assert.Equal(single[0, j], full.Values[s, j], 14);
            }
            for (int k = 0; k < names.Length; k++)
            {
                double contraction = 0;
                for (int j = 0; j < obs.Length; j++)
                {
                    contraction += upstream[s, j] * full.Jacobian[s, j, k];
                }
                Assert.Equal(contraction, vjp[s, k], 12);
                Assert.Equal(contraction, vjpShift[s, k], 10);
            }
        }
        Assert.True(worst < 1e-8, $"batch Jacobian vs FD {worst:E2}");
        // Same numbers with one thread.
        int before = ThreadSettings.MaxThreads;
        try
        {
            ThreadSettings.MaxThreads = 1;
            double[,] serial = dc.VectorJacobianProduct(batch, obs, upstream);
            Assert.Equal(vjp.Cast<double>(), serial.Cast<double>());
        }
        finally
        {
            ThreadSettings.MaxThreads = before;
        }
    }

    /// <summary>
    /// Shot-based parameter shift on ry(θ)|0⟩ with ⟨Z⟩ = cos θ: the estimate ½(f₊ − f₋) has variance
    /// ¼[(1 − cos²(θ+π/2)) + (1 − cos²(θ−π/2))]/N = cos²θ/(2N); it must fall within 4σ of −sin θ, the same seed
    /// must give the same number, and the spread over 200 seeds must match σ within 25 %.
    /// </summary>
    [Fact]
    public void FiniteShots_ParameterShift_IsUnbiasedWithTheRightSpread()
    {
        var c = new QuantumCircuit(1);
        c.Gate("ry", [0], [P.Symbol("t")]);
        var dc = new DifferentiableCircuit(c);
        const int shots = 2000;
        double t = 0.4;
        double sigma = Math.Sqrt(Math.Cos(t) * Math.Cos(t) / (2.0 * shots));
        var estimates = new double[200];
        for (int s = 0; s < estimates.Length; s++)
        {
            estimates[s] = dc.Gradients([Bind(("t", t))], [PauliObservable.Z(0)], new GradientOptions(GradientMethod.ParameterShift, shots, (ulong)s + 1)).Jacobian[0, 0, 0];
        }
        double mean = estimates.Average();
        double sd = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (estimates.Length - 1));
        output.WriteLine($"mean {mean:F5} (exact {-Math.Sin(t):F5}), sd {sd:F5} (expected {sigma:F5})");
        Assert.True(Math.Abs(mean + Math.Sin(t)) < 4 * sigma / Math.Sqrt(estimates.Length), $"mean {mean} vs {-Math.Sin(t)}");
        Assert.InRange(sd / sigma, 0.75, 1.25);
        Assert.True(Math.Abs(estimates[0] + Math.Sin(t)) < 4 * sigma);
        double again = dc.Gradients([Bind(("t", t))], [PauliObservable.Z(0)], new GradientOptions(GradientMethod.ParameterShift, shots, 1)).Jacobian[0, 0, 0];
        Assert.Equal(estimates[0], again);
    }

    [Fact]
    public void Observables_ParseAndEvaluate()
    {
        PauliObservable o = PauliObservable.Parse("0.5*X0*Y1 - Z2 + 2");
        Assert.Equal(3, o.Terms.Count);
        Assert.Equal(-1, o.Terms[1].Coefficient);
        Assert.Equal(2, o.MaxQubit);
        // |000⟩: ⟨X0Y1⟩ = 0, ⟨Z2⟩ = 1, so ⟨O⟩ = −1 + 2 = 1.
        var psi = new System.Numerics.Complex[8];
        psi[0] = 1;
        Assert.Equal(1, o.Expectation(psi), 14);
        Assert.Equal(1e-3, PauliObservable.Parse("1e-3*Z0").Terms[0].Coefficient);
        // Bell state (|00⟩ + |11⟩)/√2: ⟨XX⟩ = 1, ⟨YY⟩ = −1, ⟨ZZ⟩ = 1.
        var bell = new System.Numerics.Complex[4];
        bell[0] = bell[3] = Math.Sqrt(0.5);
        Assert.Equal(1, PauliObservable.Parse("X0X1").Expectation(bell), 14);
        Assert.Equal(-1, PauliObservable.Parse("Y0*Y1").Expectation(bell), 14);
        Assert.Equal(1, PauliObservable.Parse("Z0 Z1").Expectation(bell), 14);
    }

    [Theory]
    [InlineData("", "empty observable")]
    [InlineData("Q0", "expected a Pauli factor")]
    [InlineData("Z", "has no qubit index")]
    [InlineData("Z0*Z0", "qubit 0 appears twice")]
    [InlineData("Z0 + ", "empty term")]
    public void Observables_BadText_OneLineError(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => PauliObservable.Parse(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void BadInput_OneLineErrors()
    {
        var c = new QuantumCircuit(2, 2);
        c.Gate("rx", [0], [P.Symbol("t")]);
        var dc = new DifferentiableCircuit(c);
        IReadOnlyDictionary<string, double>[] at = [Bind(("t", 0.1))];
        Assert.Contains("use the parameter-shift method", Assert.Throws<ArgumentException>(() => dc.Gradients(at, [PauliObservable.Z(0)], new GradientOptions(GradientMethod.Adjoint, 100))).Message, StringComparison.Ordinal);
        Assert.Contains("outside the circuit's 2 qubits", Assert.Throws<ArgumentException>(() => dc.Gradients(at, [PauliObservable.Z(5)])).Message, StringComparison.Ordinal);
        Assert.Contains("'t'", Assert.Throws<UnboundParameterException>(() => new DifferentiableCircuit(c, []).Expectations([Bind(("u", 1))], [PauliObservable.Z(0)])).Message, StringComparison.Ordinal);
        Assert.Contains("does not appear in the circuit", Assert.Throws<ArgumentException>(() => new DifferentiableCircuit(c, ["nope"])).Message, StringComparison.Ordinal);
        var mid = new QuantumCircuit(1, 1);
        mid.Measure(0, 0).Gate("rx", [0], [P.Symbol("t")]);
        Assert.Contains("after it was measured", Assert.Throws<ArgumentException>(() => new DifferentiableCircuit(mid)).Message, StringComparison.Ordinal);
        var reset = new QuantumCircuit(1);
        reset.Reset(0);
        Assert.Contains("reset", Assert.Throws<ArgumentException>(() => new DifferentiableCircuit(reset)).Message, StringComparison.Ordinal);
    }
}
