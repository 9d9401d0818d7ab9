using System.Globalization;
using Triad.Hardware.Catalog;
using Triad.Hardware.Costs;
using Triad.Hardware.Graphs;
using Triad.Hardware.Models;

namespace Triad.Hardware.Audit;

public static partial class ClaimAuditor
{
    /// <summary>
    /// <c>compute-density</c>: operations per second per mm² of an electronic die (peak dense rate / die area, both from
    /// the catalog) and of a photonic mesh carrying K wavelengths: 2·N²·f_s·K operations per second (N² MACs per vector,
    /// f_s the mesh's vector rate from <see cref="PhotonicCostModel"/>) over the area of a rectangular mesh, N mode
    /// pitches wide and N columns of MZIs long, each MZI two phase shifters in series (couplers, pads and converters
    /// left out, so the area is a lower bound and the density an upper bound).
    /// </summary>
    private static IEnumerable<AuditRow> ComputeDensity(string id, string text, JsonFields c, DeviceCatalog devices, List<string> notes)
    {
        var gpu = devices.Get(c.RequireString("electronic")) as ElectronicProfile
            ?? throw c.Error(c.Name("electronic"), "must be a GPU or CPU");
        string precisionText = c.RequireString("precision");
        if (!PrecisionNames.TryParse(precisionText, out Precision precision))
        {
            throw c.Error(c.Name("precision"), $"unknown precision '{precisionText}'");
        }
        SourcedValue area = gpu.DieAreaSquareMillimeters
            ?? throw c.Error(c.Name("electronic"), $"device '{gpu.Id}' gives no dieAreaSquareMillimeters");
        double electronic = gpu.PeakFlopsPerSecond(precision) / 1e12 / area.Value;
        double claimedElectronic = c.RequireNumber("claimedElectronic");
        yield return new AuditRow(id, text, $"{gpu.Id} {precisionText} density", "TOPS/mm²", claimedElectronic, electronic, claimedElectronic / electronic,
            Verdict(claimedElectronic, electronic, c, internalCheck: false, better: "higher"),
            Notes(notes,
                $"{gpu.Id}: {F(gpu.PeakTflops[precision].Value)} dense {precisionText} TFLOP/s ({gpu.Sources[gpu.PeakTflops[precision].Source]}) / {F(area.Value)} mm² die ({gpu.Sources[area.Source]}) = {F(electronic)} TOPS/mm²",
                "one die in plan view: the claim's 3-D packaging would stack dies, and no catalogued product stacks compute dies"));

        var mesh = devices.Get(c.RequireString("photonic")) as PhotonicProfile
            ?? throw c.Error(c.Name("photonic"), "must be a photonic device");
        long channels = c.RequireCount("channels", 1);
        int n = mesh.MeshSize;
        SourcedValue shifter = mesh.Figure("phaseShifterLengthMicrometers")
            ?? throw c.Error(c.Name("photonic"), $"device '{mesh.Id}' gives no phaseShifterLengthMicrometers");
        SourcedValue pitch = mesh.Figure("modePitchMicrometers")
            ?? throw c.Error(c.Name("photonic"), $"device '{mesh.Id}' gives no modePitchMicrometers");
        double rate = PhotonicCostModel.MatMul(n, n, 1, mesh).SampleRate;
        // An arbitrary N×N weight is U·Σ·V† (PhotonicCostModel): two meshes of N columns and a column of attenuator MZIs.
        double widthMm = n * pitch.Value * 1e-3, lengthMm = ((2 * n) + 1) * 2 * shifter.Value * 1e-3;
        double photonic = 2.0 * n * n * rate * channels / 1e12 / (widthMm * lengthMm);
        double claimedPhotonic = c.RequireNumber("claimedPhotonic");
        yield return new AuditRow(id, text, $"{mesh.Id} density, {channels} wavelengths", "TOPS/mm²", claimedPhotonic, photonic, claimedPhotonic / photonic,
            Verdict(claimedPhotonic, photonic, c, internalCheck: false, better: "higher"),
            Notes(notes,
                $"{mesh.Id}: 2·{n}²·{F(rate / 1e9)} G vectors/s (the cost model's streaming rate) × {channels} wavelengths = {F(2.0 * n * n * rate * channels / 1e12)} TOPS",
                $"area ≥ {n} × {F(pitch.Value)} µm pitch ({mesh.Sources[pitch.Source]}) by (2·{n} + 1) columns (U, the attenuators, V†) × 2 × {F(shifter.Value)} µm phase shifters ({mesh.Sources[shifter.Source]}) = {F(widthMm)} × {F(lengthMm)} mm = {F(widthMm * lengthMm)} mm²; couplers, pads, lasers and converters left out (an upper bound on density)",
                "each wavelength is taken to run at the full vector rate with its own converters, and crosstalk is ignored (see A14 for its cost)"));
    }

