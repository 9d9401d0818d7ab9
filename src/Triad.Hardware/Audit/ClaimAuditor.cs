using System.Globalization;
using System.Text.Json;
using Triad.Hardware.Catalog;
using Triad.Hardware.Costs;
using Triad.Hardware.Estimation;
using Triad.Hardware.Graphs;
using Triad.Hardware.Models;
using Triad.Hardware.Synchronization;

namespace Triad.Hardware.Audit;

/// <summary>
/// Recomputes the article's claims (claims/article.json, from shared/article/CLAIMS.md) with Triad's own models and
/// returns at least one <see cref="AuditRow"/> per claim, none skipped. Each claim's <c>check</c> names a method:
/// <list type="bullet">
/// <item><c>training-run</c>: <see cref="TrainingRunEstimator"/> for the model, device, count, MFU and carbon intensity
/// given (each with its source) against the claimed days, GWh and tonnes.</item>
/// <item><c>roofline-matmul</c>: <see cref="RooflineCostModel"/> time or energy of an m×k·k×n product on a device.</item>
/// <item><c>photonic-matmul</c>: <see cref="PhotonicCostModel"/> energy per operation, energy or time of an m×k·k×n
/// product on a photonic device of the catalog, built from its cited components.</item>
/// <item><c>photonic-scale</c>: the catalog mesh grown (<see cref="DeviceScaling"/>) to the claimed MZI count; its heater
/// power and path loss are computed, and as the claim is a forecast the verdict is "unverifiable" with those figures.</item>
/// <item><c>matmul-share</c>: share of a model's forward FLOPs in matrix products (<see cref="TransformerGraphBuilder"/>).</item>
/// <item><c>catalog-max</c>: the largest value of a field over the catalog's devices of a kind.</item>
/// <item><c>pll</c>: <see cref="SamplingClockLoop"/> under a stated drift, against the claimed fraction of a cycle.</item>
/// <item><c>internal-reduction</c>, <c>price-per-tops</c>, <c>board-power</c>: arithmetic on the article's own numbers.</item>
/// <item><c>simulation</c>: a named simulation run through <see cref="IClaimEvidence"/> (the photonics, quantum and
/// learning engines, which Triad.Hardware does not reference), each row judged against the claim or a stated bound.</item>
/// <item><c>compute-density</c>: operations per second per mm² of a die and of a WDM mesh, from catalog areas.</item>
/// <item><c>hybrid-training-run</c>: a model's training with its tileable products on a photonic device and the rest on
/// an electronic one (photonic and roofline cost models).</item>
/// <item><c>qpu-dense-layer</c>: one dense layer on a grown QPU (<see cref="QpuCostModel"/>) against the GPU roofline.</item>
/// <item><c>unverifiable</c>: why it cannot be checked.</item>
/// <item><c>record</c>: the claim's public <c>records</c> alone: a confirmed record that contradicts it makes it
/// "inconsistent", confirmed records that bear it out (and none against) "consistent", else "unverifiable".</item>
/// </list>
/// Verdicts: within the claim's tolerance factor of the computed value, "consistent"; outside it, "optimistic by N×"
/// when the claim errs in the article's favour (<c>better</c>: "lower" for costs, "higher" for what flatters its
/// thesis), else "inconsistent"; a claim checked against the article's own numbers is "inconsistent" when they disagree.
/// No result is written in the file: every computed number comes from the models at run time. A claim's records (what
/// public sources say, researched by hand and cited) are listed under every row of that claim.
/// </summary>
public static partial class ClaimAuditor
{
    /// <summary>
    /// Audits the claims built into the assembly (claims/article.json); <paramref name="evidence"/> runs the claims
    /// checked by simulation (without it their rows say which engines they need).
    /// </summary>
    public static IReadOnlyList<AuditRow> AuditBuiltIn(IClaimEvidence? evidence = null) =>
        Audit(BuiltInClaimsJson, "article.json", DeviceCatalog.BuiltIn, ModelCatalog.BuiltIn, evidence);

    /// <summary>The text of the built-in claims file (claims/article.json).</summary>
    public static string BuiltInClaimsJson => EmbeddedData.Files("claims/").Single(f => f.Name == "article.json").Text;

