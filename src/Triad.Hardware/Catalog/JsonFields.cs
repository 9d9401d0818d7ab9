using System.Globalization;
using System.Text.Json;

namespace Triad.Hardware.Catalog;

/// <summary>
/// Reads the fields of one JSON object of a data file, remembering which it read so that <see cref="RejectUnknown"/>
/// can name a key the schema does not have. Every error is a <see cref="HardwareDataException"/> whose message is
/// "<c>file: path.field ...: what was expected</c>".
/// </summary>
internal sealed class JsonFields
{
    private readonly string _file;
    private readonly string _path;
    private readonly JsonElement _element;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public JsonFields(string file, string path, JsonElement element)
    {
        _file = file;
        _path = path;
        _element = element;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path.Length == 0 ? "the file" : path, $"must be a JSON object, not {Describe(element)}");
        }
    }

    public string File => _file;

    public HardwareDataException Error(string field, string rule) => new($"{_file}: {field}: {rule}");

    public string Name(string key) => _path.Length == 0 ? key : $"{_path}.{key}";

    public bool Has(string key) => _element.TryGetProperty(key, out _);

    public JsonElement Require(string key)
    {
        _read.Add(key);
        return _element.TryGetProperty(key, out JsonElement v) && v.ValueKind != JsonValueKind.Null
            ? v
            : throw Error(Name(key), "missing required field");
    }

    public JsonElement? Optional(string key)
    {
        _read.Add(key);
        return _element.TryGetProperty(key, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? v : null;
    }

    public string RequireString(string key)
    {
        JsonElement v = Require(key);
        return v.ValueKind == JsonValueKind.String && v.GetString()!.Trim().Length > 0
            ? v.GetString()!
            : throw Error(Name(key), $"must be a non-empty string, not {Describe(v)}");
    }

    public string? OptionalString(string key)
    {
        JsonElement? v = Optional(key);
        return v is null ? null
            : v.Value.ValueKind == JsonValueKind.String ? v.Value.GetString()
            : throw Error(Name(key), $"must be a string, not {Describe(v.Value)}");
    }

    public double RequireNumber(string key) => Number(Name(key), Require(key));

    public double? OptionalNumber(string key)
    {
        JsonElement? v = Optional(key);
        return v is null ? null : Number(Name(key), v.Value);
    }

    public long RequireCount(string key, long minimum)
    {
        double x = RequireNumber(key);
        return x >= minimum && x == Math.Floor(x) && x <= 1e15
            ? (long)x
            : throw Error(Name(key), $"{Format(x)} must be a whole number of at least {minimum}");
    }

    public bool OptionalBool(string key, bool fallback)
    {
        JsonElement? v = Optional(key);
        return v is null ? fallback
            : v.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.Value.GetBoolean()
            : throw Error(Name(key), $"must be true or false, not {Describe(v.Value)}");
    }

    public JsonFields Object(string key) => new(_file, Name(key), Require(key));

    public JsonFields? OptionalObject(string key)
    {
        JsonElement? v = Optional(key);
        return v is null ? null : new JsonFields(_file, Name(key), v.Value);
    }

    public IEnumerable<string> Keys()
    {
        foreach (JsonProperty p in _element.EnumerateObject())
        {
            yield return p.Name;
        }
    }

    /// <summary>Throws for the first key that was never asked for.</summary>
    public void RejectUnknown()
    {
        foreach (JsonProperty p in _element.EnumerateObject())
        {
            if (!_read.Contains(p.Name))
            {
                string known = string.Join(", ", _read.Order(StringComparer.Ordinal));
                throw Error(Name(p.Name), $"unknown field (known here: {known})");
            }
        }
    }

    public double Number(string name, JsonElement v) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double x) && double.IsFinite(x)
            ? x
            : throw Error(name, $"must be a finite number, not {Describe(v)}");

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{v.GetString()}\"",
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
        _ => "null",
    };

    public static string Format(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
