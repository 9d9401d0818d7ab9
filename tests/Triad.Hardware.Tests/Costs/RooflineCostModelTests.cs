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
}
