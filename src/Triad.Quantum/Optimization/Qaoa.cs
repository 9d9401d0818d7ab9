using System.Numerics;
using Triad.Numerics.Random;
using Triad.Quantum.Circuits;
using Triad.Quantum.Gradients;
using P = Triad.Quantum.Circuits.ParameterExpression;

namespace Triad.Quantum.Optimization;

/// <summary>Options of <see cref="Qaoa.Solve"/>.</summary>
/// <param name="Layers">p, the number of cost–mixer layers.</param>
/// <param name="Steps">Adam steps per start.</param>
/// <param name="LearningRate">Adam's step size (Kingma &amp; Ba, arXiv:1412.6980; β₁ = 0.9, β₂ = 0.999).</param>
/// <param name="Restarts">Starts: the first a linear ramp (trotterised annealing), the others random.</param>
/// <param name="Shots">Shots drawn from the final state to report the best sampled assignment.</param>
/// <param name="Seed">Seed of the random starts and the shots.</param>
public sealed record QaoaOptions(int Layers = 1, int Steps = 200, double LearningRate = 0.05, int Restarts = 4, int Shots = 1000, ulong Seed = 1);

/// <summary>The optimised QAOA state.</summary>
/// <param name="Gammas">γ₁…γ_p.</param>
/// <param name="Betas">β₁…β_p.</param>
/// <param name="ExpectedCost">⟨ψ(γ, β)|H_C|ψ(γ, β)⟩, the expected cost of a measured assignment.</param>
/// <param name="Probabilities">P(x) of every assignment in the final state.</param>
/// <param name="MostLikely">The most probable assignment.</param>
/// <param name="BestSampled">The best assignment among <see cref="QaoaOptions.Shots"/> shots.</param>
/// <param name="GradientEvaluations">Adjoint gradient evaluations spent.</param>
public sealed record QaoaResult(double[] Gammas, double[] Betas, double ExpectedCost, double[] Probabilities, QuboSolution MostLikely, QuboSolution BestSampled, int GradientEvaluations)
{
    /// <summary>P(cost within 1e-9 of <paramref name="cost"/>), e.g. of the optimum.</summary>
    public double ProbabilityOfCost(QuboProblem problem, double cost)
    {
        ArgumentNullException.ThrowIfNull(problem);
        double p = 0;
        for (int x = 0; x < Probabilities.Length; x++)
        {
            if (Probabilities[x] > 0 && Math.Abs(problem.Cost(x) - cost) <= 1e-9)
            {
                p += Probabilities[x];
            }
        }
        return p;
    }
}

