using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Quantum.Optimization;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad quantum qaoa</c>: a max-cut (<c>--maxcut 0-1,1-2:2.5,…</c> or <c>--random-graph N</c>) or QUBO
/// (<c>--qubo FILE.json</c>, <c>{"q": [[…], …], "offset": c}</c>) instance solved by QAOA (<see cref="Qaoa"/>), exact
/// search and simulated annealing on the same instance; costs are minimised (minus the cut for max-cut).
/// </summary>
internal sealed class QuantumQaoaCommand
{
    private readonly CliContext _context;
    private readonly Option<string?> _maxcut = new("--maxcut") { Description = "max-cut edges I-J or I-J:WEIGHT, comma-separated (vertices 0…)" };
    private readonly Option<int?> _randomGraph = new("--random-graph") { Description = "max-cut of a seeded G(N, p) random graph on N vertices" };
    private readonly Option<double> _edgeProbability = new("--edge-probability") { Description = "p of --random-graph", DefaultValueFactory = _ => 0.5 };
    private readonly Option<string?> _qubo = new("--qubo") { Description = "QUBO file: {\"q\": [[...], ...], \"offset\": c}, minimise xᵀQx + c" };
    private readonly Option<int> _layers = new("--layers") { Description = "QAOA layers p", DefaultValueFactory = _ => 2 };
    private readonly Option<int> _steps = new("--steps") { Description = "Adam steps per start (adjoint gradients)", DefaultValueFactory = _ => 200 };
    private readonly Option<int> _restarts = new("--restarts") { Description = "optimiser starts (linear ramp, then random)", DefaultValueFactory = _ => 3 };
    private readonly Option<int> _shots = new("--shots") { Description = "shots drawn from the optimised state", DefaultValueFactory = _ => 1000 };
    private readonly Option<int> _sweeps = new("--sa-sweeps") { Description = "simulated-annealing sweeps per restart", DefaultValueFactory = _ => 1000 };
    private readonly Option<ulong> _seed = new("--seed") { Description = "seed of the graph, the starts, the shots and the annealer", DefaultValueFactory = _ => 1UL };
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<bool> _json = CommonOptions.Json();

    private QuantumQaoaCommand(CliContext context) => _context = context;

