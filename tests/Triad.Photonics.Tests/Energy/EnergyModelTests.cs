using Triad.Photonics.Components;
using Triad.Photonics.Energy;
using Triad.Photonics.Meshes;

namespace Triad.Photonics.Tests.Energy;

/// <summary>Energy per MAC against hand arithmetic.</summary>
public class EnergyModelTests
{
    [Fact]
    public void QuantizationSnr_EightBits_Is49Point92Db()
    {
        Assert.Equal(98174.794, EnergyModel.QuantizationSnr(8), 1e-3);
        Assert.Equal(49.92, 10 * Math.Log10(EnergyModel.QuantizationSnr(8)), 1e-12);
    }

    [Fact]
    public void RequiredDetectorPower_GivesTheWantedSnr_AndMatchesHandRoot()
    {
        var pd = new Photodetector();
        double snr = EnergyModel.QuantizationSnr(8);
        double p = EnergyModel.RequiredDetectorPower(pd, snr, 5e9);
        // Hand root: b = 2qB·SNR = 1.57290e-4, c = SNR·B·(2q·40 nA + (2 pA)²) = 1.96982e-9; P = (b + √(b² + 4c))/2.
        Assert.Equal(1.6895220666e-4, p, 1e-13);
        Assert.Equal(1.0, pd.SignalToNoise(p) / snr, 1e-12); // the detector's own SNR at that power (its bandwidth is 5 GHz)
        // Without TIA noise or dark current the root is shot-noise limited: P = 2qB·SNR/R.
        var ideal = new Photodetector(DarkCurrentAmps: 0, TiaNoiseAmpsPerRootHertz: 0);
        Assert.Equal(2 * Photodetector.ElementaryCharge * 5e9 * snr, EnergyModel.RequiredDetectorPower(ideal, snr, 5e9), 1e-18);
    }

    [Fact]
    public void Estimate_FourModeClements_MatchesHandArithmetic()
    {
        var phases = new MeshPhases(MeshLayout.Clements(4));
        Array.Fill(phases.Theta, Math.PI / 2);
        Array.Fill(phases.Phi, Math.PI / 2);
        Array.Fill(phases.Alpha, Math.PI / 2);
        EnergyBreakdown e = EnergyModel.Estimate(phases, bits: 8, rateHz: 10e9);
        // N = 4: 16 MACs per vector; depth 4 columns.
        Assert.Equal(34e-15 * 256 / 4 * 1e12, e.DacPjPerMac, 1e-12); // 2.176 pJ/MAC
        Assert.Equal(2.176, e.AdcPjPerMac, 1e-12);
        Assert.Equal(0.9e-3 / 4, e.ModulatorPjPerMac, 1e-15);
        Assert.Equal(0.17 / 4, e.TiaPjPerMac, 1e-12);
        // 16 heaters (6 θ, 6 φ, 4 α) at P_π/2 = 12.385 mW: 198.16 mW over 0.1 ns for 16 MACs = 1.2385 pJ/MAC.
        Assert.Equal(0.19816, e.HeaterWatts, 1e-12);
        Assert.Equal(1.2385, e.HeaterPjPerMac, 1e-10);
        // Path loss 4·0.46 = 1.84 dB; laser 4·P_det·10^0.184/0.2 W for 0.1 ns over 16 MACs = 0.032261 pJ/MAC.
        Assert.Equal(1.84, e.PathLossDb, 1e-12);
        Assert.Equal(4 * 1.6895220666e-4 * Math.Pow(10, 0.184), e.LaserOpticalWatts, 1e-12);
        Assert.Equal(0.0322607070, e.LaserPjPerMac, 1e-9);
        Assert.Equal(2.176 + 2.176 + 0.000225 + 0.0425 + 1.2385 + 0.0322607070, e.TotalPjPerMac, 1e-9);
        // Latency: 4 MZIs × 300 µm × 4.2 / c = 16.81 ps of flight, plus two sample periods (200 ps).
        Assert.Equal(4 * 300e-6 * 4.2 / 299_792_458, e.PropagationSeconds, 1e-18);
        Assert.Equal(2e-10, e.ConversionSeconds, 1e-20);
        Assert.Equal(16 * 10e9, e.MacsPerSecond);
    }

