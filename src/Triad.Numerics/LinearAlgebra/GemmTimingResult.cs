namespace Triad.Numerics.LinearAlgebra;

/// <summary>One measurement of <see cref="GemmTiming"/>: C (m×n) ← op(A)·op(B) with inner dimension k.</summary>
/// <param name="M">Rows of C.</param>
/// <param name="N">Columns of C.</param>
/// <param name="K">Inner dimension.</param>
/// <param name="TransposeA">Whether A was stored k×m.</param>
/// <param name="TransposeB">Whether B was stored n×k.</param>
/// <param name="Precision">"float32" or "float64".</param>
/// <param name="BestSeconds">Fastest repetition's time per product, in seconds.</param>
/// <param name="MedianSeconds">Median repetition's time per product, in seconds.</param>
/// <param name="Repetitions">Number of timed repetitions.</param>
/// <param name="CallsPerRepetition">Products per repetition.</param>
public sealed record GemmTimingResult(
    int M, int N, int K, bool TransposeA, bool TransposeB, string Precision,
    double BestSeconds, double MedianSeconds, int Repetitions, int CallsPerRepetition)
{
    /// <summary>Floating-point operations of one product, 2·m·n·k.</summary>
    public double Flops => 2.0 * M * N * K;

    /// <summary>Throughput of the fastest repetition in GFLOP/s, 2mnk / <see cref="BestSeconds"/> / 10⁹.</summary>
    public double BestGflops => Flops / BestSeconds / 1e9;

    /// <summary>Throughput of the median repetition in GFLOP/s.</summary>
    public double MedianGflops => Flops / MedianSeconds / 1e9;
}
