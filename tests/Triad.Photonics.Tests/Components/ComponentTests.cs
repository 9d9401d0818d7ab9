using System.Numerics;
using Triad.Numerics.Random;
using Triad.Photonics.Components;
using Triad.Photonics.Tests.TestSupport;

namespace Triad.Photonics.Tests.Components;

/// <summary>Component equations against hand-worked numbers.</summary>
public class ComponentTests
{
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.9, 2.3)]
    [InlineData(Math.PI, 5.0)]
    public void Mzi_Ideal_MatchesClosedFormAndFormula(double theta, double phi)
    {
        Transfer2x2 t = new MachZehnderInterferometer(theta, phi).Transfer();
        Complex pre = Complex.ImaginaryOne * Complex.FromPolarCoordinates(1, theta / 2);
        Complex e = Complex.FromPolarCoordinates(1, phi);
        double s = Math.Sin(theta / 2), c = Math.Cos(theta / 2);
        Complex[] closed = [pre * e * s, pre * c, pre * e * c, -pre * s];
        Complex[] formula = DenseReference.Mzi(theta, phi);
        Complex[] got = [t.M00, t.M01, t.M10, t.M11];
        for (int i = 0; i < 4; i++)
        {
            Assert.True((got[i] - closed[i]).Magnitude < 1e-15, $"entry {i}: {got[i]} vs {closed[i]}");
            Assert.True((got[i] - formula[i]).Magnitude < 1e-15, $"entry {i}: {got[i]} vs {formula[i]}");
        }
    }

    [Fact]
    public void Mzi_ThetaZeroCrossesAndPiBars()
    {
        Transfer2x2 cross = new MachZehnderInterferometer(0, 0).Transfer();
        Transfer2x2 bar = new MachZehnderInterferometer(Math.PI, 0).Transfer();
        Assert.Equal(0, cross.M00.Magnitude, 15);
        Assert.Equal(1, cross.M10.Magnitude, 15);
        Assert.Equal(1, bar.M00.Magnitude, 15);
        Assert.Equal(0, bar.M10.Magnitude, 15);
    }

    [Fact]
    public void ThermoOptic_DefaultsFromHarris2014()
    {
        var ps = new ThermoOpticPhaseShifter();
        Assert.Equal(24.77 / 2, ps.HeaterPowerMilliwatts(Math.PI / 2), 12);
        Assert.Equal(24.77, ps.HeaterPowerMilliwatts(3 * Math.PI), 12); // 3π wraps to π
        Assert.Equal(1.2243e-6, ps.ResponseTimeSeconds, 1e-10);
        Assert.Equal(1 - Math.Exp(-1), ps.PhaseAfter(ps.ResponseTimeSeconds, 0, 1), 14);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThermoOpticPhaseShifter(PiPowerMilliwatts: 0));
    }

    [Fact]
    public void Photodetector_NoiseAtOneMilliwatt_MatchesHandCalculation()
    {
        var pd = new Photodetector();
        double current = 1e-3 + 40e-9;
        Assert.Equal(current, pd.MeanCurrentAmps(1e-3), 1e-18);
        Assert.Equal(Math.Sqrt(2 * 1.602176634e-19 * current * 5e9), pd.ShotNoiseAmps(1e-3), 15);
        Assert.Equal(1.2658e-6, pd.ShotNoiseAmps(1e-3), 1e-10);
        Assert.Equal(1.4142e-7, pd.TiaNoiseAmps, 1e-11);
        Assert.InRange(pd.SignalToNoise(1e-3) / 6.16431e5, 0.99999, 1.00001); // 1e-6 A² / (1.60224e-12 + 2e-14) A²
        // Johnson noise of a 10 kΩ resistor at 300 K: √(4kT/R) = 1.287 pA/√Hz.
        Assert.Equal(1.287e-12, Photodetector.ResistorNoiseDensity(10e3), 1e-15);
        var rng = new SeededRandom(1);
        double[] samples = Enumerable.Range(0, 20000).Select(_ => pd.Sample(1e-3, rng)).ToArray();
        double mean = samples.Average(), sd = Math.Sqrt(samples.Average(x => (x - mean) * (x - mean)));
        Assert.InRange(mean, current - 3e-8, current + 3e-8);
        Assert.InRange(sd / pd.NoiseAmps(1e-3), 0.97, 1.03);
        Assert.Throws<ArgumentOutOfRangeException>(() => pd.Sample(-1, rng));
    }

    [Fact]
    public void Quantizer_RoundsToLevels()
    {
        var q = new Quantizer(8);
        Assert.Equal(1.0 / 255, q.Step, 15);
        Assert.Equal(0.0, q.Quantize(-3));
        Assert.Equal(1.0, q.Quantize(7));
        Assert.Equal(128.0 / 255, q.Quantize(0.5), 15);
        Assert.Equal(Math.PI / 4, Quantizer.QuantizePhase(0.8, 3), 15);
        Assert.Equal(0.0, Quantizer.QuantizePhase((2 * Math.PI) - 0.01, 3), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Quantizer(0));
    }

    [Fact]
    public void Laser_ElectricalPowerIsOpticalOverEfficiency()
    {
        Assert.Equal(50.0, new Laser().ElectricalPowerMilliwatts, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Laser(WallPlugEfficiency: 1.5));
    }

    [Fact]
    public void Transfer_InverseTimesMatrix_IsIdentity()
    {
        Transfer2x2 t = new MachZehnderInterferometer(0.3, 1.2, new DirectionalCoupler(0.1), new DirectionalCoupler(0.05), new InsertionLoss(1.0)).Transfer();
        Transfer2x2 p = t.Inverse() * t;
        Assert.True((p.M00 - 1).Magnitude < 1e-15 && p.M01.Magnitude < 1e-15 && p.M10.Magnitude < 1e-15 && (p.M11 - 1).Magnitude < 1e-15);
    }
}
