using Triad.Hardware.Catalog;
using Triad.Hardware.Graphs;
using Triad.Hardware.Models;
using Triad.Hardware.Scheduling;

namespace Triad.Hardware.Tests.Scheduling;

public class HeftSchedulerTests
{
    /// <summary>
    /// The worked example of H. Topcuoglu, S. Hariri and M.-Y. Wu, "Performance-effective and low-complexity task
    /// scheduling for heterogeneous computing", IEEE TPDS 13(3):260–274 (2002): the 10-task graph of their Fig. 2 with
    /// the computation costs of its table on 3 processors; edge weights are communication times. The paper's HEFT
    /// schedule (Fig. 3a) has makespan 80 and upward ranks n1 108.0, n2 77.0, n3 80.0, n4 80.0, n5 69.0, n6 63.3,
    /// n7 42.7, n8 35.7, n9 44.3, n10 14.7.
    /// </summary>
    internal const string Topcuoglu2002 = """
        {
          "devices": ["p1", "p2", "p3"],
          "tasks": [
            {"id": "n1",  "costs": {"p1": 14, "p2": 16, "p3": 9}},
            {"id": "n2",  "costs": {"p1": 13, "p2": 19, "p3": 18}},
            {"id": "n3",  "costs": {"p1": 11, "p2": 13, "p3": 19}},
            {"id": "n4",  "costs": {"p1": 13, "p2": 8,  "p3": 17}},
            {"id": "n5",  "costs": {"p1": 12, "p2": 13, "p3": 10}},
            {"id": "n6",  "costs": {"p1": 13, "p2": 16, "p3": 9}},
            {"id": "n7",  "costs": {"p1": 7,  "p2": 15, "p3": 11}},
            {"id": "n8",  "costs": {"p1": 5,  "p2": 11, "p3": 14}},
            {"id": "n9",  "costs": {"p1": 18, "p2": 12, "p3": 20}},
            {"id": "n10", "costs": {"p1": 21, "p2": 7,  "p3": 16}}
          ],
          "edges": [
            {"from": "n1", "to": "n2", "data": 18}, {"from": "n1", "to": "n3", "data": 12},
            {"from": "n1", "to": "n4", "data": 9},  {"from": "n1", "to": "n5", "data": 11},
            {"from": "n1", "to": "n6", "data": 14}, {"from": "n2", "to": "n8", "data": 19},
            {"from": "n2", "to": "n9", "data": 16}, {"from": "n3", "to": "n7", "data": 23},
            {"from": "n4", "to": "n8", "data": 27}, {"from": "n4", "to": "n9", "data": 23},
            {"from": "n5", "to": "n9", "data": 13}, {"from": "n6", "to": "n8", "data": 15},
            {"from": "n7", "to": "n10", "data": 17}, {"from": "n8", "to": "n10", "data": 11},
            {"from": "n9", "to": "n10", "data": 13}
          ]
        }
        """;

    [Fact]
    public void Run_Topcuoglu2002Example_Makespan80AndPaperRanks()
    {
        SchedulingProblem problem = TaskGraphReader.Read(Topcuoglu2002, "topcuoglu2002.json");
        Schedule schedule = HeftScheduler.Run(problem);

        Assert.Equal(80, schedule.Makespan, 1e-9);
        Assert.Equal(["n1", "n3", "n4", "n2", "n5", "n6", "n9", "n7", "n8", "n10"], schedule.Rows.Select(r => r.TaskId));
        var ranks = schedule.Rows.ToDictionary(r => r.TaskId, r => r.UpwardRank);
        (string, double)[] paper = [("n1", 108.0), ("n2", 77.0), ("n3", 80.0), ("n4", 80.0), ("n5", 69.0), ("n6", 63.3),
            ("n7", 42.7), ("n8", 35.7), ("n9", 44.3), ("n10", 14.7)];
        foreach ((string id, double rank) in paper)
        {
            Assert.Equal(rank, ranks[id], 0.05); // the paper prints one decimal
        }
        // Fig. 3a: n1 on P3 at [0, 9]; the exit task n10 on P2 finishing at 80.
        ScheduledTask n1 = schedule.Rows.Single(r => r.TaskId == "n1");
        Assert.Equal(("p3", 0.0, 9.0), (n1.DeviceId, n1.Start, n1.Finish));
        ScheduledTask n10 = schedule.Rows.Single(r => r.TaskId == "n10");
        Assert.Equal(("p2", 73.0, 80.0), (n10.DeviceId, n10.Start, n10.Finish));
    }

