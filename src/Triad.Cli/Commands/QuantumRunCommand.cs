using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Quantum.Circuits;
using Triad.Quantum.Fusion;
using Triad.Quantum.Qasm;
using Triad.Quantum.Simulation;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad quantum run FILE.qasm</c>: the ideal distribution of the qubits at the end of an OpenQASM 2.0 circuit,
/// P(i) = |⟨i|ψ⟩|² (mixed over the outcomes of mid-circuit measurements and resets, exactly), as bit strings with
/// qubit 0 the rightmost character; outcomes below 1e-12 are left out, and final measurements do not change it.
/// With <c>--shots N</c> also the counts of N shots drawn from the seeded stream <c>--seed</c> (keyed by the
/// classical bits, bit 0 rightmost; by the qubits when the circuit measures nothing).
/// With <c>--mitigate readout|zne|pec</c> (and <c>--noise</c>) also ⟨Z_k⟩ of every qubit ideal, noisy and mitigated
/// (<see cref="QuantumMitigationReport"/>).
/// <c>--precision complex64</c> holds the ideal state in complex64 (8 bytes per amplitude, about 7 digits) instead
/// of complex128; noisy runs stay complex128.
/// With <c>--noise MODEL.json</c> the distribution is the noisy one as read out (readout error on every qubit):
/// exact by density matrix up to <see cref="DensityMatrixQubits"/> qubits, otherwise the mean of
/// <c>--trajectories</c> Monte-Carlo trajectories; with <c>--shots</c> the counts are then drawn from it.
/// </summary>
internal sealed class QuantumRunCommand
{
    /// <summary>Probabilities below this are not printed.</summary>
    public const double SmallestProbability = 1e-12;

    /// <summary>Largest circuit simulated exactly by density matrix under noise (4^12 entries, 256 MiB).</summary>
    public const int DensityMatrixQubits = 12;

    private const int TableRows = 32;

    private readonly CliContext _context;

    private readonly Argument<string> _file = new("file") { Description = "OpenQASM 2.0 circuit (.qasm)" };

    private readonly Option<int?> _shots = new("--shots") { Description = "also sample this many shots and print their counts" };

    private readonly Option<ulong> _seed = new("--seed") { Description = "seed of the sampling stream", DefaultValueFactory = _ => 0UL };

    private readonly Option<int> _fusion = new("--fusion")
    {
        Description = "fuse neighbouring gates into blocks of at most this many qubits (0: no fusion); results do not depend on it",
        DefaultValueFactory = _ => 3,
    };

