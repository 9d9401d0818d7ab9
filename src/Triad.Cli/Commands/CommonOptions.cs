using System.CommandLine;
using System.Globalization;
using Triad.Numerics.Threading;

namespace Triad.Cli.Commands;

/// <summary>Options shared by several commands, and checks of option values that name the option.</summary>
internal static class CommonOptions
{
    /// <summary><c>--threads</c>: the most threads the numeric kernels may use.</summary>
    public static Option<int> Threads() => new("--threads")
    {
        Description = "most threads the numeric kernels use (default: the processor count); results do not depend on it",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    /// <summary><c>--json</c>: machine-readable output only.</summary>
    public static Option<bool> Json() => new("--json")
    {
        Description = "print only JSON on stdout (no tables, no progress bar)",
    };

    /// <summary>Sets <see cref="ThreadSettings.MaxThreads"/> from <c>--threads</c>.</summary>
    /// <exception cref="UsageException">The count is below 1.</exception>
    public static void ApplyThreads(int threads)
    {
        Require(threads >= 1, "--threads", threads, "must be at least 1");
        ThreadSettings.MaxThreads = threads;
    }

    /// <summary>Whether the option was written on the command line (not filled in by its default).</summary>
    public static bool IsGiven(ParseResult parseResult, Option option)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.GetResult(option) is { Implicit: false };
    }

    /// <summary>Throws a <see cref="UsageException"/> "--option value: rule" unless <paramref name="ok"/>.</summary>
    public static void Require(bool ok, string option, IFormattable value, string rule)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!ok)
        {
            throw new UsageException($"{option} {value.ToString(null, CultureInfo.InvariantCulture)}: {rule}");
        }
    }
}
