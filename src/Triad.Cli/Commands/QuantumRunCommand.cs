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
/// </summary>
internal sealed class QuantumRunCommand
{
    /// <summary>Probabilities below this are not printed.</summary>
    public const double SmallestProbability = 1e-12;

    private const int TableRows = 32;

    private readonly CliContext _context;

    private readonly Argument<string> _file = new("file") { Description = "OpenQASM 2.0 circuit (.qasm)" };

    private readonly Option<int?> _shots = new("--shots") { Description = "also sample this many shots and print their counts" };

    private readonly Option<ulong> _seed = new("--seed") { Description = "seed of the sampling stream", DefaultValueFactory = _ => 0UL };

    private readonly Option<int> _fusion = new("--fusion")
    {
        Description = "fuse neighbouring gates into blocks of at most this many qubits (0: no fusion); results do not depend on it",
        DefaultValueFactory = _ => 2,
    };

    private readonly Option<string[]> _param = new("--param")
    {
        Description = "bind a symbolic parameter, NAME=VALUE (repeatable); allows names in the file's expressions",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<bool> _lenient = new("--lenient")
    {
        Description = "skip measurements of undeclared registers with a warning (QASMBench's vqe_uccsd files have them)",
    };

    private readonly Option<int> _threads = CommonOptions.Threads();

    private readonly Option<bool> _json = CommonOptions.Json();

    private QuantumRunCommand(CliContext context) => _context = context;

    /// <summary>The <c>quantum run</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new QuantumRunCommand(context);
        var command = new Command("run", "ideal output distribution of an OpenQASM 2.0 circuit, and sampled counts with --shots");
        command.Arguments.Add(handler._file);
        foreach (Option option in (Option[])[handler._shots, handler._seed, handler._fusion, handler._param, handler._lenient, handler._threads, handler._json])
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
        CommonOptions.ApplyThreads(p.GetValue(_threads));
        Dictionary<string, double> bindings = ParseBindings(p.GetValue(_param) ?? []);
        var warnings = new List<string>();
        QuantumCircuit circuit = QasmImporter.Load(path, new QasmImportOptions(AllowFreeParameters: bindings.Count > 0, Lenient: p.GetValue(_lenient), Warn: warnings.Add));
        foreach (string w in warnings)
        {
            _context.Stderr.WriteLine("triad: warning: " + w);
        }
        StateVector.EnsureFits(circuit.QubitCount);
        var clock = Stopwatch.StartNew();
        CompiledCircuit compiled = CompiledCircuit.Compile(circuit, bindings, fusion == 0 ? null : new FusionOptions(fusion));
        double[] probabilities = ExactDistribution.Compute(compiled);
        double seconds = clock.Elapsed.TotalSeconds;
        SortedDictionary<string, int>? counts = shots is { } n ? Sampler.Sample(compiled, n, p.GetValue(_seed)) : null;
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
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        Cells.Field(_context.Console, "circuit", $"{Path.GetFullPath(path)}: {circuit.QubitCount} qubits, {circuit.ClbitCount} classical bits, {circuit.Instructions.Count} instructions");
        Cells.Field(_context.Console, "simulated", string.Create(CultureInfo.InvariantCulture,
            $"{compiled.GateCount} gate sweeps{(fusion == 0 ? "" : $" after fusion into blocks of ≤ {fusion} qubits")} in {seconds * 1000:F1} ms"));
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
        return ExitCodes.Success;
    }

    private static Dictionary<string, double> ParseBindings(string[] values)
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
