using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Triad.Learning.Specs;

/// <summary>
/// Builds the <see cref="JsonNode"/> tree of a YAML spec from YamlDotNet's parser events (not its deserializer, which
/// expands aliases without limit and lets a duplicate key's last value win).
/// </summary>
/// <remarks>
/// An alias is expanded by copying the anchored node; each anchored node records its size (values in it) and height
/// (levels of nesting in it), so an alias is refused before it is copied when it would take the document past
/// <see cref="SpecDocument.MaxNodes"/> values or <see cref="SpecDocument.MaxDepth"/> levels. A "billion laughs"
/// document thus fails after at most <see cref="SpecDocument.MaxNodes"/> values have been built. Depth counts the
/// enclosing mappings and sequences: the root mapping's values are at depth 1.
/// </remarks>
internal sealed partial class YamlSpecReader(string source)
{
    private const string CoreTag = "tag:yaml.org,2002:";

    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private IParser _parser = null!;
    private ParsingEvent? _last;
    private int _nodes;

    /// <summary>An anchored node: its value (null while it is still being read), its scalar text, size and height.</summary>
    private sealed record Anchored(JsonNode? Node, string? ScalarText, int Size, int Height, bool Complete);

    public JsonNode Read(string text)
    {
        _parser = new Parser(new StringReader(text));
        Next();
        ParsingEvent start = Next();
        if (start is StreamEnd)
        {
            throw Error(start.Start, "the document is empty; expected a spec");
        }
        JsonNode? root = ReadNode(Next(), depth: 0, out _);
        Next();
        ParsingEvent after = Next();
        if (after is not StreamEnd)
        {
            throw Error(after.Start, "a second YAML document; a spec file holds one");
        }
        return root ?? throw Error(start.Start, "the document is null; expected a spec");
    }

    /// <summary>Reads the node that starts with event <paramref name="first"/>.</summary>
    /// <param name="first">The node's first event: a scalar, an alias, or the start of a mapping or sequence.</param>
    /// <param name="depth">Mappings and sequences that enclose the node.</param>
    /// <param name="height">Levels of nesting inside the node: 0 for a scalar, 1 for a list of scalars.</param>
    private JsonNode? ReadNode(ParsingEvent first, int depth, out int height)
    {
        switch (first)
        {
            case AnchorAlias alias:
                return Expand(alias, depth, out height);
            case Scalar scalar:
            {
                Count(scalar, 1);
                JsonNode? value = Convert(scalar);
                height = 0;
                Remember(scalar.Anchor, new Anchored(value, scalar.Value, 1, 0, Complete: true));
                return value;
            }
            case SequenceStart sequence:
            {
                int before = Open(sequence, depth);
                var array = new JsonArray();
                height = 1;
                for (ParsingEvent item = Next(); item is not SequenceEnd; item = Next())
                {
                    array.Add(ReadNode(item, depth + 1, out int inner));
                    height = Math.Max(height, inner + 1);
                }
                Remember(sequence.Anchor, new Anchored(array, null, _nodes - before, height, Complete: true));
                return array;
            }
            case MappingStart mapping:
            {
                int before = Open(mapping, depth);
                var obj = new JsonObject();
                var keyLines = new Dictionary<string, int>(StringComparer.Ordinal);
                height = 1;
                for (ParsingEvent keyEvent = Next(); keyEvent is not MappingEnd; keyEvent = Next())
                {
                    string key = ReadKey(keyEvent);
                    if (!keyLines.TryAdd(key, (int)keyEvent.Start.Line))
                    {
                        throw new SpecFormatException(source, (int)keyEvent.Start.Line, 0, $"duplicate key '{key}' (first at line {keyLines[key]})");
                    }
                    obj.Add(key, ReadNode(Next(), depth + 1, out int inner));
                    height = Math.Max(height, inner + 1);
                }
                Remember(mapping.Anchor, new Anchored(obj, null, _nodes - before, height, Complete: true));
                return obj;
            }
            default:
                throw Error(first.Start, $"unexpected {first.GetType().Name} in the YAML");
        }
    }

    /// <summary>Checks depth, counts the container and marks its anchor as open; returns the count before it.</summary>
    private int Open(NodeEvent container, int depth)
    {
        if (depth + 1 > SpecDocument.MaxDepth)
        {
            throw Error(container.Start, $"nesting deeper than {SpecDocument.MaxDepth} levels, the limit");
        }
        int before = _nodes;
        Count(container, 1);
        Remember(container.Anchor, new Anchored(null, null, 0, 0, Complete: false));
        return before;
    }

    /// <summary>A copy of the node an alias names, if it fits the node budget and the depth limit.</summary>
    private JsonNode? Expand(AnchorAlias alias, int depth, out int height)
    {
        string name = alias.Value.Value;
        if (!_anchors.TryGetValue(name, out Anchored? anchored))
        {
            throw Error(alias.Start, $"alias '*{name}' has no anchor '&{name}' before it");
        }
        if (!anchored.Complete)
        {
            throw Error(alias.Start, $"alias '*{name}' refers to a node that contains it");
        }
        if (depth + anchored.Height > SpecDocument.MaxDepth)
        {
            throw Error(alias.Start, $"alias '*{name}' nests {anchored.Height} levels, which would take the document deeper than {SpecDocument.MaxDepth} levels, the limit");
        }
        if (_nodes + anchored.Size > SpecDocument.MaxNodes)
        {
            throw Error(alias.Start, string.Create(CultureInfo.InvariantCulture,
                $"alias '*{name}' stands for {anchored.Size:N0} values, which would take the document past {SpecDocument.MaxNodes:N0} values, the limit"));
        }
        _nodes += anchored.Size;
        height = anchored.Height;
        return anchored.Node?.DeepClone();
    }

