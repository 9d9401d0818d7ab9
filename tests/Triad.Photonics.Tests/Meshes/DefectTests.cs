using System.Numerics;
using Triad.Numerics.Random;
using Triad.Photonics.Components;
using Triad.Photonics.Meshes;
using Triad.Photonics.Tests.TestSupport;

namespace Triad.Photonics.Tests.Meshes;

/// <summary>Each defect switches on alone, is seeded, and does what its model says.</summary>
public class DefectTests
{
    private const ulong Seed = 12_000_201;

    private static (MeshLayout Layout, MeshPhases Phases) Mesh(int n = 6)
    {
        MeshLayout layout = MeshLayout.Clements(n);
        return (layout, MeshPhases.Random(layout, new SeededRandom(Seed)));
    }

    [Fact]
    public void Realize_AllSwitchedOff_GivesTheIdealMatrixExactly()
    {
        var (layout, phases) = Mesh();
        Assert.False(MeshDefects.None.Any);
        Assert.Equal(new MziMesh(phases).Matrix(), new MziMesh(phases, MeshDefects.None.Realize(layout)).Matrix());
    }

    [Fact]
    public void Realize_SameSeed_SameDrawsAndOtherSeedDiffers()
    {
        var (layout, _) = Mesh();
        var d = new MeshDefects(0.02, 0.03, 0.2, 0.05, Seed: 5);
        Assert.Equal(d.Realize(layout).ThetaOffset, d.Realize(layout).ThetaOffset);
        Assert.Equal(d.Realize(layout).Amplitude, d.Realize(layout).Amplitude);
        Assert.NotEqual(d.Realize(layout).ThetaOffset, (d with { Seed = 6 }).Realize(layout).ThetaOffset);
    }

    [Fact]
    public void PhaseError_SwitchedOnAlone_ShiftsPhasesByItsDrawsOnly()
    {
        // The realised mesh equals an ideal mesh whose phases are the programmed ones plus the drawn offsets;
        // the coupler stream is untouched by switching phase errors on.
        var (layout, phases) = Mesh();
        MeshImperfections d = new MeshDefects(PhaseErrorStdRadians: 0.05, Seed: 8).Realize(layout);
        Assert.All(d.FirstCouplerError, e => Assert.Equal(0, e));
        MeshPhases shifted = phases.Clone();
        for (int k = 0; k < layout.Count; k++)
        {
            shifted.Theta[k] += d.ThetaOffset[k];
            shifted.Phi[k] += d.PhiOffset[k];
        }
        for (int m = 0; m < layout.Modes; m++)
        {
            shifted.Alpha[m] += d.AlphaOffset[m];
        }
        Assert.True(UnitaryMatrix.FrobeniusDistance(new MziMesh(shifted).Matrix(), new MziMesh(phases, d).Matrix()) <= 1e-14);
        double sd = Math.Sqrt(d.ThetaOffset.Concat(d.PhiOffset).Average(x => x * x));
        Assert.InRange(sd, 0.03, 0.07); // 30 draws of σ = 0.05
    }

    [Fact]
    public void CouplerError_MziMatrix_MatchesCouplerProductAndSplitsPower()
    {
        var c1 = new DirectionalCoupler(0.1);
        var c2 = new DirectionalCoupler(-0.2);
        Assert.Equal(0.55, c1.BarPowerFraction, 15);
        var mzi = new MachZehnderInterferometer(0.7, 1.9, c1, c2, InsertionLoss.None);
        Transfer2x2 expected = c2.Transfer() * Transfer2x2.UpperPhase(0.7) * c1.Transfer() * Transfer2x2.UpperPhase(1.9);
        Assert.Equal(expected, mzi.Transfer());
        // With an imperfect coupler, θ = π no longer gives full bar transmission: |T00|² = ((√(1+ε₁)√(1+ε₂) + √(1−ε₁)√(1−ε₂))/2)².
        Transfer2x2 bar = new MachZehnderInterferometer(Math.PI, 0, c1, c2, InsertionLoss.None).Transfer();
        double a = Math.Sqrt(1.1) * Math.Sqrt(0.8), b = Math.Sqrt(0.9) * Math.Sqrt(1.2);
        Assert.Equal(Math.Pow((a + b) / 2, 2), bar.M00.Magnitude * bar.M00.Magnitude, 12);
    }

