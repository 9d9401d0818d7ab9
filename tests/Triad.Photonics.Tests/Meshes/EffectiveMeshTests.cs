using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;
using Triad.Numerics.Threading;
using Triad.Photonics.Meshes;
using Triad.Photonics.Tests.TestSupport;
using Xunit.Abstractions;

namespace Triad.Photonics.Tests.Meshes;

/// <summary>
/// The effective-form fast path of <see cref="MziMesh"/> (ideal couplers) against the general 2×2 kernels it replaces
/// (<see cref="MziMesh.UseGeneralKernels"/>, the reference) and against finite differences.
/// </summary>
[Collection(ThreadSettingsCollection.Name)]
public class EffectiveMeshTests
{
    private const ulong Seed = 12_000_701;
    private readonly ITestOutputHelper _output;

    public EffectiveMeshTests(ITestOutputHelper output) => _output = output;

    // Phase errors, loss and DAC rounding but ideal couplers: the fast path applies.
    private static readonly MeshDefects FastDefects = new(PhaseErrorStdRadians: 0.05, LossDbMean: 0.3, LossDbSpread: 0.1, PhaseBits: 6, Seed: 98);

    public static TheoryData<MeshKind, int, bool> Cases()
    {
        var data = new TheoryData<MeshKind, int, bool>();
        foreach (MeshKind kind in new[] { MeshKind.Clements, MeshKind.Reck })
        {
            foreach (int n in new[] { 1, 2, 3, 8, 33, 70 })
            {
                data.Add(kind, n, false);
                data.Add(kind, n, true);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardInverseBackward_MatchGeneralKernels(MeshKind kind, int n, bool withDefects)
    {
        MeshLayout layout = MeshLayout.Create(kind, n);
        MeshPhases phases = MeshPhases.Random(layout, new SeededRandom(Seed + (ulong)n));
        MeshImperfections? defects = withDefects ? FastDefects.Realize(layout) : null;
        var fast = new MziMesh(phases, defects);
        var reference = new MziMesh(phases, defects) { UseGeneralKernels = true };
        const int batch = 37; // not a multiple of the 8-sample block: exercises the zero-padded tail
        var rng = new SeededRandom(Seed + 100);
        FieldBatch x = PropagationTests.RandomBatch(n, batch, rng);
        FieldBatch g = PropagationTests.RandomBatch(n, batch, rng);

        var yFast = new FieldBatch(n, batch);
        var yRef = new FieldBatch(n, batch);
        fast.Forward(x, yFast);
        reference.Forward(x, yRef);
        double scale = Math.Sqrt(n * batch);
        AssertClose("forward", yRef.ToMatrix(), yFast.ToMatrix(), 1e-13 * scale);

        FieldBatch back = yFast.Clone();
        fast.Inverse(back, back);
        AssertClose("inverse ∘ forward", x.ToMatrix(), back.ToMatrix(), 1e-12 * scale);

        var gxFast = new FieldBatch(n, batch);
        var gxRef = new FieldBatch(n, batch);
        var gradFast = new MeshGradients(layout);
        var gradRef = new MeshGradients(layout);
        fast.Backward(yFast, g, gxFast, gradFast);
        reference.Backward(yRef, g, gxRef, gradRef);
        AssertClose("input gradient", gxRef.ToMatrix(), gxFast.ToMatrix(), 1e-12 * scale);
        AssertClose("∂L/∂θ", gradRef.Theta, gradFast.Theta, 1e-12 * batch);
        AssertClose("∂L/∂φ", gradRef.Phi, gradFast.Phi, 1e-12 * batch);
        AssertClose("∂L/∂α", gradRef.Alpha, gradFast.Alpha, 1e-12 * batch);
    }

    [Fact]
    public void Matrix_LosslessFastPath_IsUnitaryTo1e12AndMatchesReference()
    {
        MeshLayout layout = MeshLayout.Clements(256);
        MeshPhases phases = MeshPhases.Random(layout, new SeededRandom(Seed + 1));
        System.Numerics.Complex[] u = new MziMesh(phases).Matrix();
        System.Numerics.Complex[] reference = new MziMesh(phases) { UseGeneralKernels = true }.Matrix();
        double unitarity = UnitaryMatrix.UnitarityError(u, 256);
        double distance = UnitaryMatrix.FrobeniusDistance(reference, u);
        _output.WriteLine($"N = 256: ‖U†U − I‖_F = {unitarity:E2}, ‖U_fast − U_general‖_F = {distance:E2}");
        Assert.True(unitarity <= 1e-12, $"‖U†U − I‖_F = {unitarity:E3}");
        Assert.True(distance <= 1e-12, $"‖U_fast − U_general‖_F = {distance:E3}");
    }

    [Theory]
    [InlineData(MeshKind.Clements, 6)]
    [InlineData(MeshKind.Reck, 5)]
    public void Backward_FastPathWithLossAndPhaseErrors_MatchesFiniteDifferences(MeshKind kind, int n)
    {
        // L = Σ Re(conj(t)·y) + Σ w·|y|², as in PropagationTests, on a lossy mesh with phase errors (no DAC rounding,
        // which finite differences cannot see through).
        MeshLayout layout = MeshLayout.Create(kind, n);
        MeshPhases phases = MeshPhases.Random(layout, new SeededRandom(Seed + 3));
        MeshImperfections defects = (FastDefects with { PhaseBits = null }).Realize(layout);
        const int batch = 11;
        var rng = new SeededRandom(Seed + 4);
        FieldBatch x = PropagationTests.RandomBatch(n, batch, rng);
        FieldBatch t = PropagationTests.RandomBatch(n, batch, rng);
        var w = new double[n * batch];
        rng.FillUniform(w, 0.1, 1.0);
        var mesh = new MziMesh(phases, defects);

        double Loss()
        {
            var y = new FieldBatch(n, batch);
            mesh.Forward(x, y);
            double l = 0;
            for (int i = 0; i < y.Re.Length; i++)
            {
                l += (t.Re[i] * y.Re[i]) + (t.Im[i] * y.Im[i]) + (w[i] * ((y.Re[i] * y.Re[i]) + (y.Im[i] * y.Im[i])));
            }
            return l;
        }

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

    [Fact]
    public void FastPath_AnyThreadCount_BitIdentical()
    {
        MeshLayout layout = MeshLayout.Clements(40);
        var mesh = new MziMesh(MeshPhases.Random(layout, new SeededRandom(Seed)), FastDefects.Realize(layout));
        FieldBatch x = PropagationTests.RandomBatch(40, 1001, new SeededRandom(Seed + 5));
        FieldBatch g = PropagationTests.RandomBatch(40, 1001, new SeededRandom(Seed + 6));
        int keep = ThreadSettings.MaxThreads;
        try
        {
            (FieldBatch Y, FieldBatch Gx, MeshGradients G) Run(int threads)
            {
                ThreadSettings.MaxThreads = threads;
                var y = new FieldBatch(40, 1001);
                mesh.Forward(x, y);
                var gx = new FieldBatch(40, 1001);
                var grads = new MeshGradients(layout);
                mesh.Backward(y, g, gx, grads);
                return (y, gx, grads);
            }
            var one = Run(1);
            var three = Run(3);
            Assert.Equal(one.Y.Re, three.Y.Re);
            Assert.Equal(one.Y.Im, three.Y.Im);
            Assert.Equal(one.Gx.Re, three.Gx.Re);
            Assert.Equal(one.Gx.Im, three.Gx.Im);
            Assert.Equal(one.G.Theta, three.G.Theta);
            Assert.Equal(one.G.Phi, three.G.Phi);
            Assert.Equal(one.G.Alpha, three.G.Alpha);
        }
        finally
        {
            ThreadSettings.MaxThreads = keep;
        }
    }

    [Fact]
    public void Forward_PhasesChangedBetweenCalls_UsesNewPhases()
    {
        // The coefficients are kept between calls while the phases stay the same; a change must be seen.
        MeshLayout layout = MeshLayout.Clements(6);
        MeshPhases phases = MeshPhases.Random(layout, new SeededRandom(Seed + 8));
        var mesh = new MziMesh(phases);
        System.Numerics.Complex[] before = mesh.Matrix();
        phases.Theta[3] += 0.3;
        phases.Alpha[5] -= 0.2;
        System.Numerics.Complex[] after = mesh.Matrix();
        System.Numerics.Complex[] reference = new MziMesh(phases) { UseGeneralKernels = true }.Matrix();
        Assert.True(UnitaryMatrix.FrobeniusDistance(before, after) > 0.1);
        Assert.True(UnitaryMatrix.FrobeniusDistance(reference, after) <= 1e-13);
    }

    [Fact]
    public void Forward_ExtremeLoss_FallsBackAndStaysFinite()
    {
        // 300 dB per MZI over 64 modes underflows the running gains; the general kernels then run.
        MeshLayout layout = MeshLayout.Clements(64);
        MeshImperfections defects = new MeshDefects(LossDbMean: 300, Seed: 1).Realize(layout);
        MeshPhases phases = MeshPhases.Random(layout, new SeededRandom(Seed + 9));
        FieldBatch x = PropagationTests.RandomBatch(64, 9, new SeededRandom(Seed + 10));
        var y = new FieldBatch(64, 9);
        var yRef = new FieldBatch(64, 9);
        new MziMesh(phases, defects).Forward(x, y);
        new MziMesh(phases, defects) { UseGeneralKernels = true }.Forward(x, yRef);
        Assert.All(y.Re, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(yRef.Re, y.Re);
        Assert.Equal(yRef.Im, y.Im);
    }

    private void AssertClose(string what, System.Numerics.Complex[] expected, System.Numerics.Complex[] actual, double tolerance)
    {
        double d = UnitaryMatrix.FrobeniusDistance(expected, actual);
        _output.WriteLine($"{what}: ‖Δ‖_F = {d:E2} (tolerance {tolerance:E1})");
        Assert.True(d <= tolerance, $"{what}: ‖fast − general‖_F = {d:E3} > {tolerance:E1}");
    }

    private void AssertClose(string what, double[] expected, double[] actual, double tolerance)
    {
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        }
        _output.WriteLine($"{what}: max |Δ| = {worst:E2} (tolerance {tolerance:E1})");
        Assert.True(worst <= tolerance, $"{what}: max |fast − general| = {worst:E3} > {tolerance:E1}");
    }

    private void CheckAgainstFd(string what, double[] adjoint, double[] parameters, Func<double> loss)
    {
        const double h = 1e-6;
        double diff = 0, norm = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            double keep = parameters[i];
            parameters[i] = keep + h;
            double up = loss();
            parameters[i] = keep - h;
            double down = loss();
            parameters[i] = keep;
            double fd = (up - down) / (2 * h);
            diff += (adjoint[i] - fd) * (adjoint[i] - fd);
            norm += fd * fd;
            Assert.True(Math.Abs(adjoint[i] - fd) <= 1e-6 * (1 + Math.Abs(fd)), $"{what}[{i}]: adjoint {adjoint[i]} vs fd {fd}");
        }
        double relative = parameters.Length == 0 ? 0 : Math.Sqrt(diff / norm);
        _output.WriteLine($"{what}: {parameters.Length} gradients, relative error {relative:E2}");
        Assert.True(relative <= 1e-6, $"{what}: adjoint vs finite differences relative error {relative:E3}");
    }
}
