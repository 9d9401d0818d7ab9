using Triad.Hardware.Graphs;
using Triad.Hardware.Models;

namespace Triad.Hardware.Tests.Graphs;

public class TransformerGraphBuilderTests
{
    [Theory]
    // Exact counts of the Hugging Face checkpoints (sum of tensor sizes), as cited in data/models/*.json.
    [InlineData("llama-2-7b", 6_738_415_616L)]
    [InlineData("llama-2-70b", 68_976_648_192L)]
    public void ParameterCount_MatchesPublishedCheckpoint_Exactly(string id, long expected)
    {
        TransformerConfig config = ModelCatalog.BuiltIn.Get(id);
        Assert.Equal(expected, config.ParameterCount);
        Assert.Equal(config.PublishedParameters!.Value, config.ParameterCount, config.PublishedParameters.Value * 1e-3);
    }

    [Fact]
    public void ParameterCount_Llama31_405B_Within0Point5PercentOfPublished()
    {
        // Llama 3 paper: "405B"; the config gives 405,853,388,800 (0.21 % above the rounded name).
        TransformerConfig config = ModelCatalog.BuiltIn.Get("llama-3.1-405b");
        Assert.Equal(405_853_388_800L, config.ParameterCount);
        Assert.InRange(config.ParameterCount / 405e9, 0.995, 1.005);
    }

    [Theory]
    [InlineData("llama-2-7b", 2048)]
    [InlineData("llama-2-70b", 4096)]
    public void Build_GraphParameters_EqualConfigCount(string id, int sequenceLength)
    {
        TransformerConfig config = ModelCatalog.BuiltIn.Get(id);
        OpGraph graph = TransformerGraphBuilder.Build(config, batch: 1, sequenceLength, Precision.Bf16);
        Assert.Equal(config.ParameterCount, graph.TotalParameters);
        Assert.Equal(16 * config.Layers + 3, graph.Ops.Count);
        Assert.Equal(graph.Ops.Count, graph.TopologicalOrder.Count);
    }

    [Theory]
    [InlineData("llama-2-7b", 2048)]
    [InlineData("llama-3.1-405b", 8192)]
    public void Build_TrainingFlopsPerToken_Near6N_AndEqualToTheFormula(string id, int s)
    {
        TransformerConfig c = ModelCatalog.BuiltIn.Get(id);
        OpGraph graph = TransformerGraphBuilder.Build(c, batch: 1, s, Precision.Bf16);
        double n = c.ParameterCount;
        double trainingPerToken = 3 * graph.TotalFlops / s;
        // Hand formula: forward = 2·(N − V·h) per token (every weight but the embedding look-up multiplies once)
        // + 4·layers·s·h (scores and context, dense); backward = 2 × forward.
        double formula = 3 * (2 * (n - (double)c.Vocab * c.Hidden) + 4.0 * c.Layers * s * c.Hidden);
        Assert.Equal(1.0, trainingPerToken / formula, 0.005); // norms, softmax, SwiGLU, RoPE add < 0.5 %
        double ratio = trainingPerToken / (6 * n);
        Assert.InRange(ratio, 1.0, 1.1); // 6N plus the attention term (8 % at 405B, s = 8192)
    }

    [Fact]
    public void Build_EdgesCarryProducerOutputBytes()
    {
        TransformerConfig c = ModelCatalog.BuiltIn.Get("llama-2-7b");
        OpGraph graph = TransformerGraphBuilder.Build(c, batch: 2, sequenceLength: 16, Precision.Bf16);
        OpEdge e = graph.Edges.First(x => x.From == "L0.attn.q");
        Assert.Equal(2.0 * 16 * 4096 * 2, e.Bytes); // t × h × 2 bytes
        Op q = graph["L0.attn.q"];
        Assert.Equal(2.0 * 32 * 4096 * 4096, q.Flops);
        Assert.Equal(2.0 * (32 * 4096 + 4096 * 4096 + 32 * 4096), q.Bytes);
    }

    [Fact]
    public void OpGraph_Cycle_NamesIt()
    {
        Op A(string id) => new(id, OpKind.Elementwise, [], [1], 1, 1, Precision.Fp32, 0);
        var e = Assert.Throws<HardwareDataException>(() => new OpGraph([A("a"), A("b"), A("c")],
            [new OpEdge("a", "b", 1), new OpEdge("b", "c", 1), new OpEdge("c", "b", 1)]));
        Assert.Equal("the graph has a cycle: b -> c -> b", e.Message);
    }

    [Fact]
    public void Read_ModelWithHeadsNotDividingHidden_NamesFile()
    {
        string json = """{"id":"m","name":"m","sources":{},"layers":2,"hidden":100,"ffn":10,"heads":3,"kvHeads":3,"vocab":10,"sequenceLength":8}""";
        var e = Assert.Throws<HardwareDataException>(() => ModelCatalog.Read(json, "m.json"));
        Assert.Equal("m.json: model 'm': hidden 100 must be a multiple of heads 3", e.Message);
    }
}