    private readonly Option<string[]> _param = new("--param")
    {
        Description = "bind a symbolic parameter, NAME=VALUE (repeatable); allows names in the file's expressions",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> _noise = new("--noise")
    {
        Description = $"noise model (JSON: gates → channels, readout); exact by density matrix up to {DensityMatrixQubits} qubits, else trajectories",
    };

    private readonly Option<int> _trajectories = new("--trajectories")
    {
        Description = $"Monte-Carlo trajectories for noisy circuits above {DensityMatrixQubits} qubits",
        DefaultValueFactory = _ => 1000,
    };

    private readonly Option<bool> _lenient = new("--lenient")
    {
        Description = "skip measurements of undeclared registers with a warning (QASMBench's vqe_uccsd files have them)",
    };

    private readonly QuantumMitigationReport _mitigation = new();

    private readonly Option<string?> _telegraph = new("--telegraph")
    {
        Description = "random telegraph noise on every qubit, DELTA,RATE,GATE_TIME,INTERVAL: frequency offset ±DELTA rad/s switching at RATE 1/s, gate time and time between runs in s; runs --trajectories successive runs",
    };

    private readonly Option<string> _precision = new("--precision")
    {
        Description = "amplitudes of the ideal state vector: complex128 (16 bytes each) or complex64 (8 bytes, about 7 digits); noisy runs are complex128",
        DefaultValueFactory = _ => "complex128",
    };

    private readonly Option<int> _threads = CommonOptions.Threads();

    private readonly Option<bool> _json = CommonOptions.Json();

    private QuantumRunCommand(CliContext context)
    {
        _context = context;
        _precision.AcceptOnlyFromAmong("complex128", "complex64");
    }

    /// <summary>The <c>quantum run</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new QuantumRunCommand(context);
        var command = new Command("run", "ideal output distribution of an OpenQASM 2.0 circuit, and sampled counts with --shots");
        command.Arguments.Add(handler._file);
        foreach (Option option in (Option[])[handler._shots, handler._seed, handler._fusion, handler._param, handler._noise, handler._trajectories, handler._lenient, handler._telegraph, handler._precision, handler._threads, handler._json])
        {
            command.Options.Add(option);
        }
        foreach (Option option in handler._mitigation.Options)
        {
            command.Options.Add(option);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        string path = p.GetValue(_file)!;
        int? shots = p.GetValue(_shots);
        int fusion = p.GetValue(_fusion);
        bool json = p.GetValue(_json);
        if (shots is { } s)
        {
            CommonOptions.Require(s >= 1, "--shots", s, "must be at least 1");
        }
        CommonOptions.Require(fusion is >= 0 and <= 6, "--fusion", fusion, "must be 0 (off) or a block size of 1 to 6 qubits");
        int trajectories = p.GetValue(_trajectories);
        CommonOptions.Require(trajectories >= 2, "--trajectories", trajectories, "must be at least 2");
        CommonOptions.ApplyThreads(p.GetValue(_threads));
        string? noisePath = p.GetValue(_noise);
        Triad.Quantum.Noise.NoiseModel? noise = noisePath is null ? null : Triad.Quantum.Noise.NoiseModel.Load(noisePath);
        Dictionary<string, double> bindings = ParseBindings(p.GetValue(_param) ?? []);
        var warnings = new List<string>();
        QuantumCircuit circuit = QasmImporter.Load(path, new QasmImportOptions(AllowFreeParameters: bindings.Count > 0, Lenient: p.GetValue(_lenient), Warn: warnings.Add));
        foreach (string w in warnings)
        {
            _context.Stderr.WriteLine("triad: warning: " + w);
        }
        Precision precision = p.GetValue(_precision) == "complex64" ? Precision.Complex64 : Precision.Complex128;
        if (precision == Precision.Complex64 && (noise is not null || p.GetValue(_telegraph) is not null))
        {
            throw new UsageException("--precision complex64: noisy runs (--noise, --telegraph) use the density matrix or trajectories, which are complex128 only");
        }
        StateVector.EnsureFits(circuit.QubitCount, 1, precision);
        string? mitigate = _mitigation.Validate(p, noise, circuit.QubitCount);
        Triad.Quantum.Noise.RandomTelegraphNoise? telegraph = ParseTelegraph(p.GetValue(_telegraph), circuit.QubitCount, p.GetValue(_seed));
        if (telegraph is not null && mitigate is not null)
        {
            throw new UsageException("--telegraph and --mitigate: mitigation runs on the density matrix, which has no telegraph noise; use one or the other");
        }
        var clock = Stopwatch.StartNew();
        CompiledCircuit compiled = CompiledCircuit.Compile(circuit, bindings, fusion == 0 || noise is not null || telegraph is not null ? null : new FusionOptions(fusion));
        string method = telegraph is not null ? $"{trajectories} successive trajectories with telegraph noise"
            : noise is null ? "state vector" : circuit.QubitCount <= DensityMatrixQubits ? "density matrix" : $"{trajectories} trajectories";
        double[] probabilities = telegraph is not null ? TrajectorySimulator.Distribution(circuit, noise, trajectories, p.GetValue(_seed), bindings, telegraph).Probabilities
            : noise is null ? ExactDistribution.Compute(compiled, precision)
            : circuit.QubitCount <= DensityMatrixQubits ? DensityMatrixSimulator.Distribution(circuit, noise, bindings)
            : TrajectorySimulator.Distribution(circuit, noise, trajectories, p.GetValue(_seed), bindings).Probabilities;
        double seconds = clock.Elapsed.TotalSeconds;
        SortedDictionary<string, int>? counts = shots is not { } n ? null
            : noise is null && telegraph is null ? Sampler.Sample(compiled, n, p.GetValue(_seed), precision)
            : SampleDistribution(probabilities, circuit.QubitCount, n, p.GetValue(_seed));
        (JsonObject Json, Action<IAnsiConsole> Write)? mitigation = mitigate is null ? null
            : _mitigation.Run(p, mitigate, circuit, noise!, shots, p.GetValue(_seed));
        var kept = new List<(string Bits, double P)>();
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] >= SmallestProbability)
            {
                kept.Add((Sampler.BitString(i, circuit.QubitCount), probabilities[i]));
            }
        }
        if (json)
        {
            var probs = new JsonObject();
            foreach ((string bits, double prob) in kept)
            {
                probs[bits] = prob;
            }
            var root = new JsonObject { ["qubits"] = circuit.QubitCount, ["probabilities"] = probs };
            if (precision == Precision.Complex64)
            {
                root["precision"] = "complex64";
            }
            if (noise is not null)
            {
                root["noise"] = Path.GetFullPath(noisePath!);
            }
            if (noise is not null || telegraph is not null)
            {
                root["method"] = method;
            }
            if (counts is not null)
            {
                root["shots"] = shots;
                root["seed"] = p.GetValue(_seed);
                var c = new JsonObject();
                foreach ((string key, int count) in counts)
                {
                    c[key] = count;
                }
                root["counts"] = c;
            }
            if (mitigation is { } mj)
            {
                root["mitigation"] = mj.Json;
            }
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        Cells.Field(_context.Console, "circuit", $"{Path.GetFullPath(path)}: {circuit.QubitCount} qubits, {circuit.ClbitCount} classical bits, {circuit.Instructions.Count} instructions");
        Cells.Field(_context.Console, "simulated", string.Create(CultureInfo.InvariantCulture,
            $"{method}{(precision == Precision.Complex64 ? " (complex64)" : "")}{(noise is null ? "" : $" with noise model {noisePath}")}: {compiled.GateCount} gate steps" +
            $"{(fusion == 0 || noise is not null || telegraph is not null ? "" : $" after fusion into blocks of ≤ {fusion} qubits")} in {seconds * 1000:F1} ms"));
        var table = Cells.NewTable("outcome (qubit 0 rightmost)", "probability").RightAlign(1);
        foreach ((string bits, double prob) in kept.OrderByDescending(k => k.P).ThenBy(k => k.Bits, StringComparer.Ordinal).Take(TableRows))
        {
            table.AddRow(Cells.Text(bits), Cells.Number(prob.ToString("0.############", CultureInfo.InvariantCulture)));
        }
        _context.Console.Write(table);
        if (kept.Count > TableRows)
        {
            Cells.Field(_context.Console, "not shown", $"{kept.Count - TableRows} less likely outcomes (use --json for all)");
        }
        if (counts is not null)
        {
            var countTable = Cells.NewTable("outcome (bit 0 rightmost)", "count", "fraction").RightAlign(1, 2);
            foreach ((string key, int count) in counts.OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal).Take(TableRows))
            {
                countTable.AddRow(Cells.Text(key), Cells.Number(count.ToString(CultureInfo.InvariantCulture)),
                    Cells.Number(((double)count / shots!.Value).ToString("0.0000", CultureInfo.InvariantCulture)));
            }
            _context.Console.Write(countTable);
        }
        mitigation?.Write(_context.Console);
        return ExitCodes.Success;
    }

    // Shots from a distribution over the qubits (inverse transform on the seeded stream), keyed by qubit bit strings.
    private static SortedDictionary<string, int> SampleDistribution(double[] probabilities, int qubits, int shots, ulong seed)
    {
        var cumulative = new double[probabilities.Length];
        double total = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            total += Math.Max(0, probabilities[i]);
            cumulative[i] = total;
        }
        var random = new Triad.Numerics.Random.SeededRandom(seed);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (int s = 0; s < shots; s++)
        {
            int index = Array.BinarySearch(cumulative, random.NextDouble() * total);
            index = Math.Min(index < 0 ? ~index : index, probabilities.Length - 1);
            string key = Sampler.BitString(index, qubits);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    // DELTA,RATE,GATE_TIME,INTERVAL in rad/s, 1/s, s, s (see RandomTelegraphNoise).
    private static Triad.Quantum.Noise.RandomTelegraphNoise? ParseTelegraph(string? text, int qubits, ulong seed)
    {
        if (text is null)
        {
            return null;
        }
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var v = new double[4];
        if (parts.Length != 4 || parts.Select((s, i) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) && double.IsFinite(v[i]) && v[i] >= 0).Any(ok => !ok))
        {
            throw new UsageException($"--telegraph {text}: expected DELTA,RATE,GATE_TIME,INTERVAL, four finite non-negative numbers (rad/s, 1/s, s, s), e.g. 2e6,1e3,5e-8,1e-4");
        }
        return new Triad.Quantum.Noise.RandomTelegraphNoise(qubits, v[0], v[1], v[2], v[3], new Triad.Numerics.Random.SeededRandom(seed).Fork(0x7E1E));
    }

    internal static Dictionary<string, double> ParseBindings(string[] values)
    {
        var bindings = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string v in values)
        {
            int eq = v.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(v.AsSpan(eq + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new UsageException($"--param {v}: expected NAME=VALUE with a finite number, e.g. theta=0.5");
            }
            bindings[v[..eq]] = value;
        }
        return bindings;
    }
}
