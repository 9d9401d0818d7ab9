namespace Triad.Numerics.LinearAlgebra;

/// <summary>One measurement of <see cref="MatMulComparison"/>: an n×n by n×n product timed two ways.</summary>
/// <param name="Size">n, the order of the square matrices.</param>
/// <param name="ElementType">"double" or "float".</param>
/// <param name="TriadGflops">Throughput of <see cref="Gemm"/> in GFLOP/s, counting 2n³ operations per product.</param>
/// <param name="MathNetGflops">Throughput of MathNet.Numerics' managed dense multiply in GFLOP/s, counted the same way.</param>
public sealed record MatMulComparisonRow(int Size, string ElementType, double TriadGflops, double MathNetGflops)
{
    /// <summary>Triad's throughput over MathNet's; above 1 means Triad is faster.</summary>
    public double Ratio => TriadGflops / MathNetGflops;
}