    /// <summary>A mapping key: the text of a scalar, or of the scalar an alias names.</summary>
    private string ReadKey(ParsingEvent key)
    {
        switch (key)
        {
            case Scalar scalar:
                Remember(scalar.Anchor, new Anchored(Convert(scalar), scalar.Value, 1, 0, Complete: true));
                return scalar.Value;
            case AnchorAlias alias when _anchors.TryGetValue(alias.Value.Value, out Anchored? anchored) && anchored.ScalarText is { } text:
                return text;
            case AnchorAlias alias:
                throw Error(alias.Start, $"a mapping key must be a scalar; alias '*{alias.Value.Value}' names no scalar");
            default:
                throw Error(key.Start, $"a mapping key must be a scalar, found a {(key is MappingStart ? "mapping" : "sequence")}");
        }
    }

    private void Remember(AnchorName anchor, Anchored anchored)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = anchored;
        }
    }

    private void Count(ParsingEvent at, int values)
    {
        if (_nodes + values > SpecDocument.MaxNodes)
        {
            throw Error(at.Start, string.Create(CultureInfo.InvariantCulture, $"the document holds more than {SpecDocument.MaxNodes:N0} values, the limit"));
        }
        _nodes += values;
    }

    /// <summary>The JSON value of a scalar, by its tag, else by its style (YAML 1.2 core schema for plain scalars).</summary>
    private JsonNode? Convert(Scalar scalar)
    {
        string value = scalar.Value;
        string tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
        switch (tag)
        {
            case "":
                return scalar.Style == ScalarStyle.Plain ? Plain(value) : JsonValue.Create(value);
            case "!":
            case CoreTag + "str":
                return JsonValue.Create(value);
            case CoreTag + "int":
            case CoreTag + "float":
                return Number(value) ?? throw Error(scalar.Start, $"'{value}' is not a decimal number, as its tag !!{tag[CoreTag.Length..]} requires");
            case CoreTag + "bool":
                return Plain(value) is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                    ? b
                    : throw Error(scalar.Start, $"'{value}' is not true or false, as its tag !!bool requires");
            case CoreTag + "null":
                return IsNull(value) ? null : throw Error(scalar.Start, $"'{value}' is not null, as its tag !!null requires");
            default:
                throw Error(scalar.Start, $"tag '{tag}' is not supported; a spec holds strings, numbers, booleans and null");
        }
    }

    private static JsonNode? Plain(string value) => value switch
    {
        _ when IsNull(value) => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        _ => Number(value) ?? JsonValue.Create(value),
    };

    private static bool IsNull(string value) => value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>
    /// A YAML 1.2 core-schema decimal number (<c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c>) as a JSON
    /// number, or null if <paramref name="value"/> is not one. JSON lacks YAML's "+3", ".5", "2." and "007", so the
    /// text is rewritten: "3", "0.5", "2", "7".
    /// </summary>
    private static JsonValue? Number(string value)
    {
        Match match = CoreNumber().Match(value);
        if (!match.Success)
        {
            return null;
        }
        string whole = match.Groups["whole"].Value.TrimStart('0');
        string fraction = match.Groups["fraction"].Value;
        string exponent = match.Groups["exponent"].Value;
        string json = (match.Groups["sign"].Value == "-" ? "-" : "")
            + (whole.Length == 0 ? "0" : whole)
            + (fraction.Length == 0 ? "" : "." + fraction)
            + (exponent.Length == 0 ? "" : "e" + exponent);
        return JsonValue.Create(JsonElement.Parse(json));
    }

    [GeneratedRegex(@"^(?<sign>[-+]?)(?:\.(?<fraction>[0-9]+)|(?<whole>[0-9]+)(?:\.(?<fraction>[0-9]*))?)(?:[eE](?<exponent>[-+]?[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex CoreNumber();

    /// <summary>The next parser event; YamlDotNet's errors become <see cref="SpecFormatException"/> at their place.</summary>
    private ParsingEvent Next()
    {
        try
        {
            if (!_parser.MoveNext())
            {
                throw Error(_last?.End ?? Mark.Empty, "the YAML ends unexpectedly");
            }
        }
        catch (YamlException e)
        {
            throw new SpecFormatException(source, (int)e.Start.Line, (int)e.Start.Column, e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner fails this way on some malformed input (an unclosed flow sequence before a new key).
            Mark at = _last?.End ?? Mark.Empty;
            throw new SpecFormatException(source, (int)at.Line, (int)at.Column, "the YAML is malformed after this point; the parser gives no reason", e);
        }
        _last = _parser.Current!;
        return _last;
    }

    private SpecFormatException Error(Mark at, string detail) => new(source, (int)at.Line, (int)at.Column, detail);
}
