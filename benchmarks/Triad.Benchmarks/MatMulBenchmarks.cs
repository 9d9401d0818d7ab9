using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MathNet.Numerics.LinearAlgebra;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;

namespace Triad.Benchmarks;

/// <summary>
/// C ← A·B for square n×n matrices: Triad's <see cref="Gemm"/> against MathNet.Numerics' managed dense multiply,
/// the baseline, in double and in float (one category each, each with its own baseline). 257 is the odd size:
/// every tile loop has a remainder.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MatMulConfig))]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
public class MatMulBenchmarks
{
    private double[] _a = [], _b = [], _c = [];
    private float[] _af = [], _bf = [], _cf = [];
    private Matrix<double> _ma = null!, _mb = null!, _mc = null!;
    private Matrix<float> _maf = null!, _mbf = null!, _mcf = null!;

    [Params(256, 257, 512, 1024)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        MathNet.Numerics.Control.UseManaged();
        var rng = new SeededRandom(20240611);
        _a = new double[N * N];
        _b = new double[N * N];
        _c = new double[N * N];
        rng.FillUniform(_a, -1, 1);
        rng.FillUniform(_b, -1, 1);
        _af = Array.ConvertAll(_a, x => (float)x);
        _bf = Array.ConvertAll(_b, x => (float)x);
        _cf = new float[N * N];

        // MathNet stores column-major: these are the transposes of the Triad operands, the same amount of work.
        _ma = Matrix<double>.Build.Dense(N, N, _a);
        _mb = Matrix<double>.Build.Dense(N, N, _b);
        _mc = Matrix<double>.Build.Dense(N, N);
        _maf = Matrix<float>.Build.Dense(N, N, _af);
        _mbf = Matrix<float>.Build.Dense(N, N, _bf);
        _mcf = Matrix<float>.Build.Dense(N, N);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("double")]
    public void MathNetDouble() => _ma.Multiply(_mb, _mc);

    [Benchmark]
    [BenchmarkCategory("double")]
    public void TriadDouble() => Gemm.Multiply(false, false, N, N, N, 1.0, _a, N, _b, N, 0.0, _c, N);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("float")]
    public void MathNetFloat() => _maf.Multiply(_mbf, _mcf);

    [Benchmark]
    [BenchmarkCategory("float")]
    public void TriadFloat() => Gemm.Multiply(false, false, N, N, N, 1f, _af, N, _bf, N, 0f, _cf, N);
}
