using Triad.Hardware.Audit;
using Triad.Hardware.Catalog;
using Triad.Hardware.Costs;
using Triad.Hardware.Graphs;
using Triad.Hardware.Models;

namespace Triad.Hardware.Tests.Audit;

/// <summary>The claims Triad.Hardware computes on its own (A7, A23, A24, A30) and the simulation seam (<see cref="IClaimEvidence"/>).</summary>
public class ClaimAuditorModelTests
{
    private static readonly IReadOnlyList<AuditRow> s_rows = ClaimAuditor.AuditBuiltIn();

    private static AuditRow Row(string id, string quantity) => s_rows.Single(r => r.ClaimId == id && r.Quantity == quantity);

    [Fact]
    public void AuditBuiltIn_NoRowWaits_AndSimulationsWithoutEnginesSayTheyWereNotRun()
    {
        Assert.DoesNotContain(s_rows, r => r.Verdict.Contains("waits", StringComparison.OrdinalIgnoreCase));
        foreach (string id in (string[])["A8", "A9", "A14", "A15", "A16", "A20", "A27", "A28"])
        {
            Assert.All(s_rows.Where(r => r.ClaimId == id), r =>
            {
                Assert.StartsWith("not run: simulation '", r.Verdict, StringComparison.Ordinal);
                Assert.Null(r.Computed);
            });
        }
    }

    [Fact]
    public void A7_Density_MatchesHandArithmetic()
    {
        // H100: 989.4 dense bf16 TFLOP/s on an 814 mm² die = 1.21548 TOPS/mm²; the claim's 10 is 8.23× that.
        AuditRow gpu = Row("A7", "h100-sxm bf16 density");
        Assert.Equal(989.4 / 814, gpu.Computed!.Value, 1e-9);
        Assert.Equal("optimistic by 8.23×", gpu.Verdict);
        // Mesh: 2·64²·1.25e9 (ADC-limited) × 16 wavelengths = 163.84 TOPS over (64 × 10 µm) × (129 × 2 × 61.6 µm)
        // (U·Σ·V†: two 64-column meshes and the attenuator column) = 0.64 mm × 15.8928 mm = 10.171392 mm²:
        // 16.1079 TOPS/mm², the claimed 100 is 6.21× that.
        AuditRow mesh = Row("A7", "mzi-mesh-64 density, 16 wavelengths");
        Assert.Equal(163.84 / (0.64 * 15.8928), mesh.Computed!.Value, 1e-9);
        Assert.Equal("optimistic by 6.21×", mesh.Verdict);
    }

    [Fact]
    public void A24_QpuDenseLayer_MatchesHandArithmetic()
    {
        // 4096×4096 layer on 1,024 qubits: 4 circuits, each 4,194,304 weights / 3,072 angles per layer → 1,366 trainable
        // layers + 4 encoding layers: 1,370 × 25 ns + 1,366 × 12 ns = 50.642 µs + 4 µs readout, below the 200 µs a shot
        // takes at 5,000 shots/s; 4^8 = 65,536 shots × 200 µs × 4 circuits = 52.4288 s.
        // H100: (2·4096 + 4096²) × 2 bytes / 3.35e12 B/s = 1.002114e-5 s (memory-bound). Ratio 5.2318e6.
        AuditRow r = s_rows.Single(x => x.ClaimId == "A24");
        double gpu = 2.0 * ((2 * 4096) + (4096.0 * 4096)) / 3.35e12;
        Assert.Equal(52.4288 / gpu, r.Computed!.Value, 1e-3 * r.Computed.Value);
        Assert.StartsWith("inconsistent (to replace the layer", r.Verdict, StringComparison.Ordinal);
        Assert.Contains(r.Assumptions, a => a.Contains("1366 trainable layers", StringComparison.Ordinal));
    }

