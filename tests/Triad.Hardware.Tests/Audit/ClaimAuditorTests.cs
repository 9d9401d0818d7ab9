using Triad.Hardware.Audit;
using Triad.Hardware.Catalog;
using Triad.Hardware.Models;

namespace Triad.Hardware.Tests.Audit;

public class ClaimAuditorTests
{
    private static readonly IReadOnlyList<AuditRow> s_rows = ClaimAuditor.AuditBuiltIn();

    private static AuditRow Row(string id, string quantity = "") =>
        s_rows.Single(r => r.ClaimId == id && (quantity.Length == 0 || r.Quantity == quantity));

    [Fact]
    public void AuditBuiltIn_EveryClaimA1ToA30HasARowWithAVerdict()
    {
        string[] expected = [.. Enumerable.Range(1, 30).Select(i => $"A{i}")];
        Assert.Equal(expected, s_rows.Select(r => r.ClaimId).Distinct());
        Assert.All(s_rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Verdict)));
    }

    [Fact]
    public void AuditBuiltIn_A22_TrainingRunOptimistic()
    {
        // 6 × 405,853,388,800 × 15.6e12 = 3.7988e25 FLOPs; / (10,000 × 989.4e12 × 0.40) = 9.5986e6 s = 111.1 days vs 28 claimed.
        AuditRow days = Row("A22", "wall-clock days");
        Assert.Equal(111.1, days.Computed!.Value, 0.1);
        Assert.Equal("optimistic by 3.97×", days.Verdict);
        // Energy: 26.66e6 H100-hours × 700 W = 18.66 GWh vs 3.2 claimed; emissions × 0.390 = 7,279 t vs 1,280.
        Assert.Equal(18.66, Row("A22", "energy").Computed!.Value, 0.01);
        Assert.Equal(7279, Row("A22", "emissions").Computed!.Value, 1);
        Assert.StartsWith("optimistic by 5.", Row("A22", "emissions").Verdict, StringComparison.Ordinal);
        Assert.Contains(days.Assumptions, a => a.Contains("30.84 M H100-hours", StringComparison.Ordinal));
    }

    [Fact]
    public void AuditBuiltIn_A11_ElectronicEnergyFar_AboveRoofline()
    {
        // 128³ bf16 on H200: bytes 3 × 128² × 2 = 98,304 / 4.8e12 B/s = 2.048e-8 s (memory-bound; compute 4.24e-9 s);
        // × 700 W = 1.4336e-5 J. The claimed 820 µJ is 57.2× that.
        AuditRow r = Row("A11", "h200-sxm energy");
        Assert.Equal(1.4336e-5, r.Computed!.Value, 1e-9);
        Assert.Equal(57.2, r.Ratio!.Value, 0.1);
        Assert.Equal("optimistic by 57.2×", r.Verdict);
    }

    [Fact]
    public void AuditBuiltIn_A11A12_PhotonicSide_IsTheCostModelsFigure()
    {
        var mesh = (PhotonicProfile)DeviceCatalog.BuiltIn.Get("mzi-mesh-64");
        var cost = Triad.Hardware.Costs.PhotonicCostModel.MatMul(128, 128, 128, mesh);
        AuditRow energy = Row("A11", "mzi-mesh-64 energy"), time = Row("A12", "mzi-mesh-64 time");
        Assert.Equal(cost.Joules, energy.Computed!.Value, 1e-15);
        Assert.Equal(cost.Seconds, time.Computed!.Value, 1e-15);
        Assert.Equal(3.6e-6 / cost.Joules, energy.Ratio!.Value, 1e-12);
        // Four tiles each programmed once (6.8 µs to settle to 8 bits) dwarf the claimed 0.8 ns and 3.6 µJ.
        Assert.StartsWith("optimistic by", energy.Verdict, StringComparison.Ordinal);
        Assert.StartsWith("optimistic by", time.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditBuiltIn_InternalAndRecordChecks()
    {
        // A3: the cheapest board of the article's table is Envise, $8,500 / 256 TOPS = $33.2 per TOPS, 6.64× the claimed $5.
        Assert.Equal(8500.0 / 256, Row("A3").Computed!.Value, 1e-9);
        Assert.StartsWith("inconsistent (6.64×", Row("A3").Verdict, StringComparison.Ordinal);
        // A4: 1 − 0.36 / 3.2 = 0.8875 vs 89 %: consistent.
        Assert.Equal(0.8875, Row("A4").Computed!.Value, 1e-12);
        Assert.Equal("consistent", Row("A4").Verdict);
        // A5: the catalog's largest GPU memory bandwidth is B200's 8,000 GB/s; 10 TB/s is 1.25× that.
        Assert.Equal(8000, Row("A5").Computed!.Value);
        Assert.Equal("optimistic by 1.25×", Row("A5").Verdict);
        // A17: 256 TOPS at 320 TOPS/W is a 0.8 W board.
        Assert.Equal(0.8, Row("A17").Computed!.Value, 1e-12);
        // …and the record (Envise draws 80 W per accelerator) contradicts it.
        Assert.StartsWith("inconsistent with the record: Envise", Row("A17").Verdict, StringComparison.Ordinal);
        // A10: matrix products are > 99 % of Llama 3.1 405B's forward FLOPs.
        Assert.InRange(Row("A10").Computed!.Value, 0.99, 1.0);
        Assert.StartsWith("consistent", Row("A10").Verdict, StringComparison.Ordinal);
        // A21: 6.2e-15 s/s over a 1 kHz type-1 loop updated 1e5 times a second lags r·T / (1 − exp(−2π·1e3·1e-5))
        // = 1.018e-18 s, 1.018e-8 of a 10 GHz cycle.
        Assert.Equal(6.2e-15 * 1e-5 / (1 - Math.Exp(-2 * Math.PI * 1e-2)) * 1e10, Row("A21").Computed!.Value, 1e-14);
        Assert.Equal(1.018e-8, Row("A21").Computed!.Value, 0.001e-8);
        Assert.StartsWith("consistent", Row("A21").Verdict, StringComparison.Ordinal);
        // A6: a 4096³ product on 64×64 tiles: 64·64 = 4096 tiles, each 6.788788 µs of reprogramming (τ·8·ln 2, τ = 1/(2π·130 kHz)) and
        // 4096 / 1.25e9 = 3.2768 µs of streaming: 41.22865 ms; each tile is U·Σ·V† on two meshes of 2·2016 + 64 = 4096 shifters at P_π and
        // 64 attenuators at P_π/2: heaters 203.70848 W × that = 8.398625 J; weight DAC 4096 × 8256 × 25 pJ = 0.8454144 mJ;
        // input DAC 64·4096·4096 × 25 pJ = 26.84355 mJ; modulators × 200 fJ = 0.2147484 mJ; ADC 64·4096·4096 × 2.848 pJ = 3.057989 mJ.
        // Total 8.429587 J over 2·4096³ operations = 61.3333 pJ/op against the claimed 0.02: optimistic by 3.07e3×.
        Assert.Equal(61.3333, Row("A6").Computed!.Value, 1e-3);
        Assert.StartsWith("optimistic by 3.07E+03×", Row("A6").Verdict, StringComparison.Ordinal);
        // A25: 10^8 MZIs need N = 14,143 (14,142·14,141/2 = 99,991,011 falls short; 14,143·14,142/2 = 100,005,153); heaters
        // (2 × 100,005,153 + 14,143) × 24.77 mW = 4.95E+06 W, path loss 14,143 MZIs × 2 × 0.23 dB = 6.51E+03 dB. A forecast: unverifiable.
        Assert.Equal(100_005_153, Row("A25").Computed!.Value);
        Assert.Equal("unverifiable: a forecast; grown from mzi-mesh-64's cited components to N = 14143 (1E+08 MZIs) it would draw 4.95E+06 W in heaters and lose 6.51E+03 dB along a path",
            Row("A25").Verdict);
    }

    [Fact]
    public void AuditBuiltIn_RecordClaims_VerdictFromConfirmedRecordsAndRecordsListedUnderEveryRow()
    {
        Assert.StartsWith("inconsistent with the record: Blackwell Ultra", Row("A1").Verdict, StringComparison.Ordinal);
        Assert.StartsWith("consistent with the record: IBM Condor, 1,121", Row("A2").Verdict, StringComparison.Ordinal);
        Assert.StartsWith("inconsistent with the record", Row("A29").Verdict, StringComparison.Ordinal);
        Assert.Contains(Row("A22", "energy").Assumptions, a => a.StartsWith("record, contradicts it: Llama 3.1 405B: 30.84 M GPU-hours", StringComparison.Ordinal));
    }

    private static string OneClaim(string records) =>
        $$"""{"source": "x", "claims": [{"id": "A1", "section": "s", "text": "t", "kinds": [], "check": {"method": "record"}, "records": {{records}}}]}""";

    [Theory]
    [InlineData("""[{"finding": "f", "source": "s", "confirmed": false, "supports": false}]""", "unverifiable: no confirmed record")]
    [InlineData("""[{"finding": "f", "source": "s", "confirmed": true}]""", "unverifiable: no confirmed record")]
    [InlineData("""[{"finding": "yes", "source": "s", "confirmed": true, "supports": true}, {"finding": "no", "source": "s", "confirmed": true, "supports": false}]""", "inconsistent with the record: no")]
    [InlineData("""[{"finding": "yes", "source": "s", "confirmed": true, "supports": true}, {"finding": "no", "source": "s", "confirmed": false, "supports": false}]""", "consistent with the record: yes")]
    public void Audit_RecordMethod_OnlyConfirmedRecordsDecide(string records, string verdict)
    {
        AuditRow row = ClaimAuditor.Audit(OneClaim(records), "c.json", DeviceCatalog.BuiltIn, ModelCatalog.BuiltIn).Single();
        Assert.StartsWith(verdict, row.Verdict, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "c.json: claims[0].check.method: 'record' needs the claim's records")]
    [InlineData("""[{"finding": "f", "source": "s", "confirmed": "yes"}]""", "c.json: claims[0].records[0].confirmed: must be true or false, not the string \"yes\"")]
    [InlineData("""[{"finding": "f", "source": "s", "confirmed": true, "supports": 1}]""", "c.json: claims[0].records[0].supports: must be true or false, not 1")]
    [InlineData("""[{"finding": "f", "confirmed": true}]""", "c.json: claims[0].records[0].source")]
    [InlineData("""{"finding": "f"}""", "c.json: claims[0].records: must be an array")]
    public void Audit_BadRecords_NameFileAndField(string records, string message)
    {
        var e = Assert.Throws<HardwareDataException>(() => ClaimAuditor.Audit(OneClaim(records), "c.json", DeviceCatalog.BuiltIn, ModelCatalog.BuiltIn));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_UnknownMethod_NamesFileAndField()
    {
        string json = """{"source": "x", "claims": [{"id": "A1", "section": "s", "text": "t", "kinds": [], "check": {"method": "guess"}}]}""";
        var e = Assert.Throws<HardwareDataException>(() => ClaimAuditor.Audit(json, "c.json", DeviceCatalog.BuiltIn, ModelCatalog.BuiltIn));
        Assert.Equal("c.json: claims[0].check.method: unknown method 'guess'", e.Message);
    }
}
