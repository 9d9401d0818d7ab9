using System.Text.Json;
using Triad.Cli.Planning;
using Triad.Cli.Tests.TestSupport;
using Triad.Hardware;
using Triad.Hardware.Catalog;
using Triad.Hardware.Costs;
using Triad.Hardware.Graphs;
using Triad.Learning.Autograd;
using Triad.Learning.Models;

namespace Triad.Cli.Tests.Commands;

/// <summary>The op graph of a Triad.Learning model (<see cref="LearningOpGraph"/>) and <c>triad plan schedule --model</c>.</summary>
public class PlanModelScheduleTests
{
    private static IReadOnlyList<OpRecord> Trace(string name, int batch) => Model<float>.Build(BuiltInModels.Get(name), 0).Trace(batch);

    [Theory]
    [InlineData("fashion-cnn", 4)]
    [InlineData("digits-vit", 3)]
    [InlineData("fashion-mlp", 1)]
    public void Converted_Graph_HasTheTapesFlopsBytesAndEdges(string name, int batch)
    {
        IReadOnlyList<OpRecord> records = Trace(name, batch);
        OpGraph graph = LearningOpGraph.FromRecords(records);
        Assert.Equal(records.Count, graph.Ops.Count);
        Assert.Equal(records.Sum(r => (double)r.Flops), graph.TotalFlops);
        Assert.Equal(records.Sum(r => (double)r.BytesMoved), graph.TotalBytes);
        // One edge per distinct (producer, consumer) pair, carrying the producer's output: elements × 4 bytes (float32).
        int pairs = records.Sum(r => r.Inputs.Where(i => i.Producer >= 0).Select(i => i.Producer).Distinct().Count());
        Assert.Equal(pairs, graph.Edges.Count);
        foreach (OpEdge e in graph.Edges)
        {
            Op from = graph[e.From];
            Assert.Equal(from.OutputElements * 4.0, e.Bytes);
        }
        Assert.All(graph.Ops, o => Assert.Equal(Precision.Fp32, o.Precision));
    }

    [Fact]
    public void Converted_FashionCnn_MatMulsMatchHandArithmetic()
    {
        // Per sample: conv1 1→16 ch, 3×3, 28×28 out: 2·9·16·784 = 225,792; conv2 16→32, 3×3, 14×14 out: 2·144·32·196 = 1,806,336;
        // dense 1568→128: 2·1568·128 = 401,408; dense 128→10: 2·128·10 = 2,560; total 2,436,096 multiply-add FLOPs, plus at
        // most one bias add per output element (12,544 + 6,272 + 128 + 10 = 18,954).
        const int batch = 8;
        OpGraph graph = LearningOpGraph.FromRecords(Trace("fashion-cnn", batch));
        double matmul = graph.Ops.Where(o => o.Kind == OpKind.MatMul).Sum(o => o.Flops);
        Assert.InRange(matmul, batch * 2_436_096.0, batch * (2_436_096.0 + 18_954));
        Assert.Equal(4, graph.Ops.Count(o => o.Kind == OpKind.MatMul));
        Assert.Equal(2, graph.Ops.Count(o => o.Kind == OpKind.Reduction));
        // Parameters: conv1 16·9 + 16, conv2 32·144 + 32, dense 1568·128 + 128, 128·10 + 10 = 206,922.
        Assert.Equal(206_922, graph.TotalParameters);
        Assert.Equal(OpKind.Attention, LearningOpGraph.FromRecords(Trace("digits-vit", 1)).Ops.First(o => o.Id.Contains(":multi-head-attention", StringComparison.Ordinal)).Kind);
    }