    [Fact]
    public void A23_HybridRun_EqualsTheCostModelsSummedOverTheGraph()
    {
        TransformerConfig model = ModelCatalog.BuiltIn.Get("llama-3.1-405b");
        var mesh = (PhotonicProfile)DeviceCatalog.BuiltIn.Get("mzi-mesh-64");
        var gpu = (ElectronicProfile)DeviceCatalog.BuiltIn.Get("h100-sxm");
        OpGraph graph = TransformerGraphBuilder.Build(model, 1, model.SequenceLength, Precision.Bf16);
        double pT = 0, pJ = 0, eT = 0, eJ = 0;
        foreach (Op op in graph.Ops)
        {
            if (PhotonicCostModel.CanTile(op))
            {
                PhotonicCost c = PhotonicCostModel.Cost(op, mesh);
                (pT, pJ) = (pT + c.Seconds, pJ + c.Joules);
            }
            else
            {
                OpCost c = RooflineCostModel.Cost(op, gpu);
                (eT, eJ) = (eT + c.Seconds, eJ + c.Joules);
            }
        }
        double sequences = model.TrainingTokens!.Value / model.SequenceLength;
        double days = 3 * sequences * ((pT / 10_000) + (eT / 10_000)) / 86_400;
        double kwh = 3 * sequences * (pJ + eJ) / 3.6e6;
        Assert.Equal(days, Row("A23", "hybrid wall-clock days").Computed!.Value, 1e-9 * days);
        Assert.Equal(kwh / 1e6, Row("A23", "hybrid energy").Computed!.Value, 1e-9 * kwh / 1e6);
        Assert.Equal(kwh * 0.39 / 1000, Row("A23", "hybrid emissions").Computed!.Value, 1e-9 * kwh);
        // The meshes' heaters make the hybrid cluster far costlier than the article's 0.36 GWh, and slower than 9 days.
        Assert.StartsWith("optimistic by", Row("A23", "hybrid energy").Verdict, StringComparison.Ordinal);
        Assert.True(pJ > eJ, "the photonic part should dominate the energy");
        // A30 gives both ends: the all-electronic 1,280 t (as A22) and the hybrid 115 t (as A23).
        Assert.Equal(Row("A22", "emissions").Computed, Row("A30", "emissions").Computed);
        Assert.Equal(Row("A23", "hybrid emissions").Computed, Row("A30", "hybrid emissions").Computed);
    }

    private sealed class FakeEvidence(double value) : IClaimEvidence
    {
        public int Runs { get; private set; }

        public bool CanRun(string simulation) => simulation == "fake";

        public ClaimEvidence Run(string simulation, IReadOnlyDictionary<string, double> settings)
        {
            Runs++;
            return new ClaimEvidence([new EvidenceValue("x", "the x", "u", value * settings["scale"])], ["fake assumption"]);
        }
    }

    private static string Simulation(string rows, string settings = """{"scale": 1}""") =>
        $$$"""{"source": "x", "claims": [{"id": "A1", "section": "s", "text": "t", "kinds": [], "check": {"method": "simulation", "simulation": "fake", "settings": {{{settings}}}, "rows": {{{rows}}}}}]}""";

    private static IReadOnlyList<AuditRow> Audit(string json, IClaimEvidence? evidence) =>
        ClaimAuditor.Audit(json, "c.json", DeviceCatalog.BuiltIn, ModelCatalog.BuiltIn, evidence);

    [Fact]
    public void Audit_Simulation_UnknownToTheEngines_IsAnErrorNamingIt()
    {
        string json = Simulation("""[{"value": "x", "claimed": 2}]""").Replace("\"fake\"", "\"fakes\"", StringComparison.Ordinal);
        var e = Assert.Throws<HardwareDataException>(() => Audit(json, new FakeEvidence(1)));
        Assert.Contains("c.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("'fakes' is not a simulation this audit can run", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"value": "x", "claimed": 2}]""", 4, "optimistic by 2×")]
    [InlineData("""[{"value": "x", "claimed": 2, "better": "higher"}]""", 4, "inconsistent (2× below the computed value)")]
    [InlineData("""[{"value": "x", "claimed": 3, "tolerance": 1.5}]""", 4, "consistent")]
    [InlineData("""[{"value": "x", "claimed": 2}]""", 0, "inconsistent (the simulation finds 0 u where 2 is claimed)")]
    [InlineData("""[{"value": "x", "claimed": 2}]""", -0.5, "inconsistent (the simulation finds -0.5 u where 2 is claimed)")]
    [InlineData("""[{"value": "x", "atLeast": 3, "criterion": "big enough"}]""", 4, "consistent (big enough: 4 u is ≥ 3)")]
    [InlineData("""[{"value": "x", "atMost": 3, "criterion": "small enough"}]""", 4, "inconsistent (small enough: 4 u is not ≤ 3)")]
    [InlineData("""[{"value": "x", "claimed": 1, "unverifiable": "why"}]""", 4, "unverifiable: why")]
    public void Audit_Simulation_EachVerdictRule(string rows, double value, string verdict)
    {
        var evidence = new FakeEvidence(value);
        AuditRow row = Audit(Simulation(rows), evidence).Single();
        Assert.Equal(verdict, row.Verdict);
        Assert.Equal(value, row.Computed);
        Assert.Equal("the x", row.Quantity);
        Assert.Contains("fake assumption", row.Assumptions);
        Assert.Equal(1, evidence.Runs);
    }

