using Triad.Hardware.Catalog;
using Triad.Hardware.Costs;
using Triad.Hardware.Graphs;

namespace Triad.Hardware.Tests.Costs;

public class PhotonicCostModelTests
{
    private static PhotonicProfile Mesh => (PhotonicProfile)DeviceCatalog.BuiltIn.Get("mzi-mesh-64");

    private static double Part(PhotonicCost cost, string component) => cost.Breakdown.Single(b => b.Component == component).Joules;

    [Fact]
    public void MatMul128_OnMziMesh64_MatchesHandArithmetic()
    {
        // 128×128·128×128 on N = 64: ⌈128/64⌉·⌈128/64⌉ = 4 tiles, each streaming 128 vectors.
        // τ = 1/(2π·130 kHz) = 1.224269 µs; settle to 1 LSB of 8 bits: τ·8·ln 2 = 6.788788 µs per tile; 4 tiles = 27.15515 µs.
        // Rate: min(modulator 20 G, DAC 100 G, ADC 1.25 G) = 1.25 G vectors/s; streaming 4 × 128 / 1.25e9 = 0.4096 µs. Total 27.56475 µs.
        // Each tile is U·Σ·V†: two meshes of 2·2016 + 64 = 4096 shifters at P_π on average, and 64 attenuators at P_π/2:
        // heaters 8192 × 24.77 mW + 64 × 12.385 mW = 203.70848 W → 5.531735 mJ reprogramming, 83.43899 µJ streaming.
        // Weight DAC 4 × 8256 × 25 pJ = 0.8256 µJ; input DAC 2·128·128 = 32,768 × 25 pJ = 0.8192 µJ; modulators 32,768 × 200 fJ = 6.5536 nJ;
        // ADC 2·128·128 = 32,768 × 2.848 pJ = 93.32326 nJ. Total 5.616918 mJ, 1339.18 pJ per operation (2·128³ operations).
        // Path loss: (2·64 + 1) MZIs × 2 × 0.23 dB = 59.34 dB.
        PhotonicCost c = PhotonicCostModel.MatMul(128, 128, 128, Mesh);
        Assert.Equal(4, c.Tiles);
        Assert.Equal(6.788788e-6, c.ReprogramSeconds, 1e-12);
        Assert.Equal(1.25e9, c.SampleRate);
        Assert.Equal(27.56475e-6, c.Seconds, 1e-11);
        Assert.Equal(203.70848, c.HeaterWatts, 1e-9);
        Assert.Equal(59.34, c.PathLossDb, 1e-9);
        Assert.Equal(5.531735e-3, Part(c, "heaters, reprogramming"), 1e-9);
        Assert.Equal(83.43899e-6, Part(c, "heaters, streaming"), 1e-11);
        Assert.Equal(0.8256e-6, Part(c, "weight DAC"), 1e-15);
        Assert.Equal(0.8192e-6, Part(c, "input DAC"), 1e-15);
        Assert.Equal(6.5536e-9, Part(c, "modulators"), 1e-16);
        Assert.Equal(93.32326e-9, Part(c, "ADC"), 1e-14);
        Assert.Equal(5.616918e-3, c.Joules, 1e-9);
        Assert.Equal(1339.18, c.PicojoulesPerOperation, 0.01);
        Assert.Contains(c.Assumptions, a => a.StartsWith("laser: not itemised", StringComparison.Ordinal));
    }

    [Fact]
    public void MatMul_RaggedTiles_CountsActualSamples()
    {
        // 100×70·70×5 on N = 64: ⌈100/64⌉ = 2 row blocks, ⌈70/64⌉ = 2 column blocks, 4 tiles.
        // Input samples 2·70·5 = 700; ADC samples 2·100·5 = 1000.
        PhotonicCost c = PhotonicCostModel.MatMul(100, 70, 5, Mesh);
        Assert.Equal(4, c.Tiles);
        Assert.Equal(700 * 25e-12, Part(c, "input DAC"), 1e-20);
        Assert.Equal(1000 * 2.848e-12, Part(c, "ADC"), 1e-20);
    }

