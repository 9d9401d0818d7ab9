using System.Diagnostics;
using System.Numerics;
using Triad.Numerics.Random;

namespace Triad.Numerics.LinearAlgebra;

/// <summary>
/// Times <see cref="Gemm"/> on one shape for <c>triad bench gemm</c> and the peer comparison script
/// (benchmarks/peers/gemm.py), the way a BLAS benchmark does: warm up, then several repetitions, and report the
/// best and the median time per product.
/// <para>
/// Warm-up runs the product for at least <c>warmUpSeconds</c> and twice (with tiered compilation the first calls
/// run slower code). Each repetition then runs it as many times as fill at least <c>secondsPerRepetition</c>
/// (the count fixed after the warm-up, the same for every repetition) and divides the elapsed time by that count.
/// Throughput counts 2·m·n·k floating-point operations per product: GFLOP/s = 2mnk / seconds / 10⁹.
/// The operands are uniform in [−1, 1) from a fixed seed; C is overwritten (β = 0), α = 1.
/// </para>
/// </summary>
public static class GemmTiming
{
    /// <summary>Times C ← op(A)·op(B) for random operands of the given shape; see the class remarks.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is below 1, fewer than one repetition, or a time is not positive.</exception>
    public static GemmTimingResult Measure<T>(
        int m, int n, int k, bool transposeA = false, bool transposeB = false,
        int repetitions = 5, double secondsPerRepetition = 0.1, double warmUpSeconds = 0.3, ulong seed = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var rng = new SeededRandom(seed);
        T[] a = Uniform<T>(rng, m * k);
        T[] b = Uniform<T>(rng, k * n);
        var c = new T[m * n];
        int lda = transposeA ? m : k, ldb = transposeB ? k : n;
        var (best, median, calls) = Time(
            () => Gemm.Multiply(transposeA, transposeB, m, n, k, T.One, a, lda, b, ldb, T.Zero, c, n),
            repetitions, secondsPerRepetition, warmUpSeconds);
        return new GemmTimingResult(m, n, k, transposeA, transposeB, typeof(T) == typeof(float) ? "float32" : typeof(T) == typeof(double) ? "float64" : typeof(T).Name,
            best, median, repetitions, calls);
    }

    /// <summary>
    /// Warms <paramref name="call"/> up, then times <paramref name="repetitions"/> repetitions of a fixed number of
    /// calls; returns the best and the median seconds per call and the calls per repetition.
    /// </summary>
    internal static (double Best, double Median, int CallsPerRepetition) Time(
        Action call, int repetitions, double secondsPerRepetition, double warmUpSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        if (!(secondsPerRepetition > 0) || !(warmUpSeconds >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(secondsPerRepetition),
                $"repetitions of {secondsPerRepetition} s after {warmUpSeconds} s of warm-up: times must be positive");
        }
        var clock = Stopwatch.StartNew();
        int warmUpCalls = 0;
        while (warmUpCalls < 2 || clock.Elapsed.TotalSeconds < warmUpSeconds)
        {
            call();
            warmUpCalls++;
        }
        // The last warm-up call is the best estimate of one call's time (the earlier ones may be in slower tiers).
        clock.Restart();
        call();
        double one = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        int calls = (int)Math.Clamp(Math.Ceiling(secondsPerRepetition / one), 1, int.MaxValue);

        var perCall = new double[repetitions];
        for (int r = 0; r < repetitions; r++)
        {
            clock.Restart();
            for (int i = 0; i < calls; i++)
            {
                call();
            }
            perCall[r] = clock.Elapsed.TotalSeconds / calls;
        }
        Array.Sort(perCall);
        double median = repetitions % 2 == 1
            ? perCall[repetitions / 2]
            : 0.5 * (perCall[(repetitions / 2) - 1] + perCall[repetitions / 2]);
        return (perCall[0], median, calls);
    }

    private static T[] Uniform<T>(SeededRandom rng, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateTruncating(rng.NextDouble(-1.0, 1.0));
        }
        return values;
    }
}
