using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Rendering;
using Triad.Quantum.Circuits;
using Triad.Quantum.Mitigation;
using Triad.Quantum.Noise;
using Triad.Quantum.Simulation;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad quantum run --noise MODEL.json --mitigate readout|zne|pec</c>: ⟨Z_k⟩ of every qubit ideal, as read out
/// under the model, and mitigated, with the error reduction |unmitigated − ideal| / |mitigated − ideal| and the
/// shot overhead of the method (see <see cref="ReadoutMitigator"/>, <see cref="ZeroNoiseExtrapolation"/>,
/// <see cref="ProbabilisticErrorCancellation"/>). Expectations are exact (density matrix), or from <c>--shots</c>
/// per circuit run when given.
/// </summary>
internal sealed class QuantumMitigationReport
{
    /// <summary>--mitigate.</summary>
    public Option<string?> Mitigate { get; } = new("--mitigate") { Description = "with --noise: mitigate ⟨Z⟩ of each qubit by readout (confusion-matrix inversion), zne (zero-noise extrapolation) or pec (probabilistic error cancellation)" };

    /// <summary>--zne-scales.</summary>
    public Option<string> Scales { get; } = new("--zne-scales") { Description = "noise scale factors for zne, comma-separated", DefaultValueFactory = _ => "1,2,3" };

    /// <summary>--zne-fit.</summary>
    public Option<string> Fit { get; } = new("--zne-fit") { Description = "zne extrapolation: linear, richardson or exponential", DefaultValueFactory = _ => "richardson" };

    /// <summary>--zne-folding.</summary>
    public Option<string> Folding { get; } = new("--zne-folding") { Description = "zne folding: global or gates", DefaultValueFactory = _ => "global" };

    /// <summary>--pec-samples.</summary>
    public Option<int> Samples { get; } = new("--pec-samples") { Description = "circuits sampled by pec", DefaultValueFactory = _ => 2000 };

    /// <summary>The options, to add to the command.</summary>
    public IEnumerable<Option> Options => [Mitigate, Scales, Fit, Folding, Samples];

    /// <summary>Checks the options before any work (one-line errors).</summary>
    public string? Validate(ParseResult p, NoiseModel? noise, int qubits)
    {
        string? method = p.GetValue(Mitigate);
        if (method is null)
        {
            return null;
        }
        if (method is not ("readout" or "zne" or "pec"))
        {
            throw new UsageException($"--mitigate {method}: expected readout, zne or pec");
        }
        if (noise is null)
        {
            throw new UsageException($"--mitigate {method}: needs --noise MODEL.json (there is nothing to mitigate without noise)");
        }
        if (qubits > QuantumRunCommand.DensityMatrixQubits)
        {
            throw new UsageException($"--mitigate {method}: runs up to {QuantumRunCommand.DensityMatrixQubits} qubits (density matrix); the circuit has {qubits}");
        }
        _ = ParseFit(p.GetValue(Fit)!);
        _ = ParseFolding(p.GetValue(Folding)!);
        _ = ParseScales(p.GetValue(Scales)!);
        int samples = p.GetValue(Samples);
        CommonOptions.Require(samples >= 2, "--pec-samples", samples, "must be at least 2");
        return method;
    }

