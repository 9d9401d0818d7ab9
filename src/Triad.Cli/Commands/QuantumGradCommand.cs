using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Quantum.Circuits;
using Triad.Quantum.Gradients;
using Triad.Quantum.Qasm;
using Triad.Quantum.Simulation;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad quantum grad FILE.qasm --param NAME=VALUE … --observable Z0 …</c>: expectation values ⟨O⟩ of Pauli
/// observables at the end of a parameterised OpenQASM 2.0 circuit and their gradients ∂⟨O⟩/∂θ with respect to every
/// bound parameter, by adjoint differentiation (exact) or the parameter-shift rule (exact, or from <c>--shots</c>
/// per Pauli term and circuit, seeded by <c>--seed</c>); see <see cref="DifferentiableCircuit"/>.
/// </summary>
internal sealed class QuantumGradCommand
{
    private readonly CliContext _context;

    private readonly Argument<string> _file = new("file") { Description = "OpenQASM 2.0 circuit (.qasm) whose expressions name the parameters" };

    private readonly Option<string[]> _param = new("--param")
    {
        Description = "bind a parameter, NAME=VALUE (repeatable); every bound parameter is differentiated",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]> _observable = new("--observable")
    {
        Description = "Pauli observable such as Z0, X0*X1 or '0.5*Z0*Z1 - Y2' (repeatable; default Z on every qubit)",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string> _method = new("--method")
    {
        Description = "adjoint (one forward and one backward sweep) or shift (parameter-shift rule)",
        DefaultValueFactory = _ => "adjoint",
    };

    private readonly Option<int> _shots = new("--shots") { Description = "shots per Pauli term and circuit (shift only; 0: exact)", DefaultValueFactory = _ => 0 };

    private readonly Option<ulong> _seed = new("--seed") { Description = "seed of the shot noise", DefaultValueFactory = _ => 1UL };

    private readonly Option<int> _threads = CommonOptions.Threads();

    private readonly Option<bool> _json = CommonOptions.Json();

    private QuantumGradCommand(CliContext context) => _context = context;

    /// <summary>The <c>quantum grad</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new QuantumGradCommand(context);
        var command = new Command("grad", "expectation values of Pauli observables and their gradients with respect to the circuit's parameters");
        command.Arguments.Add(handler._file);
        foreach (Option option in (Option[])[handler._param, handler._observable, handler._method, handler._shots, handler._seed, handler._threads, handler._json])
        {
            command.Options.Add(option);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        string path = p.GetValue(_file)!;
        string methodText = p.GetValue(_method)!;
        GradientMethod method = methodText switch
        {
            "adjoint" => GradientMethod.Adjoint,
            "shift" => GradientMethod.ParameterShift,
            _ => throw new UsageException($"--method {methodText}: expected adjoint or shift"),
        };
        int shots = p.GetValue(_shots);
        CommonOptions.Require(shots >= 0, "--shots", shots, "must be 0 (exact) or positive");
        if (shots > 0 && method == GradientMethod.Adjoint)
        {
            throw new UsageException($"--shots {shots}: adjoint differentiation is exact; use --method shift for gradients from shots");
        }
        CommonOptions.ApplyThreads(p.GetValue(_threads));
        Dictionary<string, double> bindings = QuantumRunCommand.ParseBindings(p.GetValue(_param) ?? []);
        QuantumCircuit circuit = QasmImporter.Load(path, new QasmImportOptions(AllowFreeParameters: true));
        StateVector.EnsureFits(circuit.QubitCount);
        IReadOnlyList<string> free = circuit.FreeParameters();
        foreach (string name in bindings.Keys)
        {
            if (!free.Contains(name))
            {
                throw new UsageException($"--param {name}: {Path.GetFileName(path)} has no parameter '{name}' (its parameters: {(free.Count == 0 ? "none" : string.Join(", ", free))})");
            }
        }
        string[] texts = p.GetValue(_observable) is { Length: > 0 } given ? given : [.. Enumerable.Range(0, circuit.QubitCount).Select(q => $"Z{q}")];
        var observables = new PauliObservable[texts.Length];
        for (int i = 0; i < texts.Length; i++)
        {
            try
            {
                observables[i] = PauliObservable.Parse(texts[i]);
                observables[i].CheckQubits(circuit.QubitCount);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new UsageException($"--observable {texts[i]}: {e.Message}");
            }
        }
        DifferentiableCircuit dc;
        try
        {
            dc = new DifferentiableCircuit(circuit, [.. free.Where(bindings.ContainsKey)]);
        }
        catch (ArgumentException e) when (e is not UnboundParameterException)
        {
            throw new UsageException($"{Path.GetFileName(path)}: {e.Message}");
        }
        var clock = Stopwatch.StartNew();
        GradientResult r = dc.Gradients([bindings], observables, new GradientOptions(method, shots, p.GetValue(_seed)));
        double seconds = clock.Elapsed.TotalSeconds;
        string methodName = method == GradientMethod.Adjoint ? "adjoint" : "shift";
        if (p.GetValue(_json))
        {
            var parameters = new JsonObject();
            foreach (string name in dc.Parameters)
            {
                parameters[name] = bindings[name];
            }
            var list = new JsonArray();
            for (int j = 0; j < observables.Length; j++)
            {
                var gradient = new JsonObject();
                for (int k = 0; k < dc.Parameters.Count; k++)
                {
                    gradient[dc.Parameters[k]] = r.Jacobian[0, j, k];
                }
                list.Add(new JsonObject { ["observable"] = texts[j], ["value"] = r.Values[0, j], ["gradient"] = gradient });
            }
            var root = new JsonObject
            {
                ["qubits"] = circuit.QubitCount,
                ["method"] = methodName,
                ["shots"] = shots,
                ["parameters"] = parameters,
                ["observables"] = list,
            };
            if (shots > 0)
            {
                root["seed"] = p.GetValue(_seed);
            }
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        Cells.Field(_context.Console, "circuit", $"{Path.GetFullPath(path)}: {circuit.QubitCount} qubits, {dc.Parameters.Count} parameters");
        Cells.Field(_context.Console, "method", string.Create(CultureInfo.InvariantCulture,
            $"{(method == GradientMethod.Adjoint ? "adjoint differentiation" : "parameter shift")}{(shots > 0 ? $", {shots} shots per term" : ", exact")} in {seconds * 1000:F1} ms"));
        var table = Cells.NewTable(["observable", "value", .. dc.Parameters.Select(n => $"∂/∂{n}")]).RightAlign([.. Enumerable.Range(1, dc.Parameters.Count + 1)]);
        for (int j = 0; j < observables.Length; j++)
        {
            var cells = new List<Spectre.Console.Rendering.IRenderable> { Cells.Text(texts[j]), Cells.Number(r.Values[0, j].ToString("0.000000000", CultureInfo.InvariantCulture)) };
            for (int k = 0; k < dc.Parameters.Count; k++)
            {
                cells.Add(Cells.Number(r.Jacobian[0, j, k].ToString("0.000000000", CultureInfo.InvariantCulture)));
            }
            table.AddRow(cells);
        }
        _context.Console.Write(table);
        return ExitCodes.Success;
    }
}