    /// <summary>
    /// How many checks of claims JSON <paramref name="json"/> are simulations (what <see cref="IClaimEvidence"/> will be
    /// asked to run), for a progress display; 0 for text that is not a claims file (the audit then reports why).
    /// </summary>
    public static int CountSimulations(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("claims", out JsonElement claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return 0;
            }
            static bool IsSimulation(JsonElement check) => check.ValueKind == JsonValueKind.Object
                && check.TryGetProperty("method", out JsonElement m) && m.ValueKind == JsonValueKind.String && m.GetString() == "simulation";
            int count = 0;
            foreach (JsonElement claim in claims.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object))
            {
                if (claim.TryGetProperty("check", out JsonElement check) && IsSimulation(check))
                {
                    count++;
                }
                if (claim.TryGetProperty("checks", out JsonElement checks) && checks.ValueKind == JsonValueKind.Array)
                {
                    count += checks.EnumerateArray().Count(IsSimulation);
                }
            }
            return count;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    /// <summary>Audits the claims of JSON <paramref name="json"/> (from <paramref name="fileName"/>).</summary>
    /// <exception cref="HardwareDataException">The file breaks the schema (message names file and field).</exception>
    public static IReadOnlyList<AuditRow> Audit(string json, string fileName, DeviceCatalog devices, ModelCatalog models, IClaimEvidence? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(models);
        using JsonDocument document = JsonDocument.Parse(json);
        var root = new JsonFields(fileName, "", document.RootElement);
        root.RequireString("source");
        JsonElement claims = root.Require("claims");
        root.RejectUnknown();
        var rows = new List<AuditRow>();
        int i = 0;
        foreach (JsonElement element in claims.EnumerateArray())
        {
            var claim = new JsonFields(fileName, $"claims[{i++}]", element);
            string id = claim.RequireString("id");
            claim.RequireString("section");
            string text = claim.RequireString("text");
            claim.OptionalString("original");
            claim.Require("kinds");
            List<JsonFields> checks = Checks(claim);
            IReadOnlyList<PublicRecord> records = Records(claim);
            claim.RejectUnknown();
            foreach (JsonFields check in checks)
            {
                rows.AddRange(Check(id, text, check, devices, models, records, evidence).Select(row => WithRecords(row, records)));
                // Verdict settings are optional for every method; a method that does not need them still accepts them.
                check.Optional("tolerance");
                check.Optional("better");
                check.RejectUnknown();
            }
        }
        return rows;
    }

