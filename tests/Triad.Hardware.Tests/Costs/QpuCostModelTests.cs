using Triad.Hardware.Catalog;
using Triad.Hardware.Costs;

namespace Triad.Hardware.Tests.Costs;

public class QpuCostModelTests
{
    // A test profile with a readout time and T2 but no measured shot rate.
    private const string Qpu = """
        {
          "id": "test-qpu", "name": "Test QPU", "kind": "qpu",
          "sources": { "t": "test figures" },
          "qubits": { "value": 27, "source": "t" }, "connectivity": "heavy-hex", "couplers": { "value": 28, "source": "t" },
          "singleQubitError": { "value": 0.001, "source": "t" }, "twoQubitError": { "value": 0.01, "source": "t" },
          "readoutError": { "value": 0.02, "source": "t" },
          "singleQubitGateNanoseconds": { "value": 25, "source": "t" }, "twoQubitGateNanoseconds": { "value": 12, "source": "t" },
          "readoutNanoseconds": { "value": 1000, "source": "t" }, "t2Microseconds": { "value": 50, "source": "t" }
        }
        """;

    private static QuantumProfile Test => (QuantumProfile)DeviceFileReader.Read(Qpu, "test-qpu.json");

    private static QuantumProfile Sycamore => (QuantumProfile)DeviceCatalog.BuiltIn.Get("sycamore");

    private static readonly QuantumCircuitSpec Circuit = new(Qubits: 20, OneQubitLayers: 21, TwoQubitLayers: 20, Shots: 10_000);

    [Fact]
    public void Cost_Unmitigated_ShotsTimesGatesPlusReadout()
    {
        // Gates 21·25 + 20·12 = 765 ns; a shot 765 + 1000 = 1765 ns; 10,000 shots = 17.65 ms. Gate time / T2 = 765 ns / 50 µs = 0.0153.
        QpuCost c = QpuCostModel.Cost(Circuit, Test, new NoMitigation());
        Assert.Equal(765e-9, c.GateSeconds, 1e-15);
        Assert.Equal(17.65e-3, c.Seconds, 1e-12);
        Assert.Equal(1, c.SamplingOverhead);
        Assert.Equal(0.0153, c.CoherenceRatio!.Value, 1e-12);
    }

    [Fact]
    public void Cost_Pec_MultipliesShotsByGammaSquared()
    {
        // γ = 1.5: × 2.25 → 22,500 shots × 1765 ns = 39.7125 ms.
        QpuCost c = QpuCostModel.Cost(Circuit, Test, new PecMitigation(1.5));
        Assert.Equal(22_500, c.ShotsPerExecution, 1e-9);
        Assert.Equal(39.7125e-3, c.Seconds, 1e-12);
    }

    [Fact]
    public void Cost_Zne_RichardsonOverheadAndStretchedGates()
    {
        // Scales 1, 2, 3: β = (3, −3, 1), Σβ² = 19. Per shot at the three scales: 765 + 1000, 1530 + 1000, 2295 + 1000 ns, sum 7590 ns.
        // Time = 10,000 × 19 × 7590 ns = 1.4421 s. Longest gate time 2295 ns / 50 µs = 0.0459.
        QpuCost c = QpuCostModel.Cost(Circuit, Test, new ZneMitigation([1, 2, 3]));
        Assert.Equal(19, c.SamplingOverhead, 1e-12);
        Assert.Equal(3, c.Executions);
        Assert.Equal(1.4421, c.Seconds, 1e-10);
        Assert.Equal(0.0459, c.CoherenceRatio!.Value, 1e-12);
        // Scales 1, 3: β = (1.5, −0.5), Σβ² = 2.5.
        Assert.Equal(2.5, QpuCostModel.RichardsonOverhead([1, 3]), 1e-12);
    }

    [Fact]
    public void Cost_Sycamore_RepetitionLimitedByMeasuredShotRate()
    {
        // Arute et al. 2019: 1,000,000 samples in about 200 s, i.e. 5,000 shots/s, far slower than 20 cycles of gates (20 × (25 + 12) ns).
        // Gates + the 4 µs measurement slot (Cirq) = 4.74 µs < 1/5000 s, so a shot takes 200 µs: 1e6 shots = 200 s; with ZNE at scales 1 and 3
        // (gates 2.22 µs + 4 µs, still under 200 µs), 2 × 2.5e6 × 200 µs = 1000 s.
        var supremacy = new QuantumCircuitSpec(53, 20, 20, 1_000_000);
        Assert.Equal(200, QpuCostModel.Cost(supremacy, Sycamore, new NoMitigation()).Seconds, 1e-9);
        Assert.Equal(1000, QpuCostModel.Cost(supremacy, Sycamore, new ZneMitigation([1, 3])).Seconds, 1e-9);
        Assert.Null(QpuCostModel.Cost(supremacy, Sycamore, new NoMitigation()).CoherenceRatio);
        Assert.Equal(4e-6, QpuCostModel.Cost(supremacy, Sycamore, new NoMitigation()).ReadoutSeconds!.Value, 1e-15);
    }

    [Fact]
    public void Cost_BadInput_NamesIt()
    {
        Assert.Contains("54 qubits", Assert.Throws<HardwareDataException>(() =>
            QpuCostModel.Cost(Circuit with { Qubits = 54 }, Sycamore, new NoMitigation())).Message, StringComparison.Ordinal);
        Assert.Contains("shots (0)", Assert.Throws<HardwareDataException>(() =>
            QpuCostModel.Cost(Circuit with { Shots = 0 }, Test, new NoMitigation())).Message, StringComparison.Ordinal);
        Assert.Contains("γ 0.5", Assert.Throws<HardwareDataException>(() =>
            QpuCostModel.Cost(Circuit, Test, new PecMitigation(0.5))).Message, StringComparison.Ordinal);
        Assert.Contains("distinct", Assert.Throws<HardwareDataException>(() =>
            QpuCostModel.Cost(Circuit, Test, new ZneMitigation([1, 1]))).Message, StringComparison.Ordinal);
        Assert.Contains("ZNE", Assert.Throws<HardwareDataException>(() => QpuCostModel.RichardsonOverhead([0.5, 2])).Message, StringComparison.Ordinal);
        string noTiming = Qpu.Replace("\"readoutNanoseconds\": { \"value\": 1000, \"source\": \"t\" }, ", "", StringComparison.Ordinal);
        var untimed = (QuantumProfile)DeviceFileReader.Read(noTiming, "test-qpu.json");
        Assert.Contains("neither readoutNanoseconds nor shotsPerSecond", Assert.Throws<HardwareDataException>(() =>
            QpuCostModel.Cost(Circuit, untimed, new NoMitigation())).Message, StringComparison.Ordinal);
    }
}
