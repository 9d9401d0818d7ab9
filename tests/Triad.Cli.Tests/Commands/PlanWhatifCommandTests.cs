using System.Text.Json;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

public class PlanWhatifCommandTests
{
    private static Dictionary<string, (double Before, double After)> Costs(CliResult r)
    {
        Assert.True(r.ExitCode == 0, r.ToString());
        return JsonDocument.Parse(r.Stdout).RootElement.GetProperty("costs").EnumerateArray()
            .ToDictionary(c => c.GetProperty("quantity").GetString()!, c => (c.GetProperty("before").GetDouble(), c.GetProperty("after").GetDouble()));
    }

    [Fact]
    public void Whatif_MeshOf10To8Gates_HeaterPowerPathLossAndOneTile()
    {
        // N = 14,143: 100,005,153 MZIs per mesh, 2 × 100,005,153 + 14,143 = 200,024,449 shifters; a U·Σ·V† tile has two meshes at
        // P_π and 14,143 attenuators at P_π/2: 2 × 200,024,449 × 24.77 mW + 14,143 × 12.385 mW = 9,909,386.36 W (64×64: 203.70848 W);
        // path loss (2·14,143 + 1) × 2 × 0.23 dB = 13,012.02 dB (64: 59.34 dB). A 4096³ product fits one tile: 6.788788 µs + 4096 / 1.25e9 = 10.06559 µs.
        var c = Costs(TriadCli.Run("plan", "whatif", "--device", "mzi-mesh-64", "--mesh-size", "14143", "--matmul", "4096,4096,4096", "--json"));
        Assert.Equal(203.70848, c["heater power, W"].Before, 1e-6);
        Assert.Equal(9_909_386.36, c["heater power, W"].After, 0.01);
        Assert.Equal(59.34, c["path loss, dB"].Before, 1e-9);
        Assert.Equal(13_012.02, c["path loss, dB"].After, 1e-6);
        Assert.Equal((4096, 1), (c["tiles"].Before, c["tiles"].After));
        Assert.Equal(10.06559e-6, c["time, s"].After, 1e-11);
    }

    [Fact]
    public void Whatif_DoubleHbm_HalvesAMemoryBoundProduct()
    {
        // 4096×4096 weights, one vector, bf16: 2·(4096² + 2·4096) = 33,570,816 bytes / 3.35e12 B/s = 1.002114e-5 s; ×2 bandwidth → half.
        var c = Costs(TriadCli.Run("plan", "whatif", "--device", "h100-sxm", "--factor", "memoryBandwidthGigabytesPerSecond=2", "--matmul", "4096,4096,1", "--json"));
        Assert.Equal(1.002114e-5, c["time, s"].Before, 1e-11);
        Assert.Equal(0.5, c["time, s"].After / c["time, s"].Before, 1e-12);
    }

    [Fact]
    public void Whatif_1024Qubits_ZneCircuitTime()
    {
        // ZNE at scales 1 and 3 (Σβ² = 2.5), 10,000 shots: 2 executions × 25,000 shots × 200 µs (Sycamore's measured 5,000 shots/s) = 10 s.
        var c = Costs(TriadCli.Run("plan", "whatif", "--device", "sycamore", "--qubits", "1024", "--circuit", "1024,21,20,10000", "--zne", "1,3", "--json"));
        Assert.Equal((53, 1024), (c["qubits"].Before, c["qubits"].After));
        Assert.Equal(25_000, c["shots per execution"].After, 1e-9);
        Assert.Equal(10, c["time, s"].After, 1e-9);
    }

    [Fact]
    public void Whatif_SlowerGpu_MovesOpsOfAScheduledModel()
    {
        // The H100's fp32 rate cut 1000-fold: HEFT moves the CNN's compute-heavy products to the A100.
        var c = Costs(TriadCli.Run("plan", "whatif", "--device", "h100-sxm", "--factor", "peakTflops.fp32=0.001", "--model", "fashion-cnn", "--batch", "8",
            "--devices", "h100-sxm,a100-sxm", "--json"));
        Assert.True(c["ops on h100-sxm"].After < c["ops on h100-sxm"].Before, $"{c["ops on h100-sxm"]}");
        Assert.True(c["makespan, s"].After >= c["makespan, s"].Before);
    }

    [Theory]
    [InlineData(new[] { "--device", "tpu-v9", "--factor", "tdpWatts=2", "--matmul", "1,1,1" }, "unknown device 'tpu-v9'")]
    [InlineData(new[] { "--device", "h100-sxm", "--factor", "tdpWatts", "--matmul", "1,1,1" }, "--factor 'tdpWatts'")]
    [InlineData(new[] { "--device", "h100-sxm", "--factor", "warp=2", "--matmul", "1,1,1" }, "--factor warp")]
    [InlineData(new[] { "--device", "h100-sxm", "--factor", "tdpWatts=2" }, "give one workload")]
    [InlineData(new[] { "--device", "h100-sxm", "--matmul", "1,1,1" }, "nothing changes")]
    [InlineData(new[] { "--device", "h100-sxm", "--mesh-size", "128", "--matmul", "1,1,1" }, "--mesh-size")]
    [InlineData(new[] { "--device", "h100-sxm", "--factor", "tdpWatts=2", "--matmul", "1,0,1" }, "--matmul '1,0,1'")]
    [InlineData(new[] { "--device", "h100-sxm", "--factor", "tdpWatts=2", "--circuit", "2,1,1,10" }, "not a QPU")]
    [InlineData(new[] { "--device", "sycamore", "--qubits", "60", "--matmul", "2,2,2" }, "--matmul")]
    [InlineData(new[] { "--device", "sycamore", "--qubits", "60", "--circuit", "2,1,1" }, "expected 4")]
    [InlineData(new[] { "--device", "sycamore", "--qubits", "60", "--circuit", "2,1,1,10", "--pec", "0.5" }, "γ 0.5")]
    [InlineData(new[] { "--device", "h100-sxm", "--factor", "tdpWatts=2", "--matmul", "1,1,1", "--precision", "fp4" }, "--precision 'fp4'")]
    [InlineData(new[] { "--device", "h100-sxm", "--factor", "tdpWatts=2", "--model", "fashion-cnn", "--devices", "a100-sxm" }, "must include --device")]
    public void Whatif_BadInput_OneLineError(string[] args, string expected)
    {
        TriadCli.AssertOneLineError(TriadCli.Run(["plan", "whatif", .. args]), 2, expected);
    }
}