    /// <summary>A claim's <c>check</c>, or each of its <c>checks</c> when one claim needs several methods (exactly one of the two).</summary>
    private static List<JsonFields> Checks(JsonFields claim)
    {
        if (claim.Optional("checks") is not { } array)
        {
            return [claim.Object("check")];
        }
        if (claim.Has("check"))
        {
            throw claim.Error(claim.Name("checks"), "give either 'check' or 'checks', not both");
        }
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw claim.Error(claim.Name("checks"), "must be a non-empty array of checks");
        }
        return [.. array.EnumerateArray().Select((e, i) => new JsonFields(claim.File, claim.Name($"checks[{i}]"), e))];
    }

    /// <summary>
    /// What public records say of a claim (claims/README.md): a finding, its source, whether the research could confirm
    /// it against the source, and whether it bears the claim out (true), contradicts it (false) or neither (absent).
    /// </summary>
    private sealed record PublicRecord(string Finding, string Source, bool Confirmed, bool? Supports);

    private static List<PublicRecord> Records(JsonFields claim)
    {
        var records = new List<PublicRecord>();
        if (claim.Optional("records") is not { } array)
        {
            return records;
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw claim.Error(claim.Name("records"), $"must be an array, not {JsonFields.Describe(array)}");
        }
        int i = 0;
        foreach (JsonElement element in array.EnumerateArray())
        {
            var r = new JsonFields(claim.File, claim.Name($"records[{i++}]"), element);
            string finding = r.RequireString("finding"), source = r.RequireString("source");
            JsonElement confirmed = r.Require("confirmed");
            if (confirmed.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw r.Error(r.Name("confirmed"), $"must be true or false, not {JsonFields.Describe(confirmed)}");
            }
            bool? supports = r.Optional("supports") switch
            {
                null => null,
                { ValueKind: JsonValueKind.True } => true,
                { ValueKind: JsonValueKind.False } => false,
                { } other => throw r.Error(r.Name("supports"), $"must be true or false, not {JsonFields.Describe(other)}"),
            };
            r.OptionalString("date");
            r.OptionalString("url");
            r.Optional("values");
            r.RejectUnknown();
            records.Add(new PublicRecord(finding, source, confirmed.ValueKind == JsonValueKind.True, supports));
        }
        return records;
    }

    /// <summary>
    /// The verdict the records alone give: "inconsistent" when a confirmed record contradicts the claim, "consistent"
    /// when confirmed records bear it out and none contradicts it, otherwise null (unconfirmed records are no evidence).
    /// </summary>
    private static string? RecordVerdict(IReadOnlyList<PublicRecord> records)
    {
        PublicRecord? against = records.FirstOrDefault(r => r.Confirmed && r.Supports == false);
        if (against is not null)
        {
            return $"inconsistent with the record: {against.Finding}";
        }
        PublicRecord? support = records.FirstOrDefault(r => r.Confirmed && r.Supports == true);
        return support is null ? null : $"consistent with the record: {support.Finding}";
    }

    /// <summary>A row with its claim's records listed after its assumptions.</summary>
    private static AuditRow WithRecords(AuditRow row, IReadOnlyList<PublicRecord> records) => records.Count == 0
        ? row
        : row with
        {
            Assumptions =
            [
                .. row.Assumptions,
                .. records.Select(r => $"record{(r.Confirmed ? "" : " (unconfirmed)")}{r.Supports switch { true => ", bears it out", false => ", contradicts it", null => "" }}: {r.Finding} ({r.Source})"),
            ],
        };

    private static IEnumerable<AuditRow> Check(string id, string text, JsonFields c, DeviceCatalog devices, ModelCatalog models,
        IReadOnlyList<PublicRecord> records, IClaimEvidence? evidence)
    {
        string method = c.RequireString("method");
        string? note = c.OptionalString("note");
        List<string> Notes(params string[] lines) => [.. lines, .. note is null ? Array.Empty<string>() : [note]];
        switch (method)
        {
            case "record":
            {
                if (records.Count == 0)
                {
                    throw c.Error(c.Name("method"), "'record' needs the claim's records");
                }
                string verdict = RecordVerdict(records)
                    ?? "unverifiable: no confirmed record bears the claim out or contradicts it";
                yield return new AuditRow(id, text, "", "", null, null, null, verdict, Notes());
                break;
            }
            case "unverifiable":
                yield return new AuditRow(id, text, "", "", null, null, null, $"unverifiable: {c.RequireString("reason")}", Notes());
                break;
            case "simulation":
                foreach (AuditRow row in Simulation(id, text, c, evidence, Notes()))
                {
                    yield return row;
                }
                break;
            case "compute-density":
                foreach (AuditRow row in ComputeDensity(id, text, c, devices, Notes()))
                {
                    yield return row;
                }
                break;
            case "hybrid-training-run":
                foreach (AuditRow row in HybridTrainingRun(id, text, c, devices, models, Notes()))
                {
                    yield return row;
                }
                break;
            case "qpu-dense-layer":
                foreach (AuditRow row in QpuDenseLayer(id, text, c, devices, models, Notes()))
                {
                    yield return row;
                }
                break;
            case "training-run":
                foreach (AuditRow row in TrainingRun(id, text, c, devices, models, Notes()))
                {
                    yield return row;
                }
                break;
            case "roofline-matmul":
            {
                string quantity = c.RequireString("quantity");
                long m = c.RequireCount("m", 1), n = c.RequireCount("n", 1), k = c.RequireCount("k", 1);
                string precisionText = c.RequireString("precision");
                if (!PrecisionNames.TryParse(precisionText, out Precision precision))
                {
                    throw c.Error(c.Name("precision"), $"unknown precision '{precisionText}'");
                }
                var device = devices.Get(c.RequireString("device")) as ElectronicProfile
                    ?? throw c.Error(c.Name("device"), "must be a GPU or CPU");
                double bytes = PrecisionNames.BytesPerElement(precision) * ((double)m * k + (double)k * n + (double)m * n);
                var op = new Op("matmul", OpKind.MatMul, [[m, k], [k, n]], [m, n], 2.0 * m * n * k, bytes, precision, 0);
                OpCost cost = RooflineCostModel.Cost(op, device);
                double claimed = c.RequireNumber("claimed");
                double computed = quantity == "energy" ? cost.Joules : quantity == "time" ? cost.Seconds
                    : throw c.Error(c.Name("quantity"), $"'{quantity}' must be energy or time");
                string computedIs = c.OptionalString("computedIs") ?? "estimate";
                List<string> assumptions = Notes(
                    $"{m}×{k}·{k}×{n} in {precisionText} on {device.Id}: {F(op.Flops)} FLOPs, {F(bytes)} bytes; roofline time max({F(cost.ComputeSeconds)}, {F(cost.MemorySeconds)}) s = {F(cost.Seconds)} s ({cost.Bound}-bound)",
                    $"energy = TDP {F(device.TdpWatts.Value)} W × time = {F(cost.Joules)} J",
                    quantity == "energy" ? $"the claimed {F(claimed)} J equals {F(claimed / device.TdpWatts.Value)} s at TDP" : $"the claimed time is {F(claimed / cost.Seconds)}× the roofline time");
                string verdict = computedIs == "lowerBound"
                    ? claimed >= computed ? $"consistent (above the roofline lower bound {F(computed)} s)" : $"inconsistent (below the roofline lower bound {F(computed)} s)"
                    : Verdict(claimed, computed, c, internalCheck: false);
                yield return new AuditRow(id, text, $"{device.Id} {quantity}", c.RequireString("unit"), claimed, computed, claimed / computed, verdict, assumptions);
                break;
            }
            case "photonic-matmul":
            {
                string quantity = c.RequireString("quantity");
                long m = c.RequireCount("m", 1), n = c.RequireCount("n", 1), k = c.RequireCount("k", 1);
                var device = devices.Get(c.RequireString("device")) as PhotonicProfile
                    ?? throw c.Error(c.Name("device"), "must be a photonic device");
                PhotonicCost cost = PhotonicCostModel.MatMul(m, k, n, device);
                double claimed = c.RequireNumber("claimed");
                double computed = quantity switch
                {
                    "energy-per-op" => cost.PicojoulesPerOperation,
                    "energy" => cost.Joules,
                    "time" => cost.Seconds,
                    _ => throw c.Error(c.Name("quantity"), $"'{quantity}' must be energy-per-op, energy or time"),
                };
                List<string> assumptions = Notes(
                    [.. cost.Assumptions,
                     $"energy {F(cost.Joules)} J = {string.Join(" + ", cost.Breakdown.Select(b => $"{b.Component} {F(b.Joules)}"))}; {F(cost.Operations)} operations; time {F(cost.Seconds)} s"]);
                yield return new AuditRow(id, text, $"{device.Id} {quantity}", c.RequireString("unit"), claimed, computed, claimed / computed,
                    Verdict(claimed, computed, c, internalCheck: false), assumptions);
                break;
            }
            case "photonic-scale":
            {
                var device = devices.Get(c.RequireString("device")) as PhotonicProfile
                    ?? throw c.Error(c.Name("device"), "must be a photonic device");
                double claimed = c.RequireNumber("claimed");
                // The smallest N with N(N−1)/2 ≥ the claimed MZI count.
                int size = (int)Math.Ceiling((1 + Math.Sqrt(1 + 8 * claimed)) / 2);
                while ((double)(size - 1) * (size - 2) / 2 >= claimed)
                {
                    size--;
                }
                var grown = (PhotonicProfile)DeviceScaling.Scale(device, [], meshSize: size);
                double mzis = grown.Figure("mziCount")!.Value;
                double heaters = PhotonicCostModel.MeshHeaterWatts(grown);
                double loss = PhotonicCostModel.MeshPathLossDb(grown);
                yield return new AuditRow(id, text, "MZIs of the grown mesh", c.RequireString("unit"), claimed, mzis, claimed / mzis,
                    $"unverifiable: a forecast; grown from {device.Id}'s cited components to N = {size} ({F(mzis)} MZIs) it would draw {F(heaters)} W in heaters and lose {F(loss)} dB along a path",
                    Notes($"rectangular mesh (Clements 2016): N(N−1)/2 MZIs, a path crossing N of them; N = {size} is the smallest with at least {F(claimed)} MZIs",
                        $"heaters: 2 phase shifters per MZI and an output screen of N, {F(PhotonicCostModel.MeshShifters(grown))} in all, at P_π {F(grown.Figure("heaterPiPowerMilliwatts")!.Value)} mW on average (phases uniform in [0, 2π))",
                        $"loss: N MZIs crossed × 2 phase shifters × {F(grown.Figure("insertionLossDbPerPhaseShifter")!.Value)} dB (couplers and phase screens lossless); one mesh, as the claim counts gates, not a U·Σ·V† tile"));
                break;
            }
            case "matmul-share":
            {
                TransformerConfig model = models.Get(c.RequireString("model"));
                OpGraph graph = TransformerGraphBuilder.Build(model, 1, model.SequenceLength, Precision.Bf16);
                double share = graph.Ops.Where(o => o.Kind == OpKind.MatMul).Sum(o => o.Flops) / graph.TotalFlops;
                double claimed = c.RequireNumber("claimed");
                string verdict = share >= claimed ? $"consistent (matrix products are {F(share * 100)} % of the FLOPs)" : "inconsistent (matrix products are a smaller share)";
                yield return new AuditRow(id, text, $"{model.Id} matmul share", c.RequireString("unit"), claimed, share, claimed / share, verdict,
                    Notes($"forward graph of {model.Id}, batch 1, sequence {model.SequenceLength}, bf16: {graph.Ops.Count} ops, {F(graph.TotalFlops)} FLOPs"));
                break;
            }
            case "catalog-max":
            {
                string field = c.RequireString("field"), kind = c.RequireString("kind");
                (DeviceProfile Device, SourcedValue Value)[] values = [.. devices.Devices
                    .Where(d => d.Kind.ToString().Equals(kind, StringComparison.OrdinalIgnoreCase))
                    .SelectMany(d => d.Figures.Where(f => f.Key == field).Select(f => (d, f.Value)))];
                if (values.Length == 0)
                {
                    throw c.Error(c.Name("field"), $"no {kind} device of the catalog has '{field}'");
                }
                var best = values.MaxBy(v => v.Value.Value);
                double claimed = c.RequireNumber("claimed");
                yield return new AuditRow(id, text, $"largest {field}", c.RequireString("unit"), claimed, best.Value.Value, claimed / best.Value.Value,
                    Verdict(claimed, best.Value.Value, c, internalCheck: false),
                    Notes($"largest over the catalog's {kind} devices: {best.Device.Id} ({best.Device.Sources[best.Value.Source]})"));
                break;
            }
            case "pll":
            {
                var loop = new LoopSettings((int)c.RequireCount("order", 1), c.RequireNumber("bandwidthHertz"), c.RequireNumber("updateRateHertz"));
                double clock = c.RequireNumber("clockHertz"), threshold = c.RequireNumber("threshold"), rate = c.RequireNumber("driftRateSecondsPerSecond");
                SkewResult r = SamplingClockLoop.Run(loop, new DelayDrift(rate), clock, clock / 2, threshold, 10_000, 1);
                string verdict = r.WithinThreshold
                    ? $"consistent (largest skew {F(r.MaxCycleFraction)} of a cycle)"
                    : $"inconsistent (largest skew {F(r.MaxCycleFraction)} of a cycle)";
                yield return new AuditRow(id, text, "largest skew", "clock cycles", threshold, r.MaxCycleFraction, threshold / r.MaxCycleFraction, verdict,
                    Notes($"order-{loop.Order} loop, bandwidth {F(loop.BandwidthHertz)} Hz, {F(loop.UpdateRateHertz)} updates/s, {F(clock)} Hz clock",
                        $"delay drift {F(rate)} s/s: {c.RequireString("driftSource")}"));
                break;
            }
            case "internal-reduction":
            {
                double baseline = c.RequireNumber("baseline"), reduced = c.RequireNumber("reduced"), claimed = c.RequireNumber("claimed");
                double computed = 1 - reduced / baseline;
                yield return new AuditRow(id, text, "reduction", c.RequireString("unit"), claimed, computed, claimed / computed,
                    Verdict(claimed, computed, c, internalCheck: true),
                    Notes($"1 − {F(reduced)} / {F(baseline)} from {c.RequireString("reducedFrom")} and {c.RequireString("baselineFrom")}"));
                break;
            }
            case "price-per-tops":
            {
                double claimed = c.RequireNumber("claimed");
                var lines = new List<string>();
                double cheapest = double.PositiveInfinity;
                foreach (JsonElement b in c.Require("boards").EnumerateArray())
                {
                    var board = new JsonFields(c.File, c.Name("boards[]"), b);
                    double perTops = board.RequireNumber("priceDollars") / board.RequireNumber("tops");
                    cheapest = Math.Min(cheapest, perTops);
                    lines.Add($"{board.RequireString("name")} ({board.RequireString("claim")}): ${F(board.RequireNumber("priceDollars"))} / {F(board.RequireNumber("tops"))} TOPS = ${F(perTops)}/TOPS");
                    board.RejectUnknown();
                }
                lines.Add("computed: the cheapest board of the article's own table");
                yield return new AuditRow(id, text, "price per TOPS", c.RequireString("unit"), claimed, cheapest, claimed / cheapest,
                    Verdict(claimed, cheapest, c, internalCheck: true), Notes([.. lines]));
                break;
            }
            case "board-power":
            {
                double tops = c.RequireNumber("tops"), perWatt = c.RequireNumber("topsPerWatt"), price = c.RequireNumber("priceDollars");
                double watts = tops / perWatt;
                yield return new AuditRow(id, text, "implied board power", "W", null, watts, null,
                    RecordVerdict(records)
                    ?? "unverifiable: no datasheet or measurement is public; the stated TOPS and TOPS/W imply the power computed here",
                    Notes($"{F(tops)} TOPS / {F(perWatt)} TOPS/W = {F(watts)} W for the whole board, lasers, converters and memory included",
                        $"price ${F(price)} = ${F(price / tops)}/TOPS"));
                break;
            }
            default:
                throw c.Error(c.Name("method"), $"unknown method '{method}'");
        }
    }

    private static IEnumerable<AuditRow> TrainingRun(string id, string text, JsonFields c, DeviceCatalog devices, ModelCatalog models, List<string> notes)
    {
        TransformerConfig model = models.Get(c.RequireString("model"));
        double mfu = c.RequireNumber("mfu"), intensity = c.RequireNumber("carbonIntensityKgPerKwh");
        var inputs = new TrainingRunInputs(model.ParameterCount, model.TrainingTokens?.Value
            ?? throw c.Error(c.Name("model"), $"model '{model.Id}' has no training tokens"), c.RequireString("device"),
            (int)c.RequireCount("count", 1), mfu, CarbonIntensityKgPerKwh: intensity);
        TrainingRunEstimate e = TrainingRunEstimator.Estimate(inputs, devices);
        List<string> assumptions =
        [
            $"{model.Id}: N = {model.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} (from its configuration), D = {F(inputs.Tokens)} tokens ({model.Sources[model.TrainingTokens!.Source]})",
            .. e.Assumptions,
            $"MFU source: {c.RequireString("mfuSource")}",
            $"carbon intensity source: {c.RequireString("intensitySource")}",
            $"published record: {c.RequireString("record")}",
            .. notes,
        ];
        foreach ((string key, string quantity, string unit, double computed) in new (string, string, string, double)[]
                 {("claimedDays", "wall-clock days", "days", e.WallClockDays), ("claimedEnergyGwh", "energy", "GWh", e.EnergyMegawattHours / 1000),
                  ("claimedTonnes", "emissions", "t CO2e", e.TonnesCo2e!.Value)})
        {
            if (c.OptionalNumber(key) is { } claimed)
            {
                yield return new AuditRow(id, text, quantity, unit, claimed, computed, claimed / computed,
                    Verdict(claimed, computed, c, internalCheck: false, better: "lower"), assumptions);
            }
        }
    }

    private static string Verdict(double claimed, double computed, JsonFields c, bool internalCheck, string? better = null)
    {
        double tolerance = c.OptionalNumber("tolerance") ?? 1.5;
        better ??= c.OptionalString("better") ?? "lower";
        double ratio = claimed / computed;
        if (ratio <= tolerance && ratio >= 1 / tolerance)
        {
            return "consistent";
        }
        bool flattering = better == "lower" ? ratio < 1 : ratio > 1;
        double factor = ratio < 1 ? 1 / ratio : ratio;
        return flattering && !internalCheck
            ? $"optimistic by {F(factor)}×"
            : $"inconsistent ({F(factor)}× {(ratio < 1 ? "below" : "above")} the computed value)";
    }

    private static string F(double x) => x.ToString("G3", CultureInfo.InvariantCulture);
}
