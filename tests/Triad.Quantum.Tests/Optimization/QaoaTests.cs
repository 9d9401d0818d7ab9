using Triad.Numerics.Random;
using Triad.Quantum.Gradients;
using Triad.Quantum.Optimization;
using Xunit.Abstractions;

namespace Triad.Quantum.Tests.Optimization;

/// <summary>QAOA against closed forms, exact search and simulated annealing.</summary>
public sealed class QaoaTests(ITestOutputHelper output)
{
    private static QuboProblem RandomQubo(int n, ulong seed)
    {
        var random = new SeededRandom(seed);
        var q = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                q[i, j] = Math.Round(random.NextDouble(-1, 1), 2);
            }
        }
        return new QuboProblem(q, 0.5);
    }

    [Fact]
    public void Hamiltonian_DiagonalIsTheCost()
    {
        QuboProblem problem = RandomQubo(5, 3);
        PauliObservable h = problem.Hamiltonian();
        for (int x = 0; x < 32; x++)
        {
            var basis = new System.Numerics.Complex[32];
            basis[x] = 1;
            Assert.Equal(problem.Cost(x), h.Expectation(basis), 12);
        }
    }

    /// <summary>
    /// p = 1 on a ring (2-regular graph): the optimum of ⟨C⟩ is 3/4 of the maximum cut (Farhi et al.,
    /// arXiv:1411.4028 §IV, the "ring of disagrees", for even rings of more than 4 vertices; here 6, maximum cut 6).
    /// </summary>
    [Fact]
    public void Ring_OneLayer_ReachesThreeQuartersOfTheMaximumCut()
    {
        QuboProblem ring = QuboProblem.MaxCut(6, Enumerable.Range(0, 6).Select(i => (i, (i + 1) % 6, 1.0)));
        (QuboSolution exact, int degeneracy) = ClassicalSolvers.ExactSearch(ring);
        Assert.Equal(-6, exact.Cost);
        Assert.Equal(2, degeneracy);
        QaoaResult r = Qaoa.Solve(ring, new QaoaOptions(Layers: 1, Steps: 300, Restarts: 3));
        output.WriteLine($"⟨cut⟩ = {-r.ExpectedCost:F6}, γ = {r.Gammas[0]:F4}, β = {r.Betas[0]:F4}, P(optimal) = {r.ProbabilityOfCost(ring, -6):F4}");
        Assert.Equal(0.75, -r.ExpectedCost / 6, 4);
        Assert.Equal(-6, r.BestSampled.Cost);
    }

    [Fact]
    public void RandomInstances_QaoaBeatsRandomGuessing_SaMatchesExactSearch()
    {
        for (ulong seed = 1; seed <= 3; seed++)
        {
            QuboProblem maxcut = QuboProblem.MaxCut(8, QuboProblem.RandomGraph(8, 0.5, seed));
            QuboProblem qubo = RandomQubo(8, seed + 100);
            foreach ((string name, QuboProblem problem) in new[] { ("max-cut", maxcut), ("qubo", qubo) })
            {
                (QuboSolution exact, _) = ClassicalSolvers.ExactSearch(problem);
                QuboSolution sa = ClassicalSolvers.SimulatedAnnealing(problem, sweeps: 300, restarts: 4, seed: seed);
                QaoaResult q = Qaoa.Solve(problem, new QaoaOptions(Layers: 3, Steps: 150, Restarts: 2, Seed: seed));
                double mean = Enumerable.Range(0, 256).Average(x => problem.Cost(x));
                double pOpt = q.ProbabilityOfCost(problem, exact.Cost);
                // Approximation ratio relative to the uniform mean: 0 for random guessing, 1 for the optimum.
                double ratio = (mean - q.ExpectedCost) / (mean - exact.Cost);
                output.WriteLine($"{name} seed {seed}: exact {exact.Cost:F3}, SA {sa.Cost:F3}, QAOA p=3 ⟨C⟩ {q.ExpectedCost:F3} (uniform {mean:F3}, ratio {ratio:F3}), P(opt) {pOpt:F3}, best of 1000 shots {q.BestSampled.Cost:F3}");
                Assert.Equal(exact.Cost, sa.Cost, 9);
                Assert.Equal(exact.Cost, problem.Cost(sa.Bits), 9);
                Assert.True(ratio > 0.5, $"{name} seed {seed}: QAOA ratio {ratio:F3}");
                Assert.True(pOpt > 4.0 / 256, $"{name} seed {seed}: P(optimal) {pOpt:F4} is not well above 1/256");
                Assert.Equal(exact.Cost, q.BestSampled.Cost, 9);
            }
        }
    }

    [Fact]
    public void Optimised_GradientVanishes()
    {
        QuboProblem problem = QuboProblem.MaxCut(5, [(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 4, 1.0), (4, 0, 1.0), (0, 2, 1.0)]);
        QaoaResult r = Qaoa.Solve(problem, new QaoaOptions(Layers: 2, Steps: 400, Restarts: 1));
        var dc = new DifferentiableCircuit(Qaoa.Circuit(problem, 2));
        var at = new Dictionary<string, double> { ["gamma0"] = r.Gammas[0], ["gamma1"] = r.Gammas[1], ["beta0"] = r.Betas[0], ["beta1"] = r.Betas[1] };
        GradientResult g = dc.Gradients([at], [problem.Hamiltonian()]);
        double norm = Math.Sqrt(g.Jacobian.Cast<double>().Sum(v => v * v));
        output.WriteLine($"⟨C⟩ {r.ExpectedCost:F6}, |∇| {norm:E2}");
        Assert.Equal(r.ExpectedCost, g.Values[0, 0], 12);
        Assert.True(norm < 1e-3, $"gradient norm {norm:E2} at the optimum");
    }

    [Fact]
    public void BadInput_OneLineErrors()
    {
        Assert.Contains("edge 0-7", Assert.Throws<ArgumentException>(() => QuboProblem.MaxCut(3, [(0, 7, 1.0)])).Message, StringComparison.Ordinal);
        Assert.Contains("square", Assert.Throws<ArgumentException>(() => new QuboProblem(new double[2, 3])).Message, StringComparison.Ordinal);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => new QuboProblem(new double[,] { { double.NaN } })).Message, StringComparison.Ordinal);
    }
}
