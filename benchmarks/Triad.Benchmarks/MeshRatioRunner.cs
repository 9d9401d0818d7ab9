using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;
using Triad.Numerics.Threading;
using Triad.Photonics.Meshes;

namespace Triad.Benchmarks;

/// <summary>
/// <c>--mesh-ratio [rounds] [threads]</c>: the ratios of <see cref="MeshBenchmarks"/> (Clements mesh against one dense
/// <see cref="ComplexGemm"/> multiply, 1024 fields, 64 and 256 modes) measured in one process for a quick check on a
/// shared machine. Mesh and dense calls alternate, each timed by the process's CPU time (so time another process takes
/// the core is not counted), and each round keeps the fastest call of each over about 1.5 s (forward) and 3 s
/// (forward + backward); one line per round, then the spread. Default: 3 rounds on one thread. A second line per size
/// times the mesh with one phase nudged before every call, so its coefficients are recomputed each time.
/// </summary>
public static class MeshRatioRunner
{
    private const int Batch = 1024;

    /// <summary>Runs the rounds and writes the ratios to <paramref name="output"/>.</summary>
    public static void Run(int rounds, int threads, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int keep = ThreadSettings.MaxThreads;
        ThreadSettings.MaxThreads = threads;
        try
        {
            foreach (int n in new[] { 64, 256 })
            {
                RunSize(n, rounds, output);
            }
        }
        finally
        {
            ThreadSettings.MaxThreads = keep;
        }
    }

    private static void RunSize(int n, int rounds, TextWriter output)
    {
        var rng = new SeededRandom(12_000_401);
        Complex[] u = UnitaryMatrix.Haar(n, rng);
        MeshPhases phases = MeshDecomposition.Decompose(MeshKind.Clements, u, n);
        var mesh = new MziMesh(phases);
        var x = new FieldBatch(n, Batch);
        rng.FillGaussian(x.Re, 0, 1);
        rng.FillGaussian(x.Im, 0, 1);
        FieldBatch g = x.Clone();
        var y = new FieldBatch(n, Batch);
        var gx = new FieldBatch(n, Batch);
        var grads = new MeshGradients(phases.Layout);
        Complex[] xd = x.ToMatrix(), gd = g.ToMatrix(), yd = new Complex[n * Batch], gxd = new Complex[n * Batch], gud = new Complex[n * n];
        double nudge = 1e-12;

        void DenseForward() => ComplexGemm.Multiply(MatrixOperation.None, MatrixOperation.None, n, Batch, n, Complex.One, u, n, xd, Batch, Complex.Zero, yd, Batch);
        void DenseBoth()
        {
            DenseForward();
            ComplexGemm.Multiply(MatrixOperation.ConjugateTranspose, MatrixOperation.None, n, Batch, n, Complex.One, u, n, gd, Batch, Complex.Zero, gxd, Batch);
            ComplexGemm.Multiply(MatrixOperation.None, MatrixOperation.ConjugateTranspose, n, n, Batch, Complex.One, gd, Batch, xd, Batch, Complex.Zero, gud, n);
        }
        void MeshForward() => mesh.Forward(x, y);
        void MeshBoth()
        {
            mesh.Forward(x, y);
            mesh.Backward(y, g, gx, grads);
        }
        void MeshForwardFresh()
        {
            nudge = -nudge;
            phases.Theta[0] += nudge;
            mesh.Forward(x, y);
        }

        var forward = new List<double>();
        var both = new List<double>();
        var fresh = new List<double>();
        for (int r = 0; r < rounds; r++)
        {
            (double df, double mf) = Fastest(DenseForward, MeshForward, 1500);
            (double db, double mb) = Fastest(DenseBoth, MeshBoth, 3000);
            (double df2, double mf2) = Fastest(DenseForward, MeshForwardFresh, 1500);
            forward.Add(mf / df);
            both.Add(mb / db);
            fresh.Add(mf2 / df2);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"N={n} round {r + 1}: forward {mf:F3} ms / dense {df:F3} ms = {mf / df:F2}; forward+backward {mb:F3} / {db:F3} ms = {mb / db:F2}; forward with fresh coefficients {mf2 / df2:F2}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"N={n}: forward ratio {forward.Min():F2}–{forward.Max():F2}, forward+backward {both.Min():F2}–{both.Max():F2}, fresh coefficients {fresh.Min():F2}–{fresh.Max():F2} over {rounds} rounds"));
    }

    // The fastest CPU time (ms) of a and of b, called alternately for about `milliseconds` of wall time.
    private static (double A, double B) Fastest(Action a, Action b, double milliseconds)
    {
        a();
        b();
        double bestA = double.MaxValue, bestB = double.MaxValue;
        var wall = Stopwatch.StartNew();
        using var process = Process.GetCurrentProcess();
        while (wall.Elapsed.TotalMilliseconds < milliseconds)
        {
            double t0 = Cpu(process);
            a();
            double t1 = Cpu(process);
            b();
            double t2 = Cpu(process);
            bestA = Math.Min(bestA, t1 - t0);
            bestB = Math.Min(bestB, t2 - t1);
        }
        return (bestA, bestB);
    }

    private static double Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalMilliseconds;
    }
}
