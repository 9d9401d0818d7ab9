using System.Numerics;
using Triad.Numerics.Random;
using Triad.Photonics.Components;
using Triad.Photonics.Detection;
using Triad.Photonics.Meshes;
using Triad.Photonics.Thermal;

namespace Triad.Photonics.Tests.Detection;

/// <summary>Dynamic phase noise and the direct-detection readout.</summary>
public class DetectionTests
{
    private static MeshPhases Phases(int n, ulong seed) => MeshPhases.Random(MeshLayout.Clements(n), new SeededRandom(seed));

    private static FieldBatch Identity(int n)
    {
        var f = new FieldBatch(n, n);
        for (int j = 0; j < n; j++)
        {
            f.Re[(j * n) + j] = 1;
        }
        return f;
    }

    private static Complex[] Pass(DynamicPhaseNoise noise, MeshPhases phases, MeshImperfections? defects = null)
    {
        int n = phases.Layout.Modes;
        FieldBatch f = Identity(n);
        noise.Forward(phases, defects, f, f);
        return f.ToMatrix();
    }

    [Fact]
    public void ZeroSigma_IsTheMeshItself_WithItsStaticDefects()
    {
        MeshPhases phases = Phases(6, 1);
        MeshImperfections defects = new MeshDefects(PhaseErrorStdRadians: 0.05, CouplerErrorStd: 0.02, LossDbMean: 0.2, Seed: 4).Realize(phases.Layout);
        Assert.Equal(new MziMesh(phases).Matrix(), Pass(new DynamicPhaseNoise(0, 1), phases));
        Assert.Equal(new MziMesh(phases, defects).Matrix(), Pass(new DynamicPhaseNoise(0, 1), phases, defects));
    }

    [Fact]
    public void FreshDrawEachPass_SameSeedSameSequence()
    {
        MeshPhases phases = Phases(4, 2);
        var a = new DynamicPhaseNoise(0.05, 7);
        var b = new DynamicPhaseNoise(0.05, 7);
        Complex[] a1 = Pass(a, phases), a2 = Pass(a, phases);
        Assert.Equal(a1, Pass(b, phases));
        Assert.Equal(a2, Pass(b, phases));
        Assert.NotEqual(a1, a2);
    }

    [Fact]
    public void InfidelityGrowsAsSigmaSquared()
    {
        MeshPhases phases = Phases(8, 3);
        Complex[] target = new MziMesh(phases).Matrix();
        double Infidelity(double sigma)
        {
            var noise = new DynamicPhaseNoise(sigma, 11);
            return Enumerable.Range(0, 300).Average(_ => 1 - ThermalDrift.Fidelity(target, Pass(noise, phases), 8));
        }
        double small = Infidelity(0.01), large = Infidelity(0.02);
        Assert.InRange(large / small, 3.6, 4.4);
    }

    [Fact]
    public void Readout_HighPower_IsTheAdcRoundingOnly()
    {
        var readout = new DirectReadout(new Photodetector(), fullScaleWatts: 1.0, adcBits: 8);
        var random = new SeededRandom(5);
        for (int i = 0; i <= 50; i++)
        {
            double x = i / 50.0;
            // Step (R·P_fs + I_d)/255 of current, half a step of rounding; shot noise at 1 W is 4e-5 of full scale.
            Assert.True(Math.Abs(readout.Read(x, random) - x) <= (0.5 / 255) + 2e-4, $"intensity {x}");
        }
        Assert.Equal(1.0, readout.Read(3.0, random), 1e-3); // above full scale clips
    }

    [Fact]
    public void Readout_LowPower_NoiseMatchesTheDetector()
    {
        var pd = new Photodetector();
        var readout = new DirectReadout(pd, fullScaleWatts: 1e-6, adcBits: 32);
        var random = new SeededRandom(6);
        double[] r = Enumerable.Range(0, 20000).Select(_ => readout.Read(0.5, random)).ToArray();
        double mean = r.Average(), sd = Math.Sqrt(r.Average(v => (v - mean) * (v - mean)));
        double expected = pd.NoiseAmps(0.5e-6) / (pd.ResponsivityAmpsPerWatt * 1e-6); // 0.316 of full scale at 1 µW
        Assert.InRange(sd / expected, 0.97, 1.03);
        Assert.InRange(mean, 0.5 - (4 * expected / Math.Sqrt(r.Length)), 0.5 + (4 * expected / Math.Sqrt(r.Length)));
    }

    [Fact]
    public void Readout_OfABatch_ReadsEveryIntensity()
    {
        var f = new FieldBatch(2, 2);
        f.Re[0] = 1;
        f.Im[1] = Math.Sqrt(0.5);
        f.Re[3] = 0.5;
        double[] r = new DirectReadout(new Photodetector(), 1.0, 16).Read(f, new SeededRandom(1));
        Assert.Equal([1.0, 0.5, 0.0, 0.25], r.Select(v => Math.Round(v, 3)).ToArray());
    }

    [Fact]
    public void BadInput_Refused()
    {
        Assert.Equal("sigmaRadians", Assert.Throws<ArgumentOutOfRangeException>(() => new DynamicPhaseNoise(-0.1, 1)).ParamName);
        Assert.Equal("fullScaleWatts", Assert.Throws<ArgumentOutOfRangeException>(() => new DirectReadout(new Photodetector(), 0, 8)).ParamName);
        Assert.Equal("Bits", Assert.Throws<ArgumentOutOfRangeException>(() => new DirectReadout(new Photodetector(), 1e-3, 0)).ParamName);
    }
}
