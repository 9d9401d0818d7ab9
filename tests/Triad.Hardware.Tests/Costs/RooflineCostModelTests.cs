using Triad.Hardware.Catalog;
using Triad.Hardware.Costs;
using Triad.Hardware.Graphs;

namespace Triad.Hardware.Tests.Costs;

public class RooflineCostModelTests
{
    private static ElectronicProfile H100 => (ElectronicProfile)DeviceCatalog.BuiltIn.Get("h100-sxm");

    [Fact]
    public void Cost_Gemm8192Bf16OnH100_MatchesHandArithmetic()
    {
        // C[8192×8192] = A[8192×8192]·B[8192×8192] in bf16.
        // FLOPs = 2·8192³ = 1,099,511,627,776; bytes = 3·8192²·2 = 402,653,184.
        // Compute time = 1.0995e12 / 989.4e12 FLOP/s = 1.11129e-3 s; memory time = 4.0265e8 / 3.35e12 B/s = 1.20195e-4 s.
        // Compute-bound; energy = 700 W × 1.11129e-3 s = 0.777904 J.
        var op = new Op("gemm", OpKind.MatMul, [[8192, 8192], [8192, 8192]], [8192, 8192], 1_099_511_627_776, 402_653_184, Precision.Bf16, 0);
        OpCost cost = RooflineCostModel.Cost(op, H100);
        Assert.Equal(1.11129e-3, cost.Seconds, 1e-8);
        Assert.Equal(1.20195e-4, cost.MemorySeconds, 1e-9);
        Assert.Equal("compute", cost.Bound);
        Assert.Equal(0.777904, cost.Joules, 1e-5);
        Assert.Equal(cost.Joules, cost.Breakdown.Sum(b => b.Joules), 1e-12);
    }

    [Fact]
    public void Cost_ElementwiseAddOnH100_IsMemoryBound()
    {
        // y = a + b on 2²⁶ bf16 elements: 67,108,864 FLOPs, 3·2²⁶·2 = 402,653,184 bytes.
        // Intensity 1/6 FLOP/byte, far below the ridge 989.4e12 / 3.35e12 = 295.3 FLOP/byte.
        // Time = 402,653,184 / 3.35e12 = 1.20195e-4 s; energy = 700 × that = 0.0841365 J.
        var op = new Op("add", OpKind.Elementwise, [[1 << 26], [1 << 26]], [1 << 26], 67_108_864, 402_653_184, Precision.Bf16, 0);
        OpCost cost = RooflineCostModel.Cost(op, H100);
        Assert.Equal("memory", cost.Bound);
        Assert.Equal(1.20195e-4, cost.Seconds, 1e-9);
        Assert.Equal(0.0841365, cost.Joules, 1e-6);
        Assert.Equal(295.34, RooflineCostModel.RidgeIntensity(H100, Precision.Bf16), 0.01);
    }

