using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Triad.Cli.Output;
using Triad.Cli.Rendering;
using Triad.Hardware;
using Triad.Hardware.Synchronization;
using Triad.Learning.Serialization;

namespace Triad.Cli.Commands;

/// <summary>
/// <c>triad plan sync</c>: residual skew of the loop that aligns the ADC sampling clock with the optical output
/// (<see cref="SamplingClockLoop"/>), swept over loop bandwidths and delay drift rates, as a table of the largest skew
/// in clock cycles (against a threshold, by default the article's 0.1 of claim A21) and a plot.
/// </summary>
internal sealed class PlanSyncCommand
{
    private readonly CliContext _context;

    private readonly Option<double> _clock = new("--clock-hz") { Description = "sampling clock frequency, Hz", Required = true };

    private readonly Option<double?> _signal = new("--signal-hz") { Description = "frequency of the sampled signal for the SNR, Hz (default: half the clock, the worst case)" };

    private readonly Option<string> _bandwidths = new("--bandwidths") { Description = "comma-separated loop bandwidths, Hz", Required = true };

    private readonly Option<string> _drifts = new("--drift-rates") { Description = "comma-separated delay drift rates, s of delay per s", Required = true };

    private readonly Option<int> _order = new("--order") { Description = "1: proportional loop (lags a ramp); 2: proportional-integral loop", DefaultValueFactory = _ => 2 };

    private readonly Option<double> _wanderAmplitude = new("--wander-amplitude") { Description = "amplitude of a periodic delay wander, s", DefaultValueFactory = _ => 0 };

    private readonly Option<double> _wanderHz = new("--wander-hz") { Description = "frequency of the wander, Hz", DefaultValueFactory = _ => 0 };

    private readonly Option<double> _noise = new("--noise") { Description = "phase-detector timing noise (standard deviation per update), s", DefaultValueFactory = _ => 0 };

    private readonly Option<double?> _updateRate = new("--update-rate") { Description = "phase-detector updates per second (default: 100 × the largest bandwidth)" };

    private readonly Option<double> _threshold = new("--threshold") { Description = "largest allowed skew, fraction of a clock cycle (the article claims 0.1)", DefaultValueFactory = _ => 0.1 };

    private readonly Option<int> _updates = new("--updates") { Description = "updates measured after the lock-in", DefaultValueFactory = _ => 10_000 };

    private readonly Option<ulong> _seed = new("--seed") { Description = "seed of the detector noise", DefaultValueFactory = _ => 1UL };

    private readonly Option<string?> _svg = new("--svg") { Description = "write the plot of skew against bandwidth here (SVG)" };

    private readonly Option<bool> _json = CommonOptions.Json();

    private PlanSyncCommand(CliContext context) => _context = context;

    /// <summary>The <c>sync</c> subcommand of <c>plan</c>.</summary>
    public static Command Create(CliContext context)
    {
        var handler = new PlanSyncCommand(context);
        var command = new Command("sync", "residual skew of the ADC sampling-clock loop against loop bandwidth and delay drift rate");
        foreach (Option option in (Option[])[handler._clock, handler._signal, handler._bandwidths, handler._drifts, handler._order,
                     handler._wanderAmplitude, handler._wanderHz, handler._noise, handler._updateRate, handler._threshold, handler._updates,
                     handler._seed, handler._svg, handler._json])
        {
            command.Options.Add(option);
        }
        command.SetAction(parseResult => CliApp.Guard(context, () => handler.Execute(parseResult)));
        return command;
    }