    /// <summary>
    /// <c>hybrid-training-run</c>: a model's training on a photonic + electronic (+ QPU) cluster. The forward op graph
    /// of one sequence (<see cref="TransformerGraphBuilder"/>) is split by what each device can run: every matrix
    /// product a mesh can tile (<see cref="PhotonicCostModel.CanTile"/>) is priced on the photonic device, every other
    /// op by the roofline (<see cref="RooflineCostModel"/>) on the electronic one, and the QPU takes the ops it can run
    /// (quantum circuits: none in a transformer). Training is forward + backward = 3 × forward (the backward pass
    /// costs twice the forward, as in the 6·N·D rule). Time = 3·S·(T_photonic / P + T_electronic / E) for S sequences on
    /// P photonic and E electronic devices, perfectly parallel and never overlapping (optimistic); energy =
    /// 3·S·(E_photonic + E_electronic); emissions = energy × grid intensity.
    /// </summary>
    private static IEnumerable<AuditRow> HybridTrainingRun(string id, string text, JsonFields c, DeviceCatalog devices, ModelCatalog models, List<string> notes)
    {
        TransformerConfig model = models.Get(c.RequireString("model"));
        var electronic = devices.Get(c.RequireString("electronic")) as ElectronicProfile
            ?? throw c.Error(c.Name("electronic"), "must be a GPU or CPU");
        var photonic = devices.Get(c.RequireString("photonic")) as PhotonicProfile
            ?? throw c.Error(c.Name("photonic"), "must be a photonic device");
        var qpu = devices.Get(c.RequireString("qpu")) as QuantumProfile
            ?? throw c.Error(c.Name("qpu"), "must be a QPU");
        long electronicCount = c.RequireCount("electronicCount", 1), photonicCount = c.RequireCount("photonicCount", 1);
        double intensity = c.RequireNumber("carbonIntensityKgPerKwh");
        double tokens = model.TrainingTokens?.Value ?? throw c.Error(c.Name("model"), $"model '{model.Id}' has no training tokens");
        OpGraph graph = TransformerGraphBuilder.Build(model, 1, model.SequenceLength, Precision.Bf16);
        double pSeconds = 0, pJoules = 0, pFlops = 0, eSeconds = 0, eJoules = 0, eFlops = 0;
        int pOps = 0, eOps = 0, qOps = 0;
        var components = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Op op in graph.Ops)
        {
            if (qpu.CanRun(op.Kind, op.Precision))
            {
                qOps++;
            }
            if (PhotonicCostModel.CanTile(op))
            {
                PhotonicCost cost = PhotonicCostModel.Cost(op, photonic);
                pSeconds += cost.Seconds;
                pJoules += cost.Joules;
                pFlops += op.Flops;
                pOps++;
                foreach (EnergyComponent part in cost.Breakdown)
                {
                    components[part.Component] = components.GetValueOrDefault(part.Component) + part.Joules;
                }
            }
            else
            {
                OpCost cost = RooflineCostModel.Cost(op, electronic);
                eSeconds += cost.Seconds;
                eJoules += cost.Joules;
                eFlops += op.Flops;
                eOps++;
            }
        }
        if (qOps > 0)
        {
            throw c.Error(c.Name("qpu"), $"{qOps} ops of the graph are quantum circuits, which this method does not price");
        }
        double sequences = tokens / model.SequenceLength;
        const double trainingFactor = 3;
        double seconds = trainingFactor * sequences * ((pSeconds / photonicCount) + (eSeconds / electronicCount));
        double joules = trainingFactor * sequences * (pJoules + eJoules);
        double kwh = joules / 3.6e6;
        double days = seconds / 86_400, gwh = kwh / 1e6, tonnes = kwh * intensity / 1000;
        List<string> assumptions = Notes(notes,
            $"{model.Id}: forward graph of one sequence of {model.SequenceLength} tokens in bf16, {graph.Ops.Count} ops; D = {F(tokens)} tokens ({model.Sources[model.TrainingTokens!.Source]}) = {F(sequences)} sequences; training = 3 × forward",
            $"photonic: {pOps} matrix products ({F(pFlops / graph.TotalFlops * 100)} % of the FLOPs) on {photonicCount.ToString("N0", CultureInfo.InvariantCulture)} × {photonic.Id}: {F(pSeconds)} s and {F(pJoules)} J per sequence forward ({string.Join(", ", components.Select(kv => $"{kv.Key} {F(kv.Value / pJoules * 100)} %"))})",
            $"electronic: {eOps} other ops on {electronicCount.ToString("N0", CultureInfo.InvariantCulture)} × {electronic.Id} by the roofline at peak (no MFU loss, which flatters the cluster): {F(eSeconds)} s and {F(eJoules)} J per sequence forward",
            $"QPU {qpu.Id}: no op of a transformer is a quantum circuit, so it takes none (a dense layer on a QPU: see A24)",
            "devices work in parallel with no communication, idle power or overlap between the photonic and electronic parts; PUE 1",
            $"emissions: {F(kwh)} kWh × {F(intensity)} kg/kWh ({c.RequireString("intensitySource")})",
            $"the article names no composition for its cluster: {c.RequireString("clusterSource")}");
        foreach ((string key, string quantity, string unit, double computed) in new (string, string, string, double)[]
                 {("claimedDays", "hybrid wall-clock days", "days", days), ("claimedEnergyGwh", "hybrid energy", "GWh", gwh),
                  ("claimedTonnes", "hybrid emissions", "t CO2e", tonnes)})
        {
            if (c.OptionalNumber(key) is { } claimed)
            {
                yield return new AuditRow(id, text, quantity, unit, claimed, computed, claimed / computed,
                    Verdict(claimed, computed, c, internalCheck: false, better: "lower"), assumptions);
            }
        }
    }

    /// <summary>
    /// <c>qpu-dense-layer</c>: one token through one d×d dense layer of a model on a QPU of Q qubits (the catalog QPU
    /// grown to Q qubits, its gate times, readout and shot rate kept) against the GPU roofline. The layer is taken as
    /// ⌈d/Q⌉ circuits, each reading Q outputs as ⟨Z⟩ of its qubits, with the input angle-encoded in ⌈d/Q⌉ one-qubit
    /// layers and as many parameters as the layer has weights: d²/⌈d/Q⌉ per circuit in layers of one-qubit rotations
    /// (3 angles per qubit) each followed by a two-qubit layer. An output to b bits needs a standard error 2^−b, and
    /// ⟨Z⟩ from N shots has standard error √((1 − ⟨Z⟩²)/N) ≤ 1/√N, so N = 4^b shots per circuit
    /// (<see cref="QpuCostModel"/>, no mitigation, which flatters the QPU).
    /// </summary>
    private static IEnumerable<AuditRow> QpuDenseLayer(string id, string text, JsonFields c, DeviceCatalog devices, ModelCatalog models, List<string> notes)
    {
        var qpu = devices.Get(c.RequireString("qpu")) as QuantumProfile ?? throw c.Error(c.Name("qpu"), "must be a QPU");
        var gpu = devices.Get(c.RequireString("electronic")) as ElectronicProfile ?? throw c.Error(c.Name("electronic"), "must be a GPU or CPU");
        TransformerConfig model = models.Get(c.RequireString("model"));
        int qubits = (int)c.RequireCount("qubits", 1);
        int bits = (int)c.RequireCount("bits", 1);
        if (bits > 30)
        {
            throw c.Error(c.Name("bits"), $"{bits} bits: at most 30 (4^b shots)");
        }
        var grown = (QuantumProfile)DeviceScaling.Scale(qpu, [], qubits: qubits);
        long d = model.Hidden;
        long circuits = ((d - 1) / qubits) + 1;
        long encodingLayers = circuits;
        double weightsPerCircuit = (double)d * d / circuits;
        long trainableLayers = (long)Math.Ceiling(weightsPerCircuit / (3.0 * qubits));
        long shots = 1L << (2 * bits);
        QpuCost one = QpuCostModel.Cost(new QuantumCircuitSpec(qubits, (int)(encodingLayers + trainableLayers), (int)trainableLayers, shots), grown, new NoMitigation());
        double qpuSeconds = one.Seconds * circuits;
        var op = new Op("dense", OpKind.MatMul, [[1, d], [d, d]], [1, d], 2.0 * d * d, 2.0 * ((2.0 * d) + ((double)d * d)), Precision.Bf16, 0);
        OpCost gpuCost = RooflineCostModel.Cost(op, gpu);
        double ratio = qpuSeconds / gpuCost.Seconds;
        double atMost = c.RequireNumber("atMost");
        bool meets = ratio <= atMost;
        string coherence = one.CoherenceRatio is { } r
            ? $"one circuit's gates last {F(one.GateSeconds * 1e6)} µs, {F(r)} × the coherence time the profile gives"
            : $"one circuit's gates last {F(one.GateSeconds * 1e6)} µs; the profile gives no T1 or T2 to set it against";
        yield return new AuditRow(id, text, "QPU time / GPU time, one token through one dense layer", "×", null, ratio, null,
            $"{(meets ? "consistent" : "inconsistent")} (to replace the layer the QPU must be no slower than {F(atMost)}× the GPU; it takes {F(ratio)}×: {F(qpuSeconds)} s against {F(gpuCost.Seconds)} s)",
            Notes(notes,
                $"{model.Id}: a {d}×{d} layer, one token (batch 1), bf16: {gpu.Id} roofline {F(gpuCost.Seconds)} s ({gpuCost.Bound}-bound)",
                $"{grown.Id} grown to {qubits} qubits, its gate times, readout and shot rate kept ({string.Join("; ", one.Assumptions)})",
                $"{circuits} circuits of {qubits} qubits, each: {encodingLayers} encoding layers + {trainableLayers} trainable layers (3 angles per qubit, then a two-qubit layer) for {F(weightsPerCircuit)} weights",
                $"{shots.ToString("N0", CultureInfo.InvariantCulture)} shots per circuit = 4^{bits} for a standard error of 2^−{bits} ({c.RequireString("bitsSource")})",
                coherence));
    }

    private static List<string> Notes(List<string> notes, params string[] lines) => [.. lines, .. notes];
}
