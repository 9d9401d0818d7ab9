using System.Globalization;
using Triad.Hardware;

namespace Triad.Cli.Audit;

/// <summary>
/// A claim's <c>settings</c> as one simulation reads them: each number is required (the error names the simulation and
/// the setting), and a size with a <c>quick…</c> twin takes the twin under <c>triad audit --quick</c>.
/// </summary>
internal sealed class EvidenceSettings(string simulation, IReadOnlyDictionary<string, double> values, bool quick)
{
    /// <summary>Whether the shrunken sizes are in force.</summary>
    public bool Quick => quick;

    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>The number called <paramref name="key"/>.</summary>
    public double Number(string key)
    {
        _read.Add(key);
        return values.TryGetValue(key, out double v) && double.IsFinite(v)
            ? v
            : throw new HardwareDataException($"claims: simulation '{simulation}' needs a finite setting '{key}'");
    }

    /// <summary>
    /// Refuses the settings the simulation never read (a typo would otherwise pass silently); a size's <c>quick…</c>
    /// twin counts as read with its size.
    /// </summary>
    public void RejectUnread()
    {
        string[] unread = [.. values.Keys.Where(k => !_read.Contains(k) && !(k.StartsWith("quick", StringComparison.Ordinal) && k.Length > 5
            && _read.Contains(char.ToLowerInvariant(k[5]) + k[6..]))).Order(StringComparer.Ordinal)];
        if (unread.Length > 0)
        {
            throw new HardwareDataException($"claims: simulation '{simulation}' has no setting {string.Join(", ", unread.Select(k => $"'{k}'"))}");
        }
    }

    /// <summary>A whole number of at least <paramref name="minimum"/>.</summary>
    public int Count(string key, int minimum = 1)
    {
        double v = Number(key);
        return v == Math.Floor(v) && v >= minimum && v <= int.MaxValue
            ? (int)v
            : throw new HardwareDataException(
                $"claims: simulation '{simulation}': setting '{key}' is {v.ToString(CultureInfo.InvariantCulture)}; expected a whole number of at least {minimum}");
    }

    /// <summary>A seed (a whole number of at least 0).</summary>
    public ulong Seed(string key) => (ulong)Count(key, 0);

    /// <summary><paramref name="key"/>, or under --quick its twin <c>quickKey</c> (e.g. epochs → quickEpochs).</summary>
    public int Size(string key) => Count(quick ? "quick" + char.ToUpperInvariant(key[0]) + key[1..] : key);

    /// <summary>A sentence naming the sizes in force, for the assumptions.</summary>
    public string SizeNote(string key) => quick
        ? $"{Size(key)} {key} (--quick; the full audit uses {Count(key)})"
        : $"{Size(key)} {key}";
}