    /// <summary>
    /// Runs the method on every qubit's ⟨Z⟩ before anything is printed (so a failure is the only output); returns the
    /// "mitigation" JSON object and the writer of the table.
    /// </summary>
    public (JsonObject Json, Action<IAnsiConsole> Write) Run(ParseResult p, string method, QuantumCircuit circuit, NoiseModel noise, int? shots, ulong seed)
    {
        DistributionExecutor executor = shots is { } n ? Executors.Sampled(noise, n, seed) : Executors.Exact(noise);
        double[] ideal = ExactDistribution.Compute(CompiledCircuit.Compile(circuit));
        double[] raw = executor(circuit);
        ReadoutMitigator? readout = method == "readout" ? ReadoutMitigator.Calibrate(circuit.QubitCount, executor) : null;
        double[]? corrected = readout?.Correct(raw);
        var rows = new JsonArray();
        var table = Cells.NewTable("observable", "ideal", "unmitigated", "mitigated", "error reduction", "shot overhead").RightAlign(1, 2, 3, 4, 5);
        double sumRaw = 0, sumMitigated = 0;
        for (int q = 0; q < circuit.QubitCount; q++)
        {
            long mask = 1L << q;
            double exact = Executors.ZExpectation(ideal, mask), noisy = Executors.ZExpectation(raw, mask);
            (double value, double overhead) = method switch
            {
                "readout" => (Executors.ZExpectation(corrected!, mask), readout!.ShotOverhead(mask)),
                "zne" => Zne(p, circuit, executor, mask),
                _ => Pec(circuit, noise, executor, mask, p.GetValue(Samples), seed + (ulong)q),
            };
            double reduction = Math.Abs(noisy - exact) / Math.Abs(value - exact);
            sumRaw += Math.Abs(noisy - exact);
            sumMitigated += Math.Abs(value - exact);
            rows.Add(new JsonObject
            {
                ["observable"] = $"Z{q}",
                ["ideal"] = exact,
                ["unmitigated"] = noisy,
                ["mitigated"] = value,
                ["error_reduction"] = double.IsFinite(reduction) ? reduction : null,
                ["shot_overhead"] = overhead,
            });
            table.AddRow(Cells.Text($"Z{q}"), Num(exact), Num(noisy), Num(value), Cells.Number(Format(reduction, "0.00") + "×"), Cells.Number(Format(overhead, "0.00")));
        }
        double meanReduction = sumRaw / sumMitigated;
        var json = new JsonObject
        {
            ["method"] = method,
            ["shots"] = shots,
            ["mean_error_unmitigated"] = sumRaw / circuit.QubitCount,
            ["mean_error_mitigated"] = sumMitigated / circuit.QubitCount,
            ["observables"] = rows,
        };
        string summary = string.Create(CultureInfo.InvariantCulture,
            $"{method}: mean |⟨Z⟩ − ideal| {sumRaw / circuit.QubitCount:F5} → {sumMitigated / circuit.QubitCount:F5} ({meanReduction:F2}× smaller){(shots is null ? ", exact expectations" : $", {shots} shots per circuit")}");
        return (json, console =>
        {
            console.Write(table);
            Cells.Field(console, "mitigation", summary);
        });
    }

    private (double, double) Zne(ParseResult p, QuantumCircuit circuit, DistributionExecutor executor, long mask)
    {
        ZneResult r = ZeroNoiseExtrapolation.Run(circuit, executor, mask, ParseScales(p.GetValue(Scales)!), ParseFit(p.GetValue(Fit)!), ParseFolding(p.GetValue(Folding)!));
        return (r.Value, r.ShotOverhead);
    }

    private static (double, double) Pec(QuantumCircuit circuit, NoiseModel noise, DistributionExecutor executor, long mask, int samples, ulong seed)
    {
        PecResult r = ProbabilisticErrorCancellation.Run(circuit, noise, executor, mask, samples, seed);
        return (r.Value, r.ShotOverhead);
    }

    private static Spectre.Console.Rendering.IRenderable Num(double v) => Cells.Number(v.ToString("0.000000", CultureInfo.InvariantCulture));

    private static string Format(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "∞";

    private static ExtrapolationFit ParseFit(string text) => text switch
    {
        "linear" => ExtrapolationFit.Linear,
        "richardson" => ExtrapolationFit.Richardson,
        "exponential" => ExtrapolationFit.Exponential,
        _ => throw new UsageException($"--zne-fit {text}: expected linear, richardson or exponential"),
    };

    private static FoldingMethod ParseFolding(string text) => text switch
    {
        "global" => FoldingMethod.Global,
        "gates" => FoldingMethod.Gates,
        _ => throw new UsageException($"--zne-folding {text}: expected global or gates"),
    };

    private static double[] ParseScales(string text)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var scales = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out scales[i]) || !(scales[i] >= 1) || double.IsInfinity(scales[i]))
            {
                throw new UsageException($"--zne-scales {text}: each scale factor is a number of at least 1");
            }
        }
        if (scales.Length < 2 || scales.Distinct().Count() != scales.Length)
        {
            throw new UsageException($"--zne-scales {text}: needs at least two distinct scale factors");
        }
        return scales;
    }
}
