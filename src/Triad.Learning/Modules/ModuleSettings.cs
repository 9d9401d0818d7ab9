using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Triad.Learning.Models;

namespace Triad.Learning.Modules;

/// <summary>
/// The settings of one module in a spec: every field of its JSON object except the structural ones ("type", and
/// "name", "inputs", "shares" in the graph form). Values may be numbers, strings, booleans, lists or objects; the
/// typed readers check each and name the module and the setting in their errors. A factory reads every setting it
/// knows and then calls <see cref="RejectUnknown"/>, so a typo ("unit" for "units") is an error, not a silent default.
/// </summary>
public sealed class ModuleSettings
{
    private readonly JsonObject _values;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>Wraps the settings (not copied) of a module of <paramref name="kind"/>; <paramref name="where"/> names it in errors.</summary>
    public ModuleSettings(string kind, JsonObject values, string where)
    {
        ArgumentNullException.ThrowIfNull(values);
        Kind = kind;
        _values = values;
        Where = where;
    }

    /// <summary>The module type.</summary>
    public string Kind { get; }

    /// <summary>Where the module is, for messages ("spec.json node 'h'").</summary>
    public string Where { get; }

    /// <summary>The raw values, by name.</summary>
    public JsonObject Values => _values;

    /// <summary>Whether a setting is present.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>A required positive integer.</summary>
    public int PositiveInt(string name) => IntegerAtLeast(name, Required(name), 1);

    /// <summary>An optional integer ≥ <paramref name="min"/>, or <paramref name="fallback"/>.</summary>
    public int IntOr(string name, int fallback, int min = int.MinValue) =>
        _values[name] is { } node && Read(name) ? IntegerAtLeast(name, node, min) : fallback;

    /// <summary>An optional real number in [<paramref name="min"/>, <paramref name="maxExclusive"/>), or <paramref name="fallback"/>.</summary>
    public double DoubleOr(string name, double fallback, double min, double maxExclusive)
    {
        if (_values[name] is not { } node || !Read(name))
        {
            return fallback;
        }
        double v = Number(name, node);
        if (!(v >= min && v < maxExclusive))
        {
            throw Error($"setting '{name}' = {Text(v)} must lie in [{Text(min)}, {Text(maxExclusive)})");
        }
        return v;
    }

    /// <summary>An optional boolean, or <paramref name="fallback"/>.</summary>
    public bool BoolOr(string name, bool fallback)
    {
        if (_values[name] is not { } node || !Read(name))
        {
            return fallback;
        }
        if (node is JsonValue v && v.TryGetValue(out bool b))
        {
            return b;
        }
        throw Error($"setting '{name}' must be true or false, got {node.ToJsonString()}");
    }

    /// <summary>An optional text setting that must be one of <paramref name="allowed"/> (case-insensitive), or <paramref name="fallback"/>.</summary>
    public string ChoiceOr(string name, string fallback, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        if (_values[name] is not { } node || !Read(name))
        {
            return fallback;
        }
        if (node is JsonValue v && v.TryGetValue(out string? s))
        {
            string lower = s.Trim().ToLowerInvariant();
            if (allowed.Contains(lower))
            {
                return lower;
            }
            throw Error($"setting '{name}' = '{s}' must be one of {string.Join(", ", allowed)}");
        }
        throw Error($"setting '{name}' must be text ({string.Join(", ", allowed)}), got {node.ToJsonString()}");
    }

    /// <summary>An optional list of integers, each ≥ <paramref name="min"/>, or <paramref name="fallback"/>.</summary>
    public int[]? IntListOr(string name, int[]? fallback, int min = int.MinValue)
    {
        if (_values[name] is not { } node || !Read(name))
        {
            return fallback;
        }
        if (node is not JsonArray array)
        {
            throw Error($"setting '{name}' must be a list of integers, got {node.ToJsonString()}");
        }
        int[] result = new int[array.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = IntegerAtLeast($"{name}[{i}]", array[i] ?? throw Error($"setting '{name}[{i}]' is null"), min);
        }
        return result;
    }

    /// <summary>Throws if a setting was given that no reader asked for.</summary>
    /// <param name="known">Every setting the module accepts, for the message.</param>
    public void RejectUnknown(params string[] known)
    {
        ArgumentNullException.ThrowIfNull(known);
        foreach (var (key, _) in _values)
        {
            if (!_read.Contains(key) && Array.IndexOf(known, key) < 0)
            {
                throw Error($"has no setting '{key}' (settings: {(known.Length == 0 ? "none" : string.Join(", ", known))})");
            }
        }
    }

    /// <summary>A <see cref="ModelSpecException"/> that starts with <see cref="Where"/> and the module type.</summary>
    public ModelSpecException Error(string message) => new($"{Where}: {Kind} {message}");

    private JsonNode Required(string name)
    {
        if (_values[name] is not { } node)
        {
            string given = _values.Count == 0 ? "" : $" (given: {string.Join(", ", _values.Select(kv => kv.Key))})";
            throw Error($"needs the setting '{name}'{given}");
        }
        Read(name);
        return node;
    }

    private bool Read(string name) => _read.Add(name) || true;

    private int IntegerAtLeast(string name, JsonNode node, int min)
    {
        double v = Number(name, node);
        if (v != Math.Floor(v) || v < min || v > int.MaxValue)
        {
            throw Error(min == 1
                ? $"setting '{name}' = {Text(v)} must be a positive integer"
                : $"setting '{name}' = {Text(v)} must be an integer ≥ {min}");
        }
        return (int)v;
    }

    private double Number(string name, JsonNode node)
    {
        if (node is JsonValue v)
        {
            if (v.GetValueKind() == JsonValueKind.Number
                && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
            {
                return d;
            }
            if (v.TryGetValue(out string? s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d) && double.IsFinite(d))
            {
                return d;
            }
        }
        throw Error($"setting '{name}' must be a number, got {node.ToJsonString()}");
    }

    private static string Text(double v) => v.ToString(CultureInfo.InvariantCulture);
}
