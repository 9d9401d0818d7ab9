using System.Numerics;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;
using Triad.Numerics.Threading;
using Triad.Photonics.Meshes;
using Triad.Photonics.Tests.TestSupport;
using Xunit.Abstractions;

namespace Triad.Photonics.Tests.Meshes;

/// <summary>Forward, inverse and adjoint backward of a mesh: invariants, thread independence, finite differences.</summary>
[Collection(ThreadSettingsCollection.Name)]
public class PropagationTests
{
    private const ulong Seed = 12_000_101;
    private readonly ITestOutputHelper _output;

    public PropagationTests(ITestOutputHelper output) => _output = output;

    private static readonly MeshDefects AllDefects = new(PhaseErrorStdRadians: 0.05, CouplerErrorStd: 0.05, LossDbMean: 0.3, LossDbSpread: 0.1, PhaseBits: 6, Seed: 99);

    public static TheoryData<MeshKind, int> KindsAndSizes()
    {
        var data = new TheoryData<MeshKind, int>();
        foreach (MeshKind kind in new[] { MeshKind.Clements, MeshKind.Reck })
        {
            foreach (int n in new[] { 1, 2, 5, 8, 33, 64 })
            {
                data.Add(kind, n);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndSizes))]
    public void Matrix_LosslessMeshWithPhaseAndCouplerErrors_IsUnitaryTo1e12(MeshKind kind, int n)
    {
        MeshLayout layout = MeshLayout.Create(kind, n);
        MeshPhases phases = MeshPhases.Random(layout, new SeededRandom(Seed));
        foreach (MeshDefects defects in new[] { MeshDefects.None, new MeshDefects(0.1, 0.1, PhaseBits: 5, Seed: 3) })
        {
            double error = UnitaryMatrix.UnitarityError(new MziMesh(phases, defects.Realize(layout)).Matrix(), n);
            Assert.True(error <= 1e-12, $"{kind} N={n} {defects}: ‖U†U − I‖_F = {error:E3}");
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndSizes))]
    public void Forward_Batch_EqualsDenseProductOfItsMatrix(MeshKind kind, int n)
    {
        MeshLayout layout = MeshLayout.Create(kind, n);
        var mesh = new MziMesh(MeshPhases.Random(layout, new SeededRandom(Seed)), AllDefects.Realize(layout));
        const int batch = 77;
        FieldBatch x = RandomBatch(n, batch, new SeededRandom(Seed + 1));
        var y = new FieldBatch(n, batch);
        mesh.Forward(x, y);
        Complex[] u = mesh.Matrix();
        var expected = new Complex[n * batch];
        ComplexGemm.Multiply(MatrixOperation.None, MatrixOperation.None, n, batch, n, Complex.One, u, n, x.ToMatrix(), batch, Complex.Zero, expected, batch);
        double err = UnitaryMatrix.FrobeniusDistance(expected, y.ToMatrix());
        Assert.True(err <= 1e-12 * Math.Sqrt(n * batch), $"‖U·X − forward(X)‖_F = {err:E3}");
    }

    [Theory]
    [MemberData(nameof(KindsAndSizes))]
    public void Inverse_AfterForward_GivesBackTheInput(MeshKind kind, int n)
    {
        MeshLayout layout = MeshLayout.Create(kind, n);
        var mesh = new MziMesh(MeshPhases.Random(layout, new SeededRandom(Seed)), AllDefects.Realize(layout));
        FieldBatch x = RandomBatch(n, 70, new SeededRandom(Seed + 2));
        FieldBatch y = x.Clone();
        mesh.Forward(y, y);
        mesh.Inverse(y, y);
        Assert.True(UnitaryMatrix.FrobeniusDistance(x.ToMatrix(), y.ToMatrix()) <= 1e-11);
    }

    [Theory]
    [InlineData(MeshKind.Clements, 5, false)]
    [InlineData(MeshKind.Clements, 6, true)]
    [InlineData(MeshKind.Reck, 5, true)]
    [InlineData(MeshKind.Reck, 4, false)]
    public void Backward_PhaseAndInputGradients_MatchFiniteDifferences(MeshKind kind, int n, bool withDefects)
    {
        // L = Σ Re(conj(t)·y) + Σ w·|y|²: not invariant under any phase, so every gradient is exercised.
        MeshLayout layout = MeshLayout.Create(kind, n);
        MeshPhases phases = MeshPhases.Random(layout, new SeededRandom(Seed + 3));
        MeshImperfections? defects = withDefects ? (AllDefects with { PhaseBits = null }).Realize(layout) : null;
        const int batch = 9;
        var rng = new SeededRandom(Seed + 4);
        FieldBatch x = RandomBatch(n, batch, rng);
        FieldBatch t = RandomBatch(n, batch, rng);
        var w = new double[n * batch];
        rng.FillUniform(w, 0.1, 1.0);

        double Loss()
        {
            var y = new FieldBatch(n, batch);
            new MziMesh(phases, defects).Forward(x, y);
            double l = 0;
            for (int i = 0; i < y.Re.Length; i++)
            {
                l += (t.Re[i] * y.Re[i]) + (t.Im[i] * y.Im[i]) + (w[i] * ((y.Re[i] * y.Re[i]) + (y.Im[i] * y.Im[i])));
            }
            return l;
        }

        var mesh = new MziMesh(phases, defects);
        var output = new FieldBatch(n, batch);
        mesh.Forward(x, output);
        var g = new FieldBatch(n, batch);
        for (int i = 0; i < g.Re.Length; i++)
        {
            g.Re[i] = t.Re[i] + (2 * w[i] * output.Re[i]);
            g.Im[i] = t.Im[i] + (2 * w[i] * output.Im[i]);
        }
        var gx = new FieldBatch(n, batch);
        var grads = new MeshGradients(layout);
        mesh.Backward(output, g, gx, grads);

        CheckAgainstFd("θ", grads.Theta, phases.Theta, Loss);
        CheckAgainstFd("φ", grads.Phi, phases.Phi, Loss);
        CheckAgainstFd("α", grads.Alpha, phases.Alpha, Loss);
        CheckAgainstFd("Re x", gx.Re, x.Re, Loss);
        CheckAgainstFd("Im x", gx.Im, x.Im, Loss);
    }

    private void CheckAgainstFd(string what, double[] adjoint, double[] parameters, Func<double> loss)
    {
        const double h = 1e-6;
        var fd = new double[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            double keep = parameters[i];
            parameters[i] = keep + h;
            double up = loss();
            parameters[i] = keep - h;
            double down = loss();
            parameters[i] = keep;
            fd[i] = (up - down) / (2 * h);
        }
        double diff = 0, norm = 0;
        for (int i = 0; i < fd.Length; i++)
        {
            diff += (adjoint[i] - fd[i]) * (adjoint[i] - fd[i]);
            norm += fd[i] * fd[i];
        }
        double relative = fd.Length == 0 ? 0 : Math.Sqrt(diff / norm);
        _output.WriteLine($"{what}: {fd.Length} gradients, relative error {relative:E2}");
        Assert.True(relative <= 1e-6, $"{what}: adjoint vs finite differences relative error {relative:E3}");
        for (int i = 0; i < fd.Length; i++)
        {
            Assert.True(Math.Abs(adjoint[i] - fd[i]) <= 1e-6 * (1 + Math.Abs(fd[i])), $"{what}[{i}]: adjoint {adjoint[i]} vs fd {fd[i]}");
        }
    }

    [Fact]
    public void ForwardAndBackward_AnyThreadCount_BitIdentical()
    {
        MeshLayout layout = MeshLayout.Clements(17);
        var mesh = new MziMesh(MeshPhases.Random(layout, new SeededRandom(Seed)), AllDefects.Realize(layout));
        FieldBatch x = RandomBatch(17, 1001, new SeededRandom(Seed + 5));
        FieldBatch g = RandomBatch(17, 1001, new SeededRandom(Seed + 6));
        int keep = ThreadSettings.MaxThreads;
        try
        {
            (FieldBatch Y, FieldBatch Gx, MeshGradients G) Run(int threads)
            {
                ThreadSettings.MaxThreads = threads;
                var y = new FieldBatch(17, 1001);
                mesh.Forward(x, y);
                var gx = new FieldBatch(17, 1001);
                var grads = new MeshGradients(layout);
                mesh.Backward(y, g, gx, grads);
                return (y, gx, grads);
            }
            var one = Run(1);
            var four = Run(4);
            Assert.Equal(one.Y.Re, four.Y.Re);
            Assert.Equal(one.Y.Im, four.Y.Im);
            Assert.Equal(one.Gx.Re, four.Gx.Re);
            Assert.Equal(one.G.Theta, four.G.Theta);
            Assert.Equal(one.G.Phi, four.G.Phi);
            Assert.Equal(one.G.Alpha, four.G.Alpha);
        }
        finally
        {
            ThreadSettings.MaxThreads = keep;
        }
    }

    [Fact]
    public void Backward_LeavesOutputUnchangedAndRecreatesInputs()
    {
        // The adjoint pass re-creates fields from the outputs; its input gradient for g = y on a unitary mesh is
        // U†·y = x, which checks the re-created path without finite differences.
        MeshLayout layout = MeshLayout.Reck(12);
        var mesh = new MziMesh(MeshPhases.Random(layout, new SeededRandom(Seed)));
        FieldBatch x = RandomBatch(12, 40, new SeededRandom(Seed + 7));
        var y = new FieldBatch(12, 40);
        mesh.Forward(x, y);
        FieldBatch yCopy = y.Clone();
        var gx = new FieldBatch(12, 40);
        mesh.Backward(y, y.Clone(), gx, new MeshGradients(layout));
        Assert.Equal(yCopy.Re, y.Re);
        Assert.True(UnitaryMatrix.FrobeniusDistance(x.ToMatrix(), gx.ToMatrix()) <= 1e-12);
    }

    [Fact]
    public void Forward_WrongModes_Refused()
    {
        var mesh = new MziMesh(new MeshPhases(MeshLayout.Clements(4)));
        var e = Assert.Throws<ArgumentException>(() => mesh.Forward(new FieldBatch(3, 2), new FieldBatch(3, 2)));
        Assert.Contains("3 modes", e.Message, StringComparison.Ordinal);
    }

    internal static FieldBatch RandomBatch(int n, int batch, SeededRandom rng)
    {
        var f = new FieldBatch(n, batch);
        rng.FillGaussian(f.Re, 0, 1);
        rng.FillGaussian(f.Im, 0, 1);
        return f;
    }
}