    [Fact]
    public void Run_Topcuoglu2002Example_ScheduleIsFeasible()
    {
        SchedulingProblem problem = TaskGraphReader.Read(Topcuoglu2002, "topcuoglu2002.json");
        Schedule schedule = HeftScheduler.Run(problem);
        var byId = schedule.Rows.ToDictionary(r => r.TaskId);
        foreach (SchedulingEdge e in problem.Edges)
        {
            ScheduledTask from = byId[problem.Tasks[e.From].Id], to = byId[problem.Tasks[e.To].Id];
            double transfer = from.DeviceId == to.DeviceId ? 0 : e.Data;
            Assert.True(to.Start >= from.Finish + transfer - 1e-9, $"{from.TaskId} -> {to.TaskId}");
        }
        foreach (IGrouping<string, ScheduledTask> device in schedule.Rows.GroupBy(r => r.DeviceId))
        {
            ScheduledTask[] rows = [.. device.OrderBy(r => r.Start)];
            for (int i = 1; i < rows.Length; i++)
            {
                Assert.True(rows[i].Start >= rows[i - 1].Finish - 1e-9, $"overlap on {device.Key}");
            }
        }
    }

    [Fact]
    public void Run_Links_TransferIsLatencyPlusDataOverRate()
    {
        // a (on the only device that can run it, d1) -> b (only on d2): b starts at 2 + (0.5 + 100 / 50) = 4.5.
        string json = """
            {"devices": [{"id": "d1", "powerWatts": 10}, {"id": "d2", "powerWatts": 20}],
             "tasks": [{"id": "a", "costs": {"d1": 2}}, {"id": "b", "costs": {"d2": 3}}],
             "edges": [{"from": "a", "to": "b", "data": 100}],
             "links": [{"from": "d2", "to": "d1", "rate": 50, "latency": 0.5}]}
            """;
        Schedule s = HeftScheduler.Run(TaskGraphReader.Read(json, "g.json"));
        Assert.Equal(4.5, s.Rows[1].Start, 1e-12);
        Assert.Equal(7.5, s.Makespan, 1e-12);
        Assert.Equal(2 * 10 + 3 * 20, s.EnergyJoules!.Value, 1e-12);
    }

    [Fact]
    public void Read_Cycle_OneLineErrorNamingIt()
    {
        string json = """
            {"devices": ["p"], "tasks": [{"id": "a", "costs": {"p": 1}}, {"id": "b", "costs": {"p": 1}}],
             "edges": [{"from": "a", "to": "b"}, {"from": "b", "to": "a"}]}
            """;
        var e = Assert.Throws<HardwareDataException>(() => TaskGraphReader.Read(json, "g.json"));
        Assert.Equal("g.json: the graph has a cycle: a -> b -> a", e.Message);
    }

    [Fact]
    public void Read_TaskNoDeviceCanRun_OneLineError()
    {
        string json = """{"devices": ["p"], "tasks": [{"id": "a", "costs": {}}], "edges": []}""";
        var e = Assert.Throws<HardwareDataException>(() => TaskGraphReader.Read(json, "g.json"));
        Assert.Equal("g.json: task 'a': no device can run it (devices: p)", e.Message);
    }

