using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Training;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Threading;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad bench</c>: a quick look at speed, in this process. Square matrix products with Triad's GEMM against
/// MathNet.Numerics' managed provider, double and float, in GFLOP/s with their ratio
/// (<see cref="MatMulComparison"/>), then training throughput of digits-mlp on digits (batch 32): one warm-up epoch,
/// then one timed epoch. For careful numbers use the BenchmarkDotNet suite in benchmarks/; for GEMM alone against
/// a BLAS, <c>triad bench gemm</c> (<see cref="BenchGemmCommand"/>).
/// </summary>
internal sealed class BenchCommand
{
    /// <summary>Model and data set of the training measurement.</summary>
    public const string TrainingModel = "digits-mlp", TrainingData = "digits";

    private const int TrainingBatchSize = 32;
    private const int LargestSize = 8192;

    private readonly CliContext _context;

    private readonly Option<string> _sizes = new("--sizes")
    {
        Description = "comma-separated matrix orders n of the n×n products",
        DefaultValueFactory = _ => "256,512,1024",
    };

    private readonly Option<double> _seconds = new("--seconds")
    {
        Description = "least time spent timing each library at each size and type",
        DefaultValueFactory = _ => 0.25,
    };

    private readonly Option<int> _threads = CommonOptions.Threads();

    private readonly Option<bool> _json = CommonOptions.Json();

    private BenchCommand(CliContext context) => _context = context;

    /// <summary>The <c>bench</c> command, writing through <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new BenchCommand(context);
        var command = new Command("bench", "matrix multiply GFLOP/s (Triad vs MathNet) and training samples/s");
        foreach (Option option in (Option[])[handler._sizes, handler._seconds, handler._threads, handler._json])
        {
            command.Options.Add(option);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        command.Subcommands.Add(BenchGemmCommand.Create(context));
        return command;
    }

    /// <summary>Parses "256,512,1024" into matrix orders, each in 1..8192.</summary>
    /// <exception cref="UsageException">An entry is not such a whole number, or the list is empty.</exception>
    public static int[] ParseSizes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new UsageException($"--sizes '{text}': give one or more matrix orders, e.g. 256,512,1024");
        }
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1 || sizes[i] > LargestSize)
            {
                throw new UsageException($"--sizes '{text}': '{parts[i]}' is not a whole number in 1..{LargestSize}");
            }
        }
        return sizes;
    }

    private int Execute(ParseResult p)
    {
        bool json = p.GetValue(_json);
        CommonOptions.ApplyThreads(p.GetValue(_threads));
        int[] sizes = ParseSizes(p.GetValue(_sizes)!);
        double seconds = p.GetValue(_seconds);
        CommonOptions.Require(seconds > 0 && seconds <= 60, "--seconds", seconds, "must lie in (0, 60]");

        // --threads bounds both libraries, so the ratio compares like with like.
        IReadOnlyList<MatMulComparisonRow> rows = MatMulComparison.Run(sizes, seconds);
        _context.Cancellation.ThrowIfCancellationRequested();
        EpochMetrics epoch = TimeTrainingEpoch();

        if (json)
        {
            var matmul = new JsonArray();
            foreach (MatMulComparisonRow row in rows)
            {
                matmul.Add(new JsonObject
                {
                    ["size"] = row.Size,
                    ["type"] = row.ElementType,
                    ["triadGflops"] = ReportJson.Number(row.TriadGflops),
                    ["mathNetGflops"] = ReportJson.Number(row.MathNetGflops),
                    ["ratio"] = ReportJson.Number(row.Ratio),
                });
            }
            var root = new JsonObject
            {
                ["command"] = "bench",
                ["threads"] = ThreadSettings.MaxThreads,
                ["matmul"] = matmul,
                ["training"] = new JsonObject
                {
                    ["model"] = TrainingModel,
                    ["dataSet"] = TrainingData,
                    ["batchSize"] = TrainingBatchSize,
                    ["epochSeconds"] = ReportJson.Number(epoch.Seconds),
                    ["samplesPerSecond"] = ReportJson.Number(epoch.SamplesPerSecond),
                },
            };
            _context.Stdout.Write(ReportJson.ToText(root));
            return ExitCodes.Success;
        }
        BenchView.Write(_context.Console, rows, epoch, ThreadSettings.MaxThreads);
        return ExitCodes.Success;
    }

    /// <summary>Trains digits-mlp on digits for two epochs (no validation) and returns the second, warm one.</summary>
    private EpochMetrics TimeTrainingEpoch()
    {
        var model = Model<float>.Build(BuiltInModels.Get(TrainingModel), seed: 42);
        Dataset digits = BuiltInData.Load(TrainingData);
        using var trainer = new Trainer<float>(model, new TrainingOptions
        {
            Epochs = 2,
            BatchSize = TrainingBatchSize,
            Seed = 42,
            ValidationFraction = 0,
            Patience = 0,
        });
        return trainer.Fit(digits, null, _context.Cancellation)[^1];
    }
}