    /// <summary>Parses "1e3,1e4" into numbers; each must be finite and, if <paramref name="positive"/>, above 0.</summary>
    /// <exception cref="UsageException">An entry is not such a number, or the list is empty.</exception>
    public static double[] ParseList(string option, string text, bool positive)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i])
                || (positive ? values[i] <= 0 : values[i] < 0))
            {
                throw new UsageException($"{option} '{text}': '{parts[i]}' is not a {(positive ? "positive" : "non-negative")} number");
            }
        }
        return values.Length > 0 ? values : throw new UsageException($"{option} '{text}': give at least one value");
    }

    private int Execute(ParseResult p)
    {
        double clock = p.GetValue(_clock);
        CommonOptions.Require(clock > 0 && double.IsFinite(clock), "--clock-hz", clock, "must be positive");
        double signal = p.GetValue(_signal) ?? clock / 2;
        CommonOptions.Require(signal > 0 && double.IsFinite(signal), "--signal-hz", signal, "must be positive");
        double[] bandwidths = ParseList("--bandwidths", p.GetValue(_bandwidths)!, positive: true);
        double[] drifts = ParseList("--drift-rates", p.GetValue(_drifts)!, positive: false);
        int order = p.GetValue(_order);
        CommonOptions.Require(order is 1 or 2, "--order", order, "must be 1 or 2");
        double threshold = p.GetValue(_threshold);
        CommonOptions.Require(threshold > 0 && threshold <= 1, "--threshold", threshold, "must lie in (0, 1]");
        int updates = p.GetValue(_updates);
        CommonOptions.Require(updates >= 1 && updates <= 10_000_000, "--updates", updates, "must lie in 1..10,000,000");
        double noise = p.GetValue(_noise), amplitude = p.GetValue(_wanderAmplitude), wanderHz = p.GetValue(_wanderHz);
        CommonOptions.Require(noise >= 0 && double.IsFinite(noise), "--noise", noise, "must not be negative");
        CommonOptions.Require(amplitude >= 0 && double.IsFinite(amplitude), "--wander-amplitude", amplitude, "must not be negative");
        CommonOptions.Require(wanderHz >= 0 && double.IsFinite(wanderHz), "--wander-hz", wanderHz, "must not be negative");
        double updateRate = p.GetValue(_updateRate) ?? 100 * bandwidths.Max();
        ulong seed = p.GetValue(_seed);

        var results = new SkewResult[drifts.Length, bandwidths.Length];
        for (int i = 0; i < drifts.Length; i++)
        {
            for (int j = 0; j < bandwidths.Length; j++)
            {
                _context.Cancellation.ThrowIfCancellationRequested();
                results[i, j] = SamplingClockLoop.Run(new LoopSettings(order, bandwidths[j], updateRate),
                    new DelayDrift(drifts[i], amplitude, wanderHz, noise), clock, signal, threshold, updates, seed);
            }
        }
        string? svgPath = p.GetValue(_svg);
        if (svgPath is not null)
        {
            AtomicFile.WriteAllText(svgPath, SkewPlot.Svg(bandwidths, drifts, results, threshold, order));
        }
        string[] assumptions =
        [
            $"loop order {order}, update rate {G(updateRate)} Hz, damping 1/√2 (order 2)",
            $"delay τ(t) = r·t + {G(amplitude)}·sin(2π·{G(wanderHz)}·t) s; detector noise {G(noise)} s rms",
            $"skew measured over {updates} updates after a lock-in of 20 loop time constants",
            $"SNR of a full-scale sinusoid at {G(signal)} Hz: −20·log10(2π·f·δ_rms)",
            $"threshold {G(threshold)} of a {G(clock)} Hz clock cycle ({G(threshold / clock)} s)",
        ];

        if (p.GetValue(_json))
        {
            var rows = new JsonArray();
            for (int i = 0; i < drifts.Length; i++)
            {
                for (int j = 0; j < bandwidths.Length; j++)
                {
                    SkewResult r = results[i, j];
                    rows.Add(new JsonObject
                    {
                        ["driftRate"] = drifts[i],
                        ["bandwidthHertz"] = bandwidths[j],
                        ["rmsSkewSeconds"] = r.RmsSkewSeconds,
                        ["maxSkewSeconds"] = r.MaxSkewSeconds,
                        ["maxCycleFraction"] = r.MaxCycleFraction,
                        ["snrDecibels"] = ReportJson.Number(r.SnrDecibels),
                        ["effectiveBits"] = ReportJson.Number(r.EffectiveBits),
                        ["withinThreshold"] = r.WithinThreshold,
                    });
                }
            }
            _context.Stdout.Write(ReportJson.ToText(new JsonObject
            {
                ["command"] = "plan sync",
                ["clockHertz"] = clock,
                ["signalHertz"] = signal,
                ["order"] = order,
                ["updateRateHertz"] = updateRate,
                ["threshold"] = threshold,
                ["seed"] = seed,
                ["plot"] = svgPath,
                ["results"] = rows,
                ["assumptions"] = new JsonArray([.. assumptions.Select(a => (JsonNode)JsonValue.Create(a))]),
            }));
            return ExitCodes.Success;
        }
        Table table = Cells.NewTable(["drift rate (s/s)", .. bandwidths.Select(b => $"f_L = {G(b)} Hz")]);
        table.Title($"largest skew, fraction of a clock cycle (✗: not under {G(threshold)})");
        for (int i = 0; i < drifts.Length; i++)
        {
            var cells = new List<Spectre.Console.Rendering.IRenderable> { Cells.Text(G(drifts[i])) };
            for (int j = 0; j < bandwidths.Length; j++)
            {
                SkewResult r = results[i, j];
                cells.Add(Cells.Number($"{r.MaxCycleFraction.ToString("G3", CultureInfo.InvariantCulture)}{(r.WithinThreshold ? "" : " ✗")}"));
            }
            table.AddRow(cells);
        }
        _context.Console.Write(table);
        _context.Console.WriteLine("assumptions:");
        foreach (string a in assumptions)
        {
            _context.Console.WriteLine("  - " + a);
        }
        if (svgPath is not null)
        {
            Cells.Field(_context.Console, "plot", svgPath);
        }
        return ExitCodes.Success;
    }

    private static string G(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