    [Fact]
    public void Estimate_ConvertersShrinkAsOneOverN_LaserGrowsWithPathLoss()
    {
        EnergyBreakdown e64 = EnergyModel.Estimate(new MeshPhases(MeshLayout.Clements(64)), 8, 10e9);
        EnergyBreakdown e128 = EnergyModel.Estimate(new MeshPhases(MeshLayout.Clements(128)), 8, 10e9);
        Assert.Equal(0.136, e64.AdcPjPerMac, 1e-12);
        Assert.Equal(0.068, e128.AdcPjPerMac, 1e-12);
        Assert.Equal(0, e64.HeaterPjPerMac); // zero phases hold no heater power
        // Laser per MAC = P_det·10^(N·0.46/10)/(η·f·N): 1.16026 pJ at N = 64 (29.44 dB), 509.95 pJ at N = 128 (58.88 dB).
        Assert.Equal(1.1602562, e64.LaserPjPerMac, 1e-6);
        Assert.Equal(509.94566, e128.LaserPjPerMac, 1e-4);
        // Reck is deeper (2N − 3 columns) and so needs more light.
        EnergyBreakdown reck = EnergyModel.Estimate(new MeshPhases(MeshLayout.Reck(64)), 8, 10e9);
        Assert.Equal(125 * 0.46, reck.PathLossDb, 1e-12);
    }

    [Fact]
    public void Estimate_OneMoreBit_DoublesConverterEnergy_AndQuadruplesShotLimitedLaser()
    {
        var phases = new MeshPhases(MeshLayout.Clements(8));
        var ideal = EnergyComponents.Default with { Detector = new Photodetector(DarkCurrentAmps: 0, TiaNoiseAmpsPerRootHertz: 0) };
        EnergyBreakdown b8 = EnergyModel.Estimate(phases, 8, 10e9, ideal), b9 = EnergyModel.Estimate(phases, 9, 10e9, ideal);
        Assert.Equal(2.0, b9.AdcPjPerMac / b8.AdcPjPerMac, 1e-12);
        Assert.Equal(2.0, b9.DacPjPerMac / b8.DacPjPerMac, 1e-12);
        Assert.Equal(Math.Pow(10, 0.602), b9.LaserPjPerMac / b8.LaserPjPerMac, 1e-9); // SNR up 6.02 dB, shot-limited P ∝ SNR
    }

    [Fact]
    public void Estimate_BadInput_Refused()
    {
        var phases = new MeshPhases(MeshLayout.Clements(4));
        Assert.Equal("bits", Assert.Throws<ArgumentOutOfRangeException>(() => EnergyModel.Estimate(phases, 0, 1e9)).ParamName);
        Assert.Equal("rateHz", Assert.Throws<ArgumentOutOfRangeException>(() => EnergyModel.Estimate(phases, 8, 0)).ParamName);
        Assert.Equal("rateHz", Assert.Throws<ArgumentOutOfRangeException>(() => EnergyModel.Estimate(phases, 8, double.NaN)).ParamName);
        Assert.Equal("MziLossDb", Assert.Throws<ArgumentOutOfRangeException>(
            () => EnergyModel.Estimate(phases, 8, 1e9, EnergyComponents.Default with { MziLossDb = -0.1 })).ParamName);
        Assert.Equal("LaserWallPlugEfficiency", Assert.Throws<ArgumentOutOfRangeException>(
            () => EnergyModel.Estimate(phases, 8, 1e9, EnergyComponents.Default with { LaserWallPlugEfficiency = 1.5 })).ParamName);
    }
}