    [Fact]
    public void KindOf_UnknownKind_Throws()
    {
        var record = new OpRecord(7, "fft", "", "", [], [4], false, 10, 16, "float32");
        HardwareDataException e = Assert.Throws<HardwareDataException>(() => LearningOpGraph.KindOf(record));
        Assert.Contains("'fft'", e.Message, StringComparison.Ordinal);
        var half = new OpRecord(0, "relu", "", "", [], [4], false, 4, 32, "float16");
        Assert.Contains("float16", Assert.Throws<HardwareDataException>(() => LearningOpGraph.FromRecords([half])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_FashionCnn_OnH100AndEpyc_IsValid()
    {
        string svg = Path.Combine(Path.GetTempPath(), $"triad-cnn-{Guid.NewGuid():N}.svg");
        try
        {
            // 64 GB/s: PCIe 5.0 ×16, one direction (32 GT/s × 16 lanes, 128b/130b), the H100 SXM host link.
            CliResult r = TriadCli.Run("plan", "schedule", "--model", "fashion-cnn", "--batch", "32", "--devices", "h100-sxm,epyc-9654",
                "--link-bandwidth", "64", "--link-latency", "2", "--svg", svg, "--json");
            Assert.True(r.ExitCode == 0, r.ToString());
            JsonElement j = JsonDocument.Parse(r.Stdout).RootElement;
            OpGraph graph = LearningOpGraph.FromRecords(Trace("fashion-cnn", 32));
            Assert.Equal(graph.TotalFlops, j.GetProperty("totalFlops").GetDouble());
            Assert.Equal(graph.Ops.Count, j.GetProperty("ops").GetInt32());

            var devices = new Dictionary<string, ElectronicProfile>
            {
                ["h100-sxm"] = (ElectronicProfile)DeviceCatalog.BuiltIn.Get("h100-sxm"),
                ["epyc-9654"] = (ElectronicProfile)DeviceCatalog.BuiltIn.Get("epyc-9654"),
            };
            var rows = j.GetProperty("schedule").EnumerateArray()
                .ToDictionary(x => x.GetProperty("task").GetString()!, x => (Device: x.GetProperty("device").GetString()!,
                    Start: x.GetProperty("start").GetDouble(), Finish: x.GetProperty("finish").GetDouble()));
            Assert.Equal(graph.Ops.Count, rows.Count);
            foreach (Op op in graph.Ops)
            {
                var row = rows[op.Id];
                Assert.True(row.Start >= 0);
                // Each op takes its roofline time on the device it was given, and its energy breakdown sums to TDP × that time.
                OpCost cost = RooflineCostModel.Cost(op, devices[row.Device]);
                Assert.Equal(cost.Seconds, row.Finish - row.Start, 1e-15);
                JsonElement json = j.GetProperty("schedule").EnumerateArray().First(x => x.GetProperty("task").GetString() == op.Id);
                double parts = json.GetProperty("energyBreakdown").EnumerateObject().Sum(x => x.Value.GetDouble());
                Assert.Equal(cost.Joules, parts, cost.Joules * 1e-12);
                Assert.Equal(op.Flops * 2.3e-12, json.GetProperty("energyBreakdown").GetProperty("arithmetic").GetDouble(), op.Flops * 1e-24);
            }
            foreach (OpEdge e in graph.Edges)
            {
                var from = rows[e.From];
                var to = rows[e.To];
                double transfer = from.Device == to.Device ? 0 : 2e-6 + e.Bytes / 64e9;
                Assert.True(to.Start >= from.Finish + transfer - 1e-15, $"{e.From} -> {e.To}");
            }
            foreach (var group in rows.Values.GroupBy(x => x.Device))
            {
                var sorted = group.OrderBy(x => x.Start).ToList();
                for (int i = 1; i < sorted.Count; i++)
                {
                    Assert.True(sorted[i].Start >= sorted[i - 1].Finish - 1e-15, "two ops overlap on one device");
                }
            }
            Assert.Equal(rows.Values.Max(x => x.Finish), j.GetProperty("makespan").GetDouble());
            // The H100 is the faster device for every op of this network (its fp32 rate and bandwidth exceed the EPYC's),
            // and a 2 µs link makes any move to the CPU cost more than it saves, so HEFT keeps everything on the GPU.
            Assert.All(rows.Values, x => Assert.Equal("h100-sxm", x.Device));
            double energy = rows.Values.Sum(x => (x.Finish - x.Start) * 700);
            Assert.Equal(energy, j.GetProperty("energyJoules").GetDouble(), energy * 1e-12);
            Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(svg);
        }
    }

    [Fact]
    public void Schedule_Vit_Text_PrintsOpGraphLine()
    {
        string svg = Path.Combine(Path.GetTempPath(), $"triad-vit-{Guid.NewGuid():N}.svg");
        try
        {
            CliResult r = TriadCli.Run("plan", "schedule", "--model", "digits-vit", "--batch", "16", "--devices", "h100-sxm,a100-sxm", "--svg", svg);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Contains("op graph: 29 ops", r.Stdout, StringComparison.Ordinal);
            Assert.Contains("multi-head-attention", r.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(svg);
        }
    }

    [Theory]
    [InlineData("iris-onn", "photonic-mesh", OpKind.MatMul)]
    [InlineData("iris-onn", "normalize", OpKind.Normalization)]
    [InlineData("digits-hybrid", "quantum-circuit", OpKind.QuantumCircuit)]
    public void FromRecords_OpticalAndHybridModels_HaveAHardwareKindForEveryOp(string model, string tapeKind, OpKind kind)
    {
        IReadOnlyList<OpRecord> ops = Model<float>.Build(BuiltInModels.Get(model), 1).Trace(4);
        OpGraph graph = LearningOpGraph.FromRecords(ops);
        Assert.Equal(ops.Count, graph.Ops.Count);
        int at = ops.ToList().FindIndex(o => o.Kind == tapeKind);
        Assert.True(at >= 0, $"{model} records no {tapeKind}");
        Assert.Equal(kind, graph.Ops[at].Kind);
        Assert.Equal(ops[at].Flops, graph.Ops[at].Flops);
    }

    [Theory]
    [InlineData("no-such-model", "h100-sxm", "no-such-model")]
    [InlineData("fashion-cnn", "h100-sxm,tpu-v9", "unknown device 'tpu-v9'")]
    [InlineData("fashion-cnn", "h100-sxm,h100-sxm", "'h100-sxm' appears twice")]
    [InlineData("fashion-cnn", "h100-sxm,,a100-sxm", "empty device id")]
    [InlineData("fashion-cnn", "h100-sxm,epyc-9654", "--link-bandwidth")]
    [InlineData("fashion-cnn", "mzi-mesh-64", "mzi-mesh-64")]
    [InlineData("/nonexistent/m.triad", "h100-sxm", "/nonexistent/m.triad")]
    [InlineData("/nonexistent/spec.json", "h100-sxm", "spec.json")]
    public void Schedule_Model_BadInput_OneLineError(string model, string devices, string expected)
    {
        TriadCli.AssertOneLineError(TriadCli.Run("plan", "schedule", "--model", model, "--devices", devices, "--svg", "/nonexistent/x.svg"), 2, expected);
    }

    [Fact]
    public void Schedule_Model_BadOptions_OneLineErrors()
    {
        TriadCli.AssertOneLineError(TriadCli.Run("plan", "schedule", "--model", "fashion-cnn", "--batch", "0", "--devices", "h100-sxm"), 2, "--batch");
        TriadCli.AssertOneLineError(TriadCli.Run("plan", "schedule", "--model", "fashion-cnn"), 2, "--devices");
        TriadCli.AssertOneLineError(TriadCli.Run("plan", "schedule", "--model", "fashion-cnn", "--devices", "h100-sxm,a100-sxm",
            "--link-bandwidth", "-5"), 2, "--link-bandwidth");
        TriadCli.AssertOneLineError(TriadCli.Run("plan", "schedule", "--model", "fashion-cnn", "--devices", "h100-sxm,a100-sxm",
            "--link-latency", "3"), 2, "--link-latency");
        TriadCli.AssertOneLineError(TriadCli.Run("plan", "schedule"), 2, "--model");
        TriadCli.AssertOneLineError(TriadCli.Run("plan", "schedule", "g.json", "--model", "fashion-cnn", "--devices", "h100-sxm"), 2, "not both");
        TriadCli.AssertOneLineError(TriadCli.Run("plan", "schedule", "g.json", "--devices", "h100-sxm"), 2, "--devices: only with --model");
    }
}
