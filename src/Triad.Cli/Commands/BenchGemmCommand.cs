using System.CommandLine;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text.Json.Nodes;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Numerics.LinearAlgebra;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad bench gemm</c>: GFLOP/s of Triad's GEMM alone, as a BLAS benchmark reports them (warm-up, then the best
/// and the median of several repetitions; <see cref="GemmTiming"/>), for square products of the given orders and
/// for any other shapes, in float32, float64 or both. benchmarks/peers/gemm.py runs it next to numpy.
/// </summary>
internal sealed class BenchGemmCommand
{
    private const int LargestDimension = 1 << 20;

    private readonly CliContext _context;

    private readonly Option<string> _sizes = new("--sizes")
    {
        Description = "comma-separated orders n of square n×n products (empty: none)",
        DefaultValueFactory = _ => "512,1024,2048",
    };

    private readonly Option<string> _shapes = new("--shapes")
    {
        Description = "comma-separated other products MxNxK, each optionally followed by :TN, :NT, … (op(A), op(B); T = transposed)",
        DefaultValueFactory = _ => "",
    };

    private readonly Option<string> _precision = new("--precision")
    {
        Description = "float32, float64 or both",
        DefaultValueFactory = _ => "both",
    };

    private readonly Option<int> _repetitions = new("--repetitions")
    {
        Description = "timed repetitions after the warm-up; the best and the median are reported",
        DefaultValueFactory = _ => 5,
    };

    private readonly Option<double> _seconds = new("--seconds")
    {
        Description = "least time of one repetition (it runs the product as many times as that takes)",
        DefaultValueFactory = _ => 0.1,
    };

    private readonly Option<int> _threads = CommonOptions.Threads();

    private readonly Option<bool> _json = CommonOptions.Json();

    private BenchGemmCommand(CliContext context) => _context = context;

    /// <summary>The <c>gemm</c> subcommand of <c>bench</c>, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new BenchGemmCommand(context);
        var command = new Command("gemm", "GEMM GFLOP/s: best and median of repetitions, square sizes and other shapes");
        foreach (Option option in (Option[])[handler._sizes, handler._shapes, handler._precision, handler._repetitions,
                     handler._seconds, handler._threads, handler._json])
        {
            command.Options.Add(option);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    /// <summary>One product to time: C (m×n) ← op(A)·op(B).</summary>
    public readonly record struct Shape(int M, int N, int K, bool TransposeA, bool TransposeB);

    /// <summary>Parses "43264x16x9:NT,64x128x800" into shapes (× may stand for x; the suffix defaults to NN).</summary>
    /// <exception cref="UsageException">An entry is malformed or a dimension is not in 1..2²⁰.</exception>
    public static Shape[] ParseShapes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var shapes = new Shape[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string[] pieces = parts[i].Split(':');
            string[] dims = pieces[0].Replace('×', 'x').Split('x');
            string ops = pieces.Length == 2 ? pieces[1].ToUpperInvariant() : "NN";
            var d = new int[3];
            bool ok = pieces.Length <= 2 && dims.Length == 3 && ops is "NN" or "NT" or "TN" or "TT";
            for (int j = 0; ok && j < 3; j++)
            {
                ok = int.TryParse(dims[j], NumberStyles.None, CultureInfo.InvariantCulture, out d[j]) && d[j] >= 1 && d[j] <= LargestDimension;
            }
            if (!ok)
            {
                throw new UsageException(
                    $"--shapes '{text}': '{parts[i]}' is not MxNxK with each in 1..{LargestDimension}, optionally :NN, :NT, :TN or :TT");
            }
            shapes[i] = new Shape(d[0], d[1], d[2], ops[0] == 'T', ops[1] == 'T');
        }
        return shapes;
    }

    private int Execute(ParseResult p)
    {
        bool json = p.GetValue(_json);
        // The thread limit is process-wide; report the one this command set, as the product ran with it.
        int threads = p.GetValue(_threads);
        CommonOptions.ApplyThreads(threads);
        string sizesText = p.GetValue(_sizes)!;
        int[] sizes = sizesText.Trim().Length == 0 ? [] : BenchCommand.ParseSizes(sizesText);
        Shape[] shapes = [.. sizes.Select(n => new Shape(n, n, n, false, false)), .. ParseShapes(p.GetValue(_shapes)!)];
        string precision = p.GetValue(_precision)!;
        if (precision is not ("float32" or "float64" or "both"))
        {
            throw new UsageException($"--precision '{precision}': give float32, float64 or both");
        }
        int repetitions = p.GetValue(_repetitions);
        CommonOptions.Require(repetitions >= 1 && repetitions <= 1000, "--repetitions", repetitions, "must lie in 1..1000");
        double seconds = p.GetValue(_seconds);
        CommonOptions.Require(seconds > 0 && seconds <= 60, "--seconds", seconds, "must lie in (0, 60]");
        if (shapes.Length == 0)
        {
            throw new UsageException("--sizes and --shapes are both empty: nothing to time");
        }

        var results = new List<GemmTimingResult>();
        foreach (string type in precision == "both" ? ["float32", "float64"] : new[] { precision })
        {
            foreach (Shape s in shapes)
            {
                _context.Cancellation.ThrowIfCancellationRequested();
                results.Add(type == "float32"
                    ? GemmTiming.Measure<float>(s.M, s.N, s.K, s.TransposeA, s.TransposeB, repetitions, seconds)
                    : GemmTiming.Measure<double>(s.M, s.N, s.K, s.TransposeA, s.TransposeB, repetitions, seconds));
            }
        }

        if (!json)
        {
            BenchView.WriteGemm(_context.Console, results, threads, Vector512.IsHardwareAccelerated);
            return ExitCodes.Success;
        }
        var rows = new JsonArray();
        foreach (GemmTimingResult r in results)
        {
            rows.Add(new JsonObject
            {
                ["m"] = r.M,
                ["n"] = r.N,
                ["k"] = r.K,
                ["transposeA"] = r.TransposeA,
                ["transposeB"] = r.TransposeB,
                ["precision"] = r.Precision,
                ["bestGflops"] = ReportJson.Number(r.BestGflops),
                ["medianGflops"] = ReportJson.Number(r.MedianGflops),
                ["bestSeconds"] = ReportJson.Number(r.BestSeconds),
                ["medianSeconds"] = ReportJson.Number(r.MedianSeconds),
                ["repetitions"] = r.Repetitions,
                ["callsPerRepetition"] = r.CallsPerRepetition,
            });
        }
        var root = new JsonObject
        {
            ["command"] = "bench gemm",
            ["threads"] = threads,
            ["avx512"] = Vector512.IsHardwareAccelerated,
            ["results"] = rows,
        };
        _context.Stdout.Write(ReportJson.ToText(root));
        return ExitCodes.Success;
    }
}
