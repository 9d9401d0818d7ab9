using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;
using Triad.Photonics.Meshes;

namespace Triad.Benchmarks;

/// <summary>
/// A Clements mesh of N modes on a batch of 1024 fields against the same product done as one dense complex matrix
/// multiply, Y = U·X with <see cref="ComplexGemm"/> (the baseline, Ratio 1.00), in one run. Category "forward":
/// mesh forward vs dense forward. Category "forward+backward": mesh forward plus its adjoint backward (gradients of
/// every phase and of the input) vs dense forward plus dense backward (∂X = U†·G and ∂U = G·X†, two more multiplies).
/// The issue asks for the mesh within 2× (forward) and 3× (forward + backward) of dense. 63 is the odd size.
/// The mesh is ideal, so it runs in the effective form (<see cref="MziMesh"/>): 10 multiply-adds per MZI and field
/// forward (5N² per field against the multiply's 4N²) and 34 forward + backward (17N² against 12N²). Its coefficients
/// are computed on the first call and kept while the phases do not change, as between these calls.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
public class MeshBenchmarks
{
    private const int Batch = 1024;
    private MziMesh _mesh = null!;
    private FieldBatch _x = null!, _y = null!, _g = null!, _gx = null!;
    private MeshGradients _grads = null!;
    private Complex[] _u = [], _xd = [], _yd = [], _gd = [], _gxd = [], _gud = [];

    [Params(63, 64, 256)]
    public int Modes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new SeededRandom(12_000_401);
        _u = UnitaryMatrix.Haar(Modes, rng);
        MeshPhases phases = MeshDecomposition.Decompose(MeshKind.Clements, _u, Modes);
        _mesh = new MziMesh(phases);
        _x = new FieldBatch(Modes, Batch);
        rng.FillGaussian(_x.Re, 0, 1);
        rng.FillGaussian(_x.Im, 0, 1);
        _g = _x.Clone();
        _y = new FieldBatch(Modes, Batch);
        _gx = new FieldBatch(Modes, Batch);
        _grads = new MeshGradients(phases.Layout);
        _xd = _x.ToMatrix();
        _gd = _g.ToMatrix();
        _yd = new Complex[Modes * Batch];
        _gxd = new Complex[Modes * Batch];
        _gud = new Complex[Modes * Modes];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("forward")]
    public void DenseForward() =>
        ComplexGemm.Multiply(MatrixOperation.None, MatrixOperation.None, Modes, Batch, Modes, Complex.One, _u, Modes, _xd, Batch, Complex.Zero, _yd, Batch);

    [Benchmark]
    [BenchmarkCategory("forward")]
    public void MeshForward() => _mesh.Forward(_x, _y);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("forward+backward")]
    public void DenseForwardBackward()
    {
        DenseForward();
        ComplexGemm.Multiply(MatrixOperation.ConjugateTranspose, MatrixOperation.None, Modes, Batch, Modes, Complex.One, _u, Modes, _gd, Batch, Complex.Zero, _gxd, Batch);
        ComplexGemm.Multiply(MatrixOperation.None, MatrixOperation.ConjugateTranspose, Modes, Modes, Batch, Complex.One, _gd, Batch, _xd, Batch, Complex.Zero, _gud, Modes);
    }

    [Benchmark]
    [BenchmarkCategory("forward+backward")]
    public void MeshForwardBackward()
    {
        _mesh.Forward(_x, _y);
        _mesh.Backward(_y, _g, _gx, _grads);
    }
}
