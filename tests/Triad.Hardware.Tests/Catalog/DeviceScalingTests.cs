using Triad.Hardware.Catalog;
using Triad.Hardware.Costs;
using Triad.Hardware.Graphs;

namespace Triad.Hardware.Tests.Catalog;

public class DeviceScalingTests
{
    private static DeviceProfile Get(string id) => DeviceCatalog.BuiltIn.Get(id);

    [Fact]
    public void Scale_Factor_MultipliesTheFigureAndMarksIt()
    {
        var h100 = (ElectronicProfile)DeviceScaling.Scale(Get("h100-sxm"), [new("memoryBandwidthGigabytesPerSecond", 2), new("peakTflops.bf16", 0.5)]);
        Assert.Equal(6700e9, h100.MemoryBytesPerSecond);
        Assert.Equal(494.7e12, h100.PeakFlopsPerSecond(Precision.Bf16), 1e6);
        Assert.StartsWith("what-if: ×2 (cited value 3350", h100.MemoryBandwidthGigabytesPerSecond.Note, StringComparison.Ordinal);
        // Unchanged figures keep their cited values and energies.
        Assert.Equal(700, h100.TdpWatts.Value);
        Assert.Equal(2.3, h100.PicojoulesPerFlop[Precision.Fp32].Value);
        // A memory-bound op gets twice as fast.
        var op = new Op("add", OpKind.Elementwise, [[1 << 20]], [1 << 20], 1 << 20, 6.0 * (1 << 20), Precision.Bf16, 0);
        Assert.Equal(0.5, RooflineCostModel.Cost(op, h100).Seconds / RooflineCostModel.Cost(op, (ElectronicProfile)Get("h100-sxm")).Seconds, 1e-12);
    }

    [Theory]
    [InlineData("mzi-mesh-64", "meshSize", "use --mesh-size")]
    [InlineData("mzi-mesh-64", "mziCount", "use --mesh-size")]
    [InlineData("mzi-mesh-64", "dacBits", "a count is not scaled by a factor")]
    public void Scale_FactorOnACount_RefusedNamingTheOption(string device, string field, string expected)
    {
        if (Get(device).Figures.All(f => f.Key != field))
        {
            Assert.Fail($"{device} has no figure {field}");
        }
        var e = Assert.Throws<HardwareDataException>(() => DeviceScaling.Scale(Get(device), [new(field, 0.01)]));
        Assert.StartsWith($"--factor {field}", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scale_MeshSize_SetsMziCountOfARectangularMesh()
    {
        // The road map's 10^8-gate chip: N = 14,143 gives N(N−1)/2 = 100,005,153 MZIs.
        var mesh = (PhotonicProfile)DeviceScaling.Scale(Get("mzi-mesh-64"), [], meshSize: 14_143);
        Assert.Equal(14_143, mesh.MeshSize);
        Assert.Equal(100_005_153, mesh.Figure("mziCount")!.Value);
        Assert.Equal(24.77, mesh.Figure("heaterPiPowerMilliwatts")!.Value);
    }

    [Fact]
    public void Scale_Qubits_ScalesCouplersWithTheQubitCount()
    {
        // 1,024 qubits at Sycamore's 86 couplers per 53 qubits: round(86 · 1024 / 53) = 1,662 couplers.
        var qpu = (QuantumProfile)DeviceScaling.Scale(Get("sycamore"), [], qubits: 1024);
        Assert.Equal(1024, qpu.Figure("qubits")!.Value);
        Assert.Equal(1662, qpu.Figure("couplers")!.Value);
        Assert.Equal(0.0062, qpu.Figure("twoQubitError")!.Value);
    }

    [Fact]
    public void Scale_BadRequests_OneLineErrors()
    {
        Assert.Contains("has no such figure", Assert.Throws<HardwareDataException>(() =>
            DeviceScaling.Scale(Get("h100-sxm"), [new("warpSpeed", 2)])).Message, StringComparison.Ordinal);
        Assert.Contains("positive and finite", Assert.Throws<HardwareDataException>(() =>
            DeviceScaling.Scale(Get("h100-sxm"), [new("tdpWatts", -1)])).Message, StringComparison.Ordinal);
        Assert.Contains("not a photonic device", Assert.Throws<HardwareDataException>(() =>
            DeviceScaling.Scale(Get("h100-sxm"), [], meshSize: 128)).Message, StringComparison.Ordinal);
        Assert.Contains("not a QPU", Assert.Throws<HardwareDataException>(() =>
            DeviceScaling.Scale(Get("mzi-mesh-64"), [], qubits: 100)).Message, StringComparison.Ordinal);
        Assert.Contains("at least 2", Assert.Throws<HardwareDataException>(() =>
            DeviceScaling.Scale(Get("mzi-mesh-64"), [], meshSize: 1)).Message, StringComparison.Ordinal);
        Assert.Contains("at least 1", Assert.Throws<HardwareDataException>(() =>
            DeviceScaling.Scale(Get("sycamore"), [], qubits: 0)).Message, StringComparison.Ordinal);
    }
}