    [Fact]
    public void Cost_PrecisionTheDeviceLacks_NamesIt()
    {
        var b200 = (ElectronicProfile)DeviceCatalog.BuiltIn.Get("b200");
        var op = new Op("x", OpKind.MatMul, [], [1], 2, 2, Precision.Fp64, 0);
        var e = Assert.Throws<HardwareDataException>(() => RooflineCostModel.Cost(op, b200));
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'b200'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_TransformerSoftmax_MemoryBound_ProjectionComputeBound()
    {
        var config = Triad.Hardware.Models.ModelCatalog.BuiltIn.Get("llama-2-7b");
        OpGraph g = TransformerGraphBuilder.Build(config, 1, 4096, Precision.Bf16);
        Assert.Equal("memory", RooflineCostModel.Cost(g["L0.attn.softmax"], H100).Bound);
        Assert.Equal("compute", RooflineCostModel.Cost(g["L0.ffn.up"], H100).Bound);
    }

    private static double Part(OpCost cost, string component) => cost.Breakdown.Single(b => b.Component == component).Joules;

    [Fact]
    public void Breakdown_Fp32GemmOnH100_ArithmeticFromHorowitzRestOfBoard()
    {
        // 4096³ fp32 GEMM: F = 2·4096³ = 137,438,953,472 FLOP; t = F / 66.9e12 = 2.054394e-3 s (compute-bound); board = 700 W · t = 1.438076 J.
        // Arithmetic = F · 2.3 pJ (Horowitz 2014, 45 nm: (3.7 + 0.9) pJ per multiply-add) = 0.3161096 J; no HBM figure is cited, so
        // memory traffic is not itemised; rest of board = 1.438076 − 0.3161096 = 1.121966 J.
        var op = new Op("gemm", OpKind.MatMul, [[4096, 4096], [4096, 4096]], [4096, 4096], 137_438_953_472, 3.0 * 4096 * 4096 * 4, Precision.Fp32, 0);
        OpCost cost = RooflineCostModel.Cost(op, H100);
        Assert.Equal(1.438076, cost.Joules, 1e-6);
        Assert.Equal(["arithmetic", "rest of board"], cost.Breakdown.Select(b => b.Component));
        Assert.Equal(0.3161096, Part(cost, "arithmetic"), 1e-7);
        Assert.Equal(1.121966, Part(cost, "rest of board"), 1e-6);
    }

    [Fact]
    public void Breakdown_Bf16GemmOnH100_CappedAtTdpTimesTime()
    {
        // 8192³ bf16: F · 0.75 pJ = 0.8246337 J exceeds 700 W · t = 0.7779039 J (the unscaled 45 nm figure overstates a 4 nm chip),
        // so the arithmetic is capped at the board's energy and the rest is 0; the total stays P_TDP · t.
        var op = new Op("gemm", OpKind.MatMul, [[8192, 8192], [8192, 8192]], [8192, 8192], 1_099_511_627_776, 402_653_184, Precision.Bf16, 0);
        OpCost cost = RooflineCostModel.Cost(op, H100);
        Assert.Equal(0.7779039, Part(cost, "arithmetic"), 1e-6);
        Assert.Equal(0, Part(cost, "rest of board"));
        Assert.Equal(cost.Joules, cost.Breakdown.Sum(b => b.Joules), 1e-12);
    }

    [Fact]
    public void Breakdown_Fp32AddOnEpyc_MemoryTrafficDominatesItemisedEnergy()
    {
        // y = a + b on 2²⁶ fp32 elements: 67,108,864 FLOP, B = 3·2²⁶·4 = 805,306,368 bytes; t = B / 460.8e9 = 1.7476267e-3 s (memory-bound);
        // board = 360 W · t = 0.6291456 J; arithmetic = 67,108,864 · 2.3 pJ = 1.543504e-4 J; memory traffic = B · 162.5 pJ (1.3 nJ per
        // 64-bit DRAM access) = 0.1308623 J; rest = 0.6291456 − 0.1308623 − 0.0001544 = 0.4981290 J.
        var epyc = (ElectronicProfile)DeviceCatalog.BuiltIn.Get("epyc-9654");
        var op = new Op("add", OpKind.Elementwise, [[1 << 26], [1 << 26]], [1 << 26], 67_108_864, 805_306_368, Precision.Fp32, 0);
        OpCost cost = RooflineCostModel.Cost(op, epyc);
        Assert.Equal("memory", cost.Bound);
        Assert.Equal(0.6291456, cost.Joules, 1e-7);
        Assert.Equal(1.543504e-4, Part(cost, "arithmetic"), 1e-9);
        Assert.Equal(0.1308623, Part(cost, "memory traffic"), 1e-7);
        Assert.Equal(0.4981290, Part(cost, "rest of board"), 1e-6);
    }

    [Fact]
    public void Breakdown_PrecisionWithoutCitedEnergy_IsTheBoardAlone()
    {
        // The catalog cites no fp64 energy (Horowitz gives 16- and 32-bit figures) and no HBM energy, so an fp64 op on the H100 is not split.
        var op = new Op("gemm", OpKind.MatMul, [[64, 64], [64, 64]], [64, 64], 2.0 * 64 * 64 * 64, 3.0 * 64 * 64 * 8, Precision.Fp64, 0);
        OpCost cost = RooflineCostModel.Cost(op, H100);
        EnergyComponent only = Assert.Single(cost.Breakdown);
        Assert.Equal("board", only.Component);
        Assert.Equal(cost.Joules, only.Joules);
    }
}
