using Triad.Numerics.Random;

namespace Triad.Quantum.Optimization;

/// <summary>A solution: the bits (variable i = bit i) and the cost.</summary>
public readonly record struct QuboSolution(long Bits, double Cost);

/// <summary>Exact search and simulated annealing for <see cref="QuboProblem"/>.</summary>
public static class ClassicalSolvers
{
    /// <summary>The minimum over all 2ⁿ assignments (ties: the smallest index), with the number of optimal assignments.</summary>
    public static (QuboSolution Best, int Degeneracy) ExactSearch(QuboProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Size > 26)
        {
            throw new ArgumentException($"exact search over 2^{problem.Size} assignments is too long here (at most 26 variables)");
        }
        var best = new QuboSolution(0, double.PositiveInfinity);
        int count = 0;
        for (long x = 0; x < 1L << problem.Size; x++)
        {
            double c = problem.Cost(x);
            if (c < best.Cost - 1e-12)
            {
                best = new QuboSolution(x, c);
                count = 1;
            }
            else if (Math.Abs(c - best.Cost) <= 1e-12)
            {
                count++;
            }
        }
        return (best, count);
    }

    /// <summary>
    /// Simulated annealing (Kirkpatrick, Gelatt &amp; Vecchi, Science 220, 671 (1983)): single-bit flips accepted with
    /// the Metropolis probability min(1, e^{−ΔC/T}), T falling geometrically from <paramref name="startTemperature"/>
    /// to <paramref name="endTemperature"/> over <paramref name="sweeps"/> sweeps of n flips; the best of
    /// <paramref name="restarts"/> seeded runs. ΔC of flipping bit i is (1 − 2xᵢ)(Qᵢᵢ + Σ_{j≠i} (Qᵢⱼ + Qⱼᵢ)xⱼ).
    /// </summary>
    public static QuboSolution SimulatedAnnealing(QuboProblem problem, int sweeps = 1000, int restarts = 4, ulong seed = 1,
        double startTemperature = 2.0, double endTemperature = 0.01)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentOutOfRangeException.ThrowIfLessThan(sweeps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(restarts, 1);
        int n = problem.Size;
        var best = new QuboSolution(0, double.PositiveInfinity);
        for (int r = 0; r < restarts; r++)
        {
            SeededRandom random = new SeededRandom(seed).Fork((ulong)r);
            long x = (long)(random.NextUInt64() & ((1UL << n) - 1));
            double cost = problem.Cost(x);
            var current = new QuboSolution(x, cost);
            if (cost < best.Cost)
            {
                best = current;
            }
            double ratio = sweeps == 1 ? 1 : Math.Pow(endTemperature / startTemperature, 1.0 / (sweeps - 1));
            double t = startTemperature;
            for (int s = 0; s < sweeps; s++, t *= ratio)
            {
                for (int k = 0; k < n; k++)
                {
                    int i = random.NextInt(n);
                    double field = problem[i, i];
                    for (int j = 0; j < n; j++)
                    {
                        if (j != i && ((x >> j) & 1) != 0)
                        {
                            field += problem[i, j] + problem[j, i];
                        }
                    }
                    double delta = (((x >> i) & 1) == 0 ? 1 : -1) * field;
                    if (delta <= 0 || random.NextDouble() < Math.Exp(-delta / t))
                    {
                        x ^= 1L << i;
                        cost += delta;
                        if (cost < best.Cost - 1e-12)
                        {
                            best = new QuboSolution(x, problem.Cost(x));
                        }
                    }
                }
            }
        }
        return best;
    }
}