/// <summary>
/// The quantum approximate optimisation algorithm (Farhi, Goldstone &amp; Gutmann, arXiv:1411.4028):
/// |ψ(γ, β)⟩ = Π_{l=1..p} e^{−iβ_l Σ X} e^{−iγ_l H_C} H^{⊗n}|0⟩ with H_C the QUBO's Ising Hamiltonian
/// (<see cref="QuboProblem.Ising"/>), written as rz(2γh_i), rzz(2γJ_ij) and rx(2β); (γ, β) minimise ⟨H_C⟩ by
/// Adam on exact adjoint gradients (<see cref="DifferentiableCircuit"/>), the best of several starts.
/// </summary>
public static class Qaoa
{
    /// <summary>The QAOA circuit with symbols gamma0…, beta0….</summary>
    public static QuantumCircuit Circuit(QuboProblem problem, int layers)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        (_, double[] h, double[,] j) = problem.Ising();
        int n = problem.Size;
        var c = new QuantumCircuit(n);
        for (int q = 0; q < n; q++)
        {
            c.Gate("h", [q]);
        }
        for (int l = 0; l < layers; l++)
        {
            P gamma = P.Symbol($"gamma{l}"), beta = P.Symbol($"beta{l}");
            for (int a = 0; a < n; a++)
            {
                if (h[a] != 0)
                {
                    c.Gate("rz", [a], [P.Binary('*', P.Constant(2 * h[a]), gamma)]);
                }
            }
            for (int a = 0; a < n; a++)
            {
                for (int b = a + 1; b < n; b++)
                {
                    if (j[a, b] != 0)
                    {
                        c.Gate("rzz", [a, b], [P.Binary('*', P.Constant(2 * j[a, b]), gamma)]);
                    }
                }
            }
            for (int a = 0; a < n; a++)
            {
                c.Gate("rx", [a], [P.Binary('*', P.Constant(2), beta)]);
            }
        }
        return c;
    }

    /// <summary>Optimises (γ, β) and reports the final state's expected cost and assignments.</summary>
    public static QaoaResult Solve(QuboProblem problem, QaoaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new QaoaOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Steps, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Restarts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Shots, 1);
        int p = options.Layers;
        QuantumCircuit circuit = Circuit(problem, p);
        string[] names = [.. Enumerable.Range(0, p).Select(l => $"gamma{l}"), .. Enumerable.Range(0, p).Select(l => $"beta{l}")];
        var dc = new DifferentiableCircuit(circuit, names.Where(n => circuit.FreeParameters().Contains(n)).ToArray());
        PauliObservable hamiltonian = problem.Hamiltonian();
        (_, double[] h, double[,] jm) = problem.Ising();
        // Angles scale as 1/(largest coupling) so that γ·H spans about one radian per term.
        double scale = Math.Max(h.Select(Math.Abs).DefaultIfEmpty(0).Max(), jm.Cast<double>().Select(Math.Abs).Max());
        scale = scale > 0 ? scale : 1;
        double bestValue = double.PositiveInfinity;
        double[] best = new double[2 * p];
        int evaluations = 0;
        var random = new SeededRandom(options.Seed);
        for (int r = 0; r < options.Restarts; r++)
        {
            var theta = new double[2 * p];
            for (int l = 0; l < p; l++)
            {
                if (r == 0)
                {
                    // Linear ramp: γ grows and β shrinks layer by layer, as in a trotterised anneal (Zhou et al., PRX 10, 021067 (2020)).
                    double f = (l + 0.5) / p;
                    theta[l] = 0.7 * f / scale;
                    theta[p + l] = 0.7 * (1 - f);
                }
                else
                {
                    theta[l] = random.NextDouble() * Math.PI / scale;
                    theta[p + l] = random.NextDouble() * Math.PI / 2;
                }
            }
            var m = new double[2 * p];
            var v = new double[2 * p];
            double value = double.PositiveInfinity;
            for (int step = 1; step <= options.Steps + 1; step++)
            {
                GradientResult g = dc.Gradients([Bind(names, theta, dc)], [hamiltonian]);
                evaluations++;
                value = g.Values[0, 0];
                if (step > options.Steps)
                {
                    break;
                }
                for (int k = 0; k < dc.Parameters.Count; k++)
                {
                    int index = Array.IndexOf(names, dc.Parameters[k]);
                    double grad = g.Jacobian[0, 0, k] * (index < p ? scale : 1);
                    m[index] = (0.9 * m[index]) + (0.1 * grad);
                    v[index] = (0.999 * v[index]) + (0.001 * grad * grad);
                    double mHat = m[index] / (1 - Math.Pow(0.9, step)), vHat = v[index] / (1 - Math.Pow(0.999, step));
                    // γ steps in units of 1/scale, so both kinds of angle move at the same rate.
                    theta[index] -= options.LearningRate * mHat / (Math.Sqrt(vHat) + 1e-12) / (index < p ? scale : 1);
                }
            }
            if (value < bestValue)
            {
                bestValue = value;
                best = (double[])theta.Clone();
            }
        }
        Complex[] psi = FinalState(circuit, names, best);
        var probabilities = new double[psi.Length];
        int mostLikely = 0;
        for (int x = 0; x < psi.Length; x++)
        {
            probabilities[x] = (psi[x].Real * psi[x].Real) + (psi[x].Imaginary * psi[x].Imaginary);
            if (probabilities[x] > probabilities[mostLikely])
            {
                mostLikely = x;
            }
        }
        SeededRandom shots = new SeededRandom(options.Seed).Fork(0xC0FFEE);
        var cumulative = new double[probabilities.Length];
        double total = 0;
        for (int x = 0; x < probabilities.Length; x++)
        {
            total += probabilities[x];
            cumulative[x] = total;
        }
        var sampled = new QuboSolution(0, double.PositiveInfinity);
        for (int s = 0; s < options.Shots; s++)
        {
            int index = Array.BinarySearch(cumulative, shots.NextDouble() * total);
            index = Math.Min(index < 0 ? ~index : index, probabilities.Length - 1);
            double c = problem.Cost(index);
            if (c < sampled.Cost)
            {
                sampled = new QuboSolution(index, c);
            }
        }
        return new QaoaResult(best[..p], best[p..], bestValue, probabilities, new QuboSolution(mostLikely, problem.Cost(mostLikely)), sampled, evaluations);
    }

    private static IReadOnlyDictionary<string, double> Bind(string[] names, double[] theta, DifferentiableCircuit dc)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            d[names[i]] = theta[i];
        }
        return d;
    }

    private static Complex[] FinalState(QuantumCircuit circuit, string[] names, double[] theta)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            d[names[i]] = theta[i];
        }
        return [.. Simulation.StateVectorSimulator.FinalState(Simulation.CompiledCircuit.Compile(circuit, d)).Amplitudes];
    }
}