    /// <summary>The <c>quantum qaoa</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new QuantumQaoaCommand(context);
        var command = new Command("qaoa", "solve a max-cut or QUBO instance by QAOA, exact search and simulated annealing");
        foreach (Option option in (Option[])[handler._maxcut, handler._randomGraph, handler._edgeProbability, handler._qubo, handler._layers, handler._steps,
            handler._restarts, handler._shots, handler._sweeps, handler._seed, handler._threads, handler._json])
        {
            command.Options.Add(option);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    private int Execute(ParseResult p)
    {
        string? maxcut = p.GetValue(_maxcut), quboPath = p.GetValue(_qubo);
        int? random = p.GetValue(_randomGraph);
        int given = (maxcut is null ? 0 : 1) + (quboPath is null ? 0 : 1) + (random is null ? 0 : 1);
        if (given != 1)
        {
            throw new UsageException("give exactly one instance: --maxcut EDGES, --random-graph N or --qubo FILE.json");
        }
        int layers = p.GetValue(_layers), steps = p.GetValue(_steps), restarts = p.GetValue(_restarts), shots = p.GetValue(_shots), sweeps = p.GetValue(_sweeps);
        CommonOptions.Require(layers is >= 1 and <= 50, "--layers", layers, "must be 1 to 50");
        CommonOptions.Require(steps >= 0, "--steps", steps, "must be 0 or more");
        CommonOptions.Require(restarts >= 1, "--restarts", restarts, "must be at least 1");
        CommonOptions.Require(shots >= 1, "--shots", shots, "must be at least 1");
        CommonOptions.Require(sweeps >= 1, "--sa-sweeps", sweeps, "must be at least 1");
        double edgeP = p.GetValue(_edgeProbability);
        CommonOptions.Require(edgeP is >= 0 and <= 1, "--edge-probability", edgeP, "must be in [0, 1]");
        CommonOptions.ApplyThreads(p.GetValue(_threads));
        ulong seed = p.GetValue(_seed);
        string kind;
        QuboProblem problem;
        if (maxcut is not null)
        {
            (int n, List<(int, int, double)> edges) = ParseEdges(maxcut);
            problem = QuboProblem.MaxCut(n, edges);
            kind = "max-cut";
        }
        else if (random is { } n)
        {
            CommonOptions.Require(n is >= 2 and <= 20, "--random-graph", n, "must be 2 to 20 vertices");
            problem = QuboProblem.MaxCut(n, QuboProblem.RandomGraph(n, edgeP, seed));
            kind = "max-cut";
        }
        else
        {
            problem = LoadQubo(quboPath!);
            kind = "qubo";
        }
        if (problem.Size > 20)
        {
            throw new UsageException($"the instance has {problem.Size} variables; QAOA by state vector and exact search run up to 20 here");
        }
        var clock = Stopwatch.StartNew();
        (QuboSolution exact, int degeneracy) = ClassicalSolvers.ExactSearch(problem);
        double exactMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        QuboSolution sa = ClassicalSolvers.SimulatedAnnealing(problem, sweeps, 4, seed);
        double saMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        QaoaResult q = Qaoa.Solve(problem, new QaoaOptions(layers, steps, 0.05, restarts, shots, seed));
        double qaoaMs = clock.Elapsed.TotalMilliseconds;
        double mean = 0;
        for (long x = 0; x < 1L << problem.Size; x++)
        {
            mean += problem.Cost(x);
        }
        mean /= 1L << problem.Size;
        double ratio = mean == exact.Cost ? 1 : (mean - q.ExpectedCost) / (mean - exact.Cost);
        double pOpt = q.ProbabilityOfCost(problem, exact.Cost);
        if (p.GetValue(_json))
        {
            JsonObject Solution(QuboSolution s) => new() { ["bits"] = problem.Bits(s.Bits), ["cost"] = s.Cost };
            var root = new JsonObject
            {
                ["problem"] = kind,
                ["variables"] = problem.Size,
                ["exact"] = new JsonObject { ["bits"] = problem.Bits(exact.Bits), ["cost"] = exact.Cost, ["optimal_assignments"] = degeneracy, ["milliseconds"] = exactMs },
                ["simulated_annealing"] = new JsonObject { ["bits"] = problem.Bits(sa.Bits), ["cost"] = sa.Cost, ["sweeps"] = sweeps, ["milliseconds"] = saMs },
                ["qaoa"] = new JsonObject
                {
                    ["layers"] = layers,
                    ["gammas"] = new JsonArray([.. q.Gammas.Select(v => (JsonNode?)v)]),
                    ["betas"] = new JsonArray([.. q.Betas.Select(v => (JsonNode?)v)]),
                    ["expected_cost"] = q.ExpectedCost,
                    ["uniform_mean_cost"] = mean,
                    ["approximation_ratio"] = ratio,
                    ["cut_ratio"] = kind == "max-cut" && exact.Cost != 0 ? q.ExpectedCost / exact.Cost : null,
                    ["optimal_probability"] = pOpt,
                    ["most_likely"] = Solution(q.MostLikely),
                    ["best_sampled"] = Solution(q.BestSampled),
                    ["shots"] = shots,
                    ["gradient_evaluations"] = q.GradientEvaluations,
                    ["milliseconds"] = qaoaMs,
                },
            };
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
        Cells.Field(_context.Console, "instance", $"{kind} on {problem.Size} variables (cost minimised{(kind == "max-cut" ? "; cost = −cut" : "")}), uniform-random mean cost {F(mean)}");
        var table = Cells.NewTable("solver", "assignment (variable 0 rightmost)", "cost", "notes", "ms").RightAlign(2, 4);
        table.AddRow(Cells.Text("exact search"), Cells.Text(problem.Bits(exact.Bits)), Cells.Number(F(exact.Cost)), Cells.Text($"{degeneracy} optimal assignment(s)"), Cells.Number(exactMs.ToString("0.0", CultureInfo.InvariantCulture)));
        table.AddRow(Cells.Text("simulated annealing"), Cells.Text(problem.Bits(sa.Bits)), Cells.Number(F(sa.Cost)), Cells.Text($"{sweeps} sweeps × 4 restarts"), Cells.Number(saMs.ToString("0.0", CultureInfo.InvariantCulture)));
        table.AddRow(Cells.Text($"QAOA p={layers}, best of {shots} shots"), Cells.Text(problem.Bits(q.BestSampled.Bits)), Cells.Number(F(q.BestSampled.Cost)),
            Cells.Text(string.Create(CultureInfo.InvariantCulture, $"⟨C⟩ {q.ExpectedCost:0.####}, ratio {ratio:0.###}{(kind == "max-cut" && exact.Cost != 0 ? $", ⟨cut⟩/max cut {q.ExpectedCost / exact.Cost:0.###}" : "")}, P(optimal) {pOpt:0.###}")), Cells.Number(qaoaMs.ToString("0.0", CultureInfo.InvariantCulture)));
        table.AddRow(Cells.Text("QAOA most likely"), Cells.Text(problem.Bits(q.MostLikely.Bits)), Cells.Number(F(q.MostLikely.Cost)), Cells.Text($"P = {q.Probabilities[q.MostLikely.Bits].ToString("0.###", CultureInfo.InvariantCulture)}"), Cells.Text(""));
        _context.Console.Write(table);
        Cells.Field(_context.Console, "angles", string.Create(CultureInfo.InvariantCulture,
            $"γ = [{string.Join(", ", q.Gammas.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture)))}], β = [{string.Join(", ", q.Betas.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture)))}] ({q.GradientEvaluations} adjoint gradient evaluations)"));
        Cells.Field(_context.Console, "ratio", "(uniform mean − ⟨C⟩)/(uniform mean − optimum): 0 for random guessing, 1 for the optimum");
        return ExitCodes.Success;
    }

    private static (int Vertices, List<(int, int, double)> Edges) ParseEdges(string text)
    {
        var edges = new List<(int, int, double)>();
        int n = 0;
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            string[] ew = part.Split(':');
            string[] ij = ew[0].Split('-');
            double w = 1;
            if (ij.Length != 2 || ew.Length > 2 || !int.TryParse(ij[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
                || !int.TryParse(ij[1], NumberStyles.None, CultureInfo.InvariantCulture, out int j) || i == j
                || (ew.Length == 2 && (!double.TryParse(ew[1], NumberStyles.Float, CultureInfo.InvariantCulture, out w) || !double.IsFinite(w))))
            {
                throw new UsageException($"--maxcut: bad edge '{part}'; expected I-J or I-J:WEIGHT with distinct vertex numbers, e.g. 0-1,1-2:2.5");
            }
            edges.Add((i, j, w));
            n = Math.Max(n, Math.Max(i, j) + 1);
        }
        return (n, edges);
    }

    private static QuboProblem LoadQubo(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such QUBO file");
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}: not JSON ({e.Message.Split('\n')[0]})");
        }
        if (root?["q"] is not JsonArray rows || rows.Count == 0)
        {
            throw new UsageException($"{path}: expected {{\"q\": [[...], ...], \"offset\": c}} with a non-empty square matrix q");
        }
        int n = rows.Count;
        var q = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            if (rows[i] is not JsonArray row || row.Count != n)
            {
                throw new UsageException($"{path}: q[{i}] is not a row of {n} numbers (q must be square)");
            }
            for (int j = 0; j < n; j++)
            {
                q[i, j] = row[j] is JsonValue v && v.TryGetValue(out double d) && double.IsFinite(d) ? d
                    : throw new UsageException($"{path}: q[{i}][{j}] is not a finite number");
            }
        }
        double offset = 0;
        if (root["offset"] is { } o && !(o is JsonValue ov && ov.TryGetValue(out offset) && double.IsFinite(offset)))
        {
            throw new UsageException($"{path}: offset is not a finite number");
        }
        return new QuboProblem(q, offset);
    }
}
