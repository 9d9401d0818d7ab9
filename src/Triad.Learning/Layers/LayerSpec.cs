using System.Globalization;

namespace Triad.Learning.Layers;

/// <summary>
/// One layer of a model spec: its type (e.g. "conv2d") and its numeric settings (e.g. filters = 16).
/// Written in JSON or YAML as <c>{ "type": "conv2d", "filters": 16, "kernel": 3 }</c>.
/// </summary>
public sealed class LayerSpec
{
    private readonly SortedDictionary<string, double> _settings;

    /// <summary>Creates a spec; type names are case-insensitive and kept in lower case.</summary>
    public LayerSpec(string type, IReadOnlyDictionary<string, double>? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        Type = type.Trim().ToLowerInvariant();
        _settings = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (settings is not null)
        {
            foreach (var (key, value) in settings)
            {
                _settings[key.ToLowerInvariant()] = value;
            }
        }
    }

    /// <summary>Layer type, lower case.</summary>
    public string Type { get; }

    /// <summary>Numeric settings by name, sorted.</summary>
    public IReadOnlyDictionary<string, double> Settings => _settings;

    /// <summary>A required positive integer setting.</summary>
    /// <exception cref="ModelSpecException">The setting is missing, not an integer, or not positive.</exception>
    public int PositiveInt(string name, string where)
    {
        if (!_settings.TryGetValue(name, out double v))
        {
            throw new ModelSpecException($"{where}: {Type} layer needs the setting '{name}'");
        }
        return ToPositiveInt(name, v, where);
    }

    /// <summary>An optional integer setting with a default; must be ≥ <paramref name="min"/>.</summary>
    public int IntOr(string name, int fallback, int min, string where)
    {
        if (!_settings.TryGetValue(name, out double v))
        {
            return fallback;
        }
        if (v != Math.Floor(v) || v < min || v > int.MaxValue)
        {
            throw new ModelSpecException(
                $"{where}: {Type} setting '{name}' = {v.ToString(CultureInfo.InvariantCulture)} must be an integer ≥ {min}");
        }
        return (int)v;
    }

    /// <summary>An optional real setting with a default, checked to lie in [min, max).</summary>
    public double DoubleOr(string name, double fallback, double min, double maxExclusive, string where)
    {
        if (!_settings.TryGetValue(name, out double v))
        {
            return fallback;
        }
        if (!(v >= min && v < maxExclusive))
        {
            throw new ModelSpecException(
                $"{where}: {Type} setting '{name}' = {v.ToString(CultureInfo.InvariantCulture)} must lie in [{min}, {maxExclusive})");
        }
        return v;
    }

    /// <summary>Throws if the spec holds a setting not in <paramref name="known"/> (catches typos such as "unit").</summary>
    public void RejectUnknown(string where, params string[] known)
    {
        foreach (string key in _settings.Keys)
        {
            if (Array.IndexOf(known, key) < 0)
            {
                string expected = known.Length == 0 ? "none" : string.Join(", ", known);
                throw new ModelSpecException($"{where}: {Type} layer has no setting '{key}' (settings: {expected})");
            }
        }
    }

    private int ToPositiveInt(string name, double v, string where)
    {
        if (v != Math.Floor(v) || v < 1 || v > int.MaxValue)
        {
            throw new ModelSpecException(
                $"{where}: {Type} setting '{name}' = {v.ToString(CultureInfo.InvariantCulture)} must be a positive integer");
        }
        return (int)v;
    }
}