    [Fact]
    public void MatMul_WithLaser_ChargesElectricalLaserPowerForTheRun()
    {
        // A test mesh of order 4 with a 100 mW laser at 20 % wall-plug efficiency: 0.5 W electrical for the whole run.
        // 8×8·8×1000: 2·2 = 4 tiles; τ = 1/(2π·100 kHz) = 1.591549 µs, 4 bits: τ·4·ln 2 = 4.412712 µs per tile;
        // rate min(10 Gb/s modulator, 5 GHz detector) = 5e9: streaming 4 × 1000 / 5e9 = 0.8 µs; total 18.45085 µs; laser 9.225424 µJ.
        // Heaters: two meshes of 2 × 6 + 4 = 16 shifters at 10 mW and 4 attenuators at 5 mW = 0.34 W; no DAC or ADC figures: not itemised.
        const string json = """
            {
              "id": "test-mesh", "name": "test", "kind": "photonic", "sources": { "t": "test figures" },
              "meshSize": { "value": 4, "source": "t" }, "mziCount": { "value": 6, "source": "t" },
              "heaterPiPowerMilliwatts": { "value": 10, "source": "t" }, "heaterBandwidthKilohertz": { "value": 100, "source": "t" },
              "insertionLossDbPerPhaseShifter": { "value": 0.1, "source": "t" }, "modulatorRateGigabitsPerSecond": { "value": 10, "source": "t" },
              "detectorRateGigahertz": { "value": 5, "source": "t" }, "dacBits": { "value": 4, "source": "t" },
              "laserPowerMilliwatts": { "value": 100, "source": "t" }, "laserWallPlugEfficiency": { "value": 0.2, "source": "t" }
            }
            """;
        var mesh = (PhotonicProfile)DeviceFileReader.Read(json, "test-mesh.json");
        PhotonicCost c = PhotonicCostModel.MatMul(8, 8, 1000, mesh);
        Assert.Equal(18.45085e-6, c.Seconds, 1e-11);
        Assert.Equal(9.225424e-6, Part(c, "laser"), 1e-12);
        Assert.Equal(0.34 * 18.45085e-6, Part(c, "heaters, reprogramming") + Part(c, "heaters, streaming"), 1e-12);
        Assert.Equal(9 * 2 * 0.1, c.PathLossDb, 1e-12); // (2·4 + 1) MZIs × 2 shifters × 0.1 dB
        Assert.DoesNotContain(c.Breakdown, b => b.Component == "ADC");
        Assert.Contains(c.Assumptions, a => a.Contains("cites no adcEnergyPicojoulesPerConversion", StringComparison.Ordinal));
        Assert.Equal(c.Joules, c.Breakdown.Sum(b => b.Joules), 1e-18);
    }

    [Fact]
    public void Cost_TileCountBeyondLong_RefusedNotWrapped()
    {
        // A weight matrix of (2^63 − 1)² entries is (2^57)² tiles of 64×64: more than a long counts.
        var op = new Op("huge", OpKind.MatMul, [[64, long.MaxValue], [long.MaxValue, long.MaxValue]], [64, long.MaxValue], 1e40, 0, Precision.Fp32, 0);
        var e = Assert.Throws<HardwareDataException>(() => PhotonicCostModel.Cost(op, Mesh));
        Assert.Contains("needs more than 9223372036854775807 tiles", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_Op_UsesSecondOperandAsWeightsAndRepeatsPerBatchItem()
    {
        // [3, 128, 128]·[3, 128, 128]: 3 products of 128³, each 5.616918 mJ.
        var op = new Op("bmm", OpKind.MatMul, [[3, 128, 128], [3, 128, 128]], [3, 128, 128], 3 * 2.0 * 128 * 128 * 128, 0, Precision.Fp32, 0);
        PhotonicCost c = PhotonicCostModel.Cost(op, Mesh);
        Assert.Equal(12, c.Tiles);
        Assert.Equal(3 * 5.616918e-3, c.Joules, 1e-8);
        var softmax = new Op("softmax", OpKind.Softmax, [[128, 128]], [128, 128], 5.0 * 128 * 128, 0, Precision.Fp32, 0);
        Assert.Contains("goes electronic", Assert.Throws<HardwareDataException>(() => PhotonicCostModel.Cost(softmax, Mesh)).Message, StringComparison.Ordinal);
        Assert.Contains("at least 1", Assert.Throws<HardwareDataException>(() => PhotonicCostModel.MatMul(0, 1, 1, Mesh)).Message, StringComparison.Ordinal);
    }
}