    [Theory]
    [InlineData("""{"devices": ["p"], "tasks": [{"id": "a", "costs": {"q": 1}}]}""", "g.json: tasks[0].costs.q: unknown device (devices: p)")]
    [InlineData("""{"devices": ["p"], "tasks": [{"id": "a", "costs": {"p": -1}}]}""", "g.json: task 'a': cost -1 on 'p' must be finite and not negative")]
    [InlineData("""{"devices": ["p", "q"], "tasks": [], "links": [{"from": "p", "to": "r", "rate": 1}]}""", "g.json: link p - r: unknown device 'r'")]
    [InlineData("""{"devices": ["p"], "tasks": [], "edges": [{"from": "a", "to": "b"}]}""", "g.json: edges[0].from: unknown task 'a'")]
    [InlineData("""{"devices": ["p"], "tasks": [], "extra": 1}""", "g.json: extra: unknown field")]
    public void Read_BadGraph_OneLineError(string json, string expected)
    {
        var e = Assert.Throws<HardwareDataException>(() => TaskGraphReader.Read(json, "g.json"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromOpGraph_QuantumOpOnGpus_NoDeviceCanRunIt()
    {
        var graph = new OpGraph([new Op("circuit", OpKind.QuantumCircuit, [], [1], 0, 0, Precision.Fp32, 0)], []);
        var e = Assert.Throws<HardwareDataException>(() =>
            SchedulingProblem.FromOpGraph(graph, [DeviceCatalog.BuiltIn.Get("h100-sxm"), DeviceCatalog.BuiltIn.Get("a100-sxm")]));
        Assert.Equal("op 'circuit' (QuantumCircuit, fp32): no device can run it (devices: h100-sxm, a100-sxm)", e.Message);
    }

    [Fact]
    public void FromOpGraph_TwoLayerModelOnTwoGpus_EveryOpPlacedAndMakespanAtLeastCriticalPath()
    {
        var config = new TransformerConfig("tiny", "tiny", 2, 512, 1024, 8, 8, 1000, 128, false, null, null, new Dictionary<string, string>());
        OpGraph graph = TransformerGraphBuilder.Build(config, 1, 128, Precision.Bf16);
        SchedulingProblem problem = SchedulingProblem.FromOpGraph(graph,
            [DeviceCatalog.BuiltIn.Get("h100-sxm"), DeviceCatalog.BuiltIn.Get("a100-sxm")]);
        Schedule s = HeftScheduler.Run(problem);
        Assert.Equal(graph.Ops.Count, s.Rows.Count);
        // Work bound: no schedule beats the sum of each task's fastest time shared evenly over the devices.
        double lowerBound = problem.Tasks.Sum(t => t.Costs.Min()!.Value) / problem.Devices.Count;
        Assert.True(s.Makespan >= lowerBound);
        Assert.NotNull(s.EnergyJoules);
    }

    [Fact]
    public void FromOpGraph_LinearOnMeshAndCpu_ProductGoesPhotonicActivationElectronic()
    {
        // fc: x[65536, 784]·W[784, 256] + bias, fp32. On the EPYC: 2·784·256·65536 = 2.6307e10 FLOP / 7.3728e12 = 3.568071 ms.
        // On mzi-mesh-64: ⌈256/64⌉·⌈784/64⌉ = 52 tiles × (6.788788 µs + 65536 / 1.25e9 s) = 3.079315 ms, so HEFT puts it on the mesh.
        // relu (elementwise) cannot run on a mesh: it goes to the EPYC after the fc output (65536·256·4 bytes) crosses a 64 GB/s
        // link in 1.048576 ms, and takes 2·65536·256·4 / 460.8e9 = 0.2912711 ms: makespan 4.419162 ms.
        // Energy = the mesh's own energy for fc + 360 W × the relu's time.
        long rows = 65536;
        var fc = new Op("fc", OpKind.MatMul, [[rows, 784], [784, 256], [256]], [rows, 256], 2.0 * rows * 784 * 256,
            4.0 * (rows * 784 + 784 * 256 + rows * 256), Precision.Fp32, 784 * 256 + 256);
        var relu = new Op("relu", OpKind.Elementwise, [[rows, 256]], [rows, 256], rows * 256, 2.0 * rows * 256 * 4, Precision.Fp32, 0);
        var graph = new OpGraph([fc, relu], [new OpEdge("fc", "relu", rows * 256 * 4.0)]);
        var mesh = (PhotonicProfile)DeviceCatalog.BuiltIn.Get("mzi-mesh-64");
        SchedulingProblem problem = SchedulingProblem.FromOpGraph(graph, [DeviceCatalog.BuiltIn.Get("epyc-9654"), mesh],
            [new Link("epyc-9654", "mzi-mesh-64", 64e9, 0)]);
        Schedule schedule = HeftScheduler.Run(problem);
        ScheduledTask fcRow = schedule.Rows.Single(r => r.TaskId == "fc"), reluRow = schedule.Rows.Single(r => r.TaskId == "relu");
        Assert.Equal("mzi-mesh-64", fcRow.DeviceId);
        Assert.Equal(3.079315e-3, fcRow.Finish - fcRow.Start, 1e-9);
        Assert.Equal("epyc-9654", reluRow.DeviceId);
        Assert.Null(problem.Tasks[1].Costs[1]);
        Assert.Equal(4.419162e-3, schedule.Makespan, 1e-9);
        double meshJoules = Triad.Hardware.Costs.PhotonicCostModel.Cost(fc, mesh).Joules;
        Assert.Equal(meshJoules + 360 * 0.2912711e-3, schedule.EnergyJoules!.Value, 1e-6);
    }

    [Fact]
    public void FromOpGraph_Qpu_HasNoOpCostModel()
    {
        var graph = new OpGraph([new Op("a", OpKind.MatMul, [[2, 2], [2, 2]], [2, 2], 16, 48, Precision.Fp32, 0)], []);
        var e = Assert.Throws<HardwareDataException>(() => SchedulingProblem.FromOpGraph(graph, [DeviceCatalog.BuiltIn.Get("sycamore")]));
        Assert.Contains("'sycamore'", e.Message, StringComparison.Ordinal);
    }
}