    [Fact]
    public void Audit_Simulation_SettingsReachTheEvidence_AndNoEvidenceMeansNotRun()
    {
        Assert.Equal(12, Audit(Simulation("""[{"value": "x", "claimed": 1}]""", """{"scale": 3}"""), new FakeEvidence(4)).Single().Computed);
        AuditRow notRun = Audit(Simulation("""[{"value": "x", "claimed": 1}]"""), null).Single();
        Assert.StartsWith("not run: simulation 'fake'", notRun.Verdict, StringComparison.Ordinal);
        Assert.Null(notRun.Computed);
    }

    [Theory]
    [InlineData("""[{"value": "x", "atLeast": 1}]""")]
    [InlineData("""[{"value": "x"}]""")]
    [InlineData("""[{"value": "x", "claimed": 1, "guess": 2}]""")]
    public void Audit_Simulation_BadRows_AreRefusedBeforeTheSimulationRuns_AndWithoutEngines(string rows)
    {
        var evidence = new FakeEvidence(1);
        Assert.Throws<HardwareDataException>(() => Audit(Simulation(rows), evidence));
        Assert.Equal(0, evidence.Runs);
        Assert.Throws<HardwareDataException>(() => Audit(Simulation(rows), null));
    }

    [Theory]
    [InlineData("""[{"value": "y", "claimed": 1}]""", "the simulation gives no value 'y' (it gives x)")]
    [InlineData("""[{"value": "x", "atLeast": 1}]""", "c.json: claims[0].check.rows[0].criterion: a bound (atLeast or atMost) needs the criterion")]
    [InlineData("""[{"value": "x"}]""", "c.json: claims[0].check.rows[0].value: needs 'claimed', a bound")]
    [InlineData("""[{"value": "x", "claimed": 1, "guess": 2}]""", "c.json: claims[0].check.rows[0].guess")]
    [InlineData("[]", "c.json: claims[0].check.rows: must be a non-empty array")]
    public void Audit_Simulation_BadRows_NameFileAndField(string rows, string message)
    {
        var e = Assert.Throws<HardwareDataException>(() => Audit(Simulation(rows), new FakeEvidence(1)));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_CheckAndChecks_AreExclusive()
    {
        string json = """{"source": "x", "claims": [{"id": "A1", "section": "s", "text": "t", "kinds": [], "check": {"method": "unverifiable", "reason": "r"}, "checks": [{"method": "unverifiable", "reason": "r"}]}]}""";
        var e = Assert.Throws<HardwareDataException>(() => Audit(json, null));
        Assert.Equal("c.json: claims[0].checks: give either 'check' or 'checks', not both", e.Message);
    }

    [Theory]
    [InlineData("""{"claims": [{"check": {"method": "simulation"}}, {"checks": [{"method": "record"}, {"method": "simulation"}]}]}""", 2)]
    [InlineData("""{"claims": 3}""", 0)]
    [InlineData("not json", 0)]
    public void CountSimulations_CountsSimulationChecks(string json, int expected) =>
        Assert.Equal(expected, ClaimAuditor.CountSimulations(json));

    [Fact]
    public void CountSimulations_BuiltIn_EightClaimsAreSimulated() =>
        Assert.Equal(8, ClaimAuditor.CountSimulations(ClaimAuditor.BuiltInClaimsJson));
}