    [Fact]
    public void Loss_TwoModeMesh_PowerDropsByTheDecibels()
    {
        MeshLayout layout = MeshLayout.Clements(2);
        var phases = new MeshPhases(layout, [1.1], [0.4], [0.2, 2.0]);
        Complex[] u = new MziMesh(phases, new MeshDefects(LossDbMean: 0.5).Realize(layout)).Matrix();
        double expected = Math.Pow(10, -0.05);
        for (int j = 0; j < 2; j++)
        {
            double power = (u[j].Magnitude * u[j].Magnitude) + (u[2 + j].Magnitude * u[2 + j].Magnitude);
            Assert.Equal(expected, power, 14);
        }
    }

    [Fact]
    public void Loss_WithSpread_NeverGains()
    {
        MeshLayout layout = MeshLayout.Clements(8);
        MeshImperfections d = new MeshDefects(LossDbMean: 0.05, LossDbSpread: 0.2, Seed: 1).Realize(layout);
        Assert.All(d.Amplitude, a => Assert.InRange(a, 0, 1));
        Assert.Contains(d.Amplitude, a => a == 1.0); // negative draws are clipped to 0 dB
    }

    [Theory]
    [InlineData(-0.1, 0.0)]
    [InlineData(0.0, -0.2)]
    [InlineData(double.NaN, 0.0)]
    public void Loss_NegativeOrNaN_Refused(double mean, double spread)
    {
        var e = Assert.Throws<ArgumentException>(() => new MeshDefects(LossDbMean: mean, LossDbSpread: spread).Realize(MeshLayout.Clements(3)));
        Assert.Contains("loss", e.Message, StringComparison.Ordinal);
        Assert.Contains("must be a finite number at least 0", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new InsertionLoss(-1));
    }

    [Fact]
    public void PhaseBits_QuantiseEveryPhaseToTheDacGrid()
    {
        var (layout, phases) = Mesh();
        const int bits = 4;
        double step = 2 * Math.PI / 16;
        MeshPhases rounded = phases.Clone();
        foreach (double[] arr in new[] { rounded.Theta, rounded.Phi, rounded.Alpha })
        {
            for (int i = 0; i < arr.Length; i++)
            {
                arr[i] = Math.Round(arr[i] / step) * step; // phases are drawn in [0, 2π)
            }
        }
        Complex[] viaDefect = new MziMesh(phases, new MeshDefects(PhaseBits: bits).Realize(layout)).Matrix();
        Assert.True(UnitaryMatrix.FrobeniusDistance(new MziMesh(rounded).Matrix(), viaDefect) <= 1e-13);
        Assert.True(UnitaryMatrix.FrobeniusDistance(new MziMesh(phases).Matrix(), viaDefect) > 1e-3);
        Assert.Throws<ArgumentException>(() => new MeshDefects(PhaseBits: 0).Realize(layout));
    }

    [Fact]
    public void PhaseError_GrowsMatrixErrorWithSigma()
    {
        // Fidelity falls as σ_φ grows: ‖U_σ − U‖_F rises with σ for the same draws (scaled).
        Complex[] u = UnitaryMatrix.Haar(16, new SeededRandom(Seed));
        MeshPhases phases = MeshDecomposition.Decompose(MeshKind.Clements, u, 16);
        double previous = 0;
        foreach (double sigma in new[] { 0.01, 0.02, 0.05, 0.1 })
        {
            double err = UnitaryMatrix.FrobeniusDistance(u, new MziMesh(phases, new MeshDefects(sigma, Seed: 4).Realize(phases.Layout)).Matrix());
            Assert.True(err > previous, $"σ = {sigma}: error {err} not above {previous}");
            previous = err;
        }
    }
}
