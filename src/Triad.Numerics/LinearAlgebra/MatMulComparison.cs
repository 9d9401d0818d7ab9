using System.Diagnostics;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Triad.Numerics.Random;

namespace Triad.Numerics.LinearAlgebra;

/// <summary>
/// A quick, in-process comparison of <see cref="Gemm"/> with MathNet.Numerics' managed dense matrix multiply
/// on square matrices, for <c>triad bench</c>. For careful numbers use the BenchmarkDotNet suite.
/// <para>
/// Each timing first warms up (JIT tiers, caches, thread pool) by running the product for as long as it will
/// measure, and at least twice: with tiered compilation the first half second or so runs slower code. It then
/// repeats the product until at least the requested time has passed and reports
/// 2n³·repeats / elapsed seconds / 10⁹, the mean throughput over that time. MathNet computes Bᵀ·Aᵀ on its
/// column-major view of the same arrays, which is the same product stored the same way, and the two results
/// are checked to agree, so neither number comes from a wrong product.
/// Both libraries get the same thread limit: MathNet's <c>Control.MaxDegreeOfParallelism</c> is set to
/// <see cref="Threading.ThreadSettings.MaxThreads"/> for the comparison.
/// </para>
/// </summary>
public static class MatMulComparison
{
    private const int MinimumWarmUpCalls = 2;

    /// <summary>
    /// Measures every size for double and then for float, in that order.
    /// Switches MathNet to its managed provider for the whole process (<c>Control.UseManaged()</c>).
    /// </summary>
    /// <param name="sizes">Matrix orders n, each ≥ 1.</param>
    /// <param name="minimumSeconds">Least time spent warming up, and then timing, each library at each size and type.</param>
    /// <param name="seed">Seed of the random matrix entries (uniform in [−1, 1)).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1 or the time is not positive.</exception>
    public static IReadOnlyList<MatMulComparisonRow> Run(IEnumerable<int> sizes, double minimumSeconds = 0.5, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        int[] list = sizes.ToArray();
        var rows = new List<MatMulComparisonRow>(2 * list.Length);
        foreach (int n in list)
        {
            rows.Add(Measure<double>(n, minimumSeconds, seed));
        }
        foreach (int n in list)
        {
            rows.Add(Measure<float>(n, minimumSeconds, seed));
        }
        return rows;
    }

    /// <summary>
    /// Times C ← A·B for random n×n matrices with Triad's <see cref="Gemm"/> and with MathNet's managed provider.
    /// Switches MathNet to its managed provider for the whole process (<c>Control.UseManaged()</c>).
    /// </summary>
    /// <typeparam name="T">double or float.</typeparam>
    /// <param name="n">Matrix order, ≥ 1.</param>
    /// <param name="minimumSeconds">Least time spent warming up, and then timing, each library.</param>
    /// <param name="seed">Seed of the random matrix entries (uniform in [−1, 1)).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is below 1 or the time is not positive.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither double nor float.</exception>
    public static MatMulComparisonRow Measure<T>(int n, double minimumSeconds = 0.5, ulong seed = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (!(minimumSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumSeconds), minimumSeconds, "timing must last a positive time");
        }
        string typeName = typeof(T) == typeof(double) ? "double"
            : typeof(T) == typeof(float) ? "float"
            : throw new NotSupportedException($"MathNet's comparison supports double and float, not {typeof(T).Name}");

        MathNet.Numerics.Control.UseManaged();
        MathNet.Numerics.Control.MaxDegreeOfParallelism = Threading.ThreadSettings.MaxThreads;
        var rng = new SeededRandom(seed);
        T[] a = RandomArray<T>(rng, n * n);
        T[] b = RandomArray<T>(rng, n * n);
        T[] c = new T[n * n];
        double flops = 2.0 * n * n * n;
        double triad = Gflops(() => Gemm.Multiply(false, false, n, n, n, T.One, a, n, b, n, T.Zero, c, n), flops, minimumSeconds);

        // MathNet stores column-major, so the same arrays read as Aᵀ and Bᵀ, and Bᵀ·Aᵀ = (A·B)ᵀ stored column-major
        // is A·B row-major: both libraries compute the same product into arrays that can be compared.
        Matrix<T> ma = Matrix<T>.Build.Dense(n, n, a);
        Matrix<T> mb = Matrix<T>.Build.Dense(n, n, b);
        Matrix<T> mc = Matrix<T>.Build.Dense(n, n);
        double mathNet = Gflops(() => mb.Multiply(ma, mc), flops, minimumSeconds);
        CheckAgreement(c, mc.AsColumnMajorArray() ?? mc.ToColumnMajorArray(), n);
        return new MatMulComparisonRow(n, typeName, triad, mathNet);
    }

    /// <summary>
    /// Throws unless the two n×n products agree element by element within 2(n + 4)·ε·n, twice the rounding bound
    /// of a sum of n products of entries below 1: a speed measured on a wrong product would mean nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">Some element differs by more.</exception>
    internal static void CheckAgreement<T>(T[] triad, T[] mathNet, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double eps = double.CreateTruncating(T.BitIncrement(T.One) - T.One);
        double tolerance = 2.0 * (n + 4) * eps * n;
        for (int i = 0; i < n * n; i++)
        {
            double x = double.CreateTruncating(triad[i]), y = double.CreateTruncating(mathNet[i]);
            if (!(Math.Abs(x - y) <= tolerance))
            {
                throw new InvalidOperationException(
                    $"Triad and MathNet products differ at [{i / n}, {i % n}]: {x} against {y} (tolerance {tolerance:G3})");
            }
        }
    }

    private static T[] RandomArray<T>(SeededRandom rng, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateTruncating(rng.NextDouble(-1.0, 1.0));
        }
        return values;
    }

    /// <summary>
    /// Runs <paramref name="product"/> to warm up, then for at least <paramref name="minimumSeconds"/>, and returns
    /// flopsPerCall·calls / elapsed seconds / 10⁹ over the timed calls only.
    /// </summary>
    internal static double Gflops(Action product, double flopsPerCall, double minimumSeconds)
    {
        var clock = Stopwatch.StartNew();
        for (int call = 0; call < MinimumWarmUpCalls || clock.Elapsed.TotalSeconds < minimumSeconds; call++)
        {
            product();
        }

        long calls = 0;
        clock.Restart();
        do
        {
            product();
            calls++;
        }
        while (clock.Elapsed.TotalSeconds < minimumSeconds);
        return flopsPerCall * calls / clock.Elapsed.TotalSeconds / 1e9;
    }
}
