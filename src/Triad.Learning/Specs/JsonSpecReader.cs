using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Triad.Learning.Specs;

/// <summary>
/// Builds the <see cref="JsonNode"/> tree of a JSON spec token by token with <see cref="Utf8JsonReader"/>, so that it
/// can refuse a duplicate key (the runtime's parser keeps the last, or fails with its own message), count values
/// against <see cref="SpecDocument.MaxNodes"/> and nesting against <see cref="SpecDocument.MaxDepth"/>, and name lines
/// and columns in characters rather than bytes.
/// </summary>
internal static class JsonSpecReader
{
    private static readonly JsonReaderOptions s_options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // One level beyond ours, so that our own check, with its own message, comes first.
        MaxDepth = SpecDocument.MaxDepth + 1,
    };

    public static JsonNode Read(string text, string source)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        var lines = new LineMap(utf8);
        var reader = new Utf8JsonReader(utf8, s_options);
        var open = new Stack<Container>();
        JsonNode? root = null;
        int nodes = 0;
        try
        {
            while (reader.Read())
            {
                JsonNode? node;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        open.Peek().SetKey(reader.GetString()!, lines.Position(reader.TokenStartIndex).Line, source);
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        open.Pop();
                        continue;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (open.Count >= SpecDocument.MaxDepth)
                        {
                            throw Error(source, lines.Position(reader.TokenStartIndex), $"nesting deeper than {SpecDocument.MaxDepth} levels, the limit");
                        }
                        node = reader.TokenType == JsonTokenType.StartObject ? new JsonObject() : new JsonArray();
                        break;
                    case JsonTokenType.String:
                        node = JsonValue.Create(reader.GetString());
                        break;
                    case JsonTokenType.Number:
                        node = JsonValue.Create(JsonElement.ParseValue(ref reader));
                        break;
                    case JsonTokenType.True:
                    case JsonTokenType.False:
                        node = JsonValue.Create(reader.GetBoolean());
                        break;
                    case JsonTokenType.Null:
                        node = null;
                        break;
                    default:
                        continue;
                }
                if (++nodes > SpecDocument.MaxNodes)
                {
                    throw Error(source, lines.Position(reader.TokenStartIndex), string.Create(
                        CultureInfo.InvariantCulture, $"the document holds more than {SpecDocument.MaxNodes:N0} values, the limit"));
                }
                if (open.Count == 0)
                {
                    root = node;
                }
                else
                {
                    open.Peek().Add(node);
                }
                if (node is JsonObject or JsonArray)
                {
                    open.Push(new Container(node));
                }
            }
        }
        catch (JsonException e)
        {
            // The reader's own message ends with " LineNumber: 2 | BytePositionInLine: 7."; the place goes in front instead.
            string detail = e.Message;
            int suffix = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
            detail = (suffix >= 0 ? detail[..suffix] : detail).TrimEnd('.');
            (int Line, int Column) at = e.LineNumber is { } line && e.BytePositionInLine is { } column
                ? lines.Position((int)line, column)
                : (0, 0);
            throw new SpecFormatException(source, at.Line, at.Column, detail, e);
        }
        return root ?? throw new SpecFormatException(source, 1, 0, "the document is null; expected a spec");
    }

    private static SpecFormatException Error(string source, (int Line, int Column) at, string detail) =>
        new(source, at.Line, at.Column, detail);

    /// <summary>An open object or array, with the keys seen so far in an object and the key awaiting its value.</summary>
    private sealed class Container(JsonNode node)
    {
        private Dictionary<string, int>? _keyLines;
        private string? _pendingKey;

        public void SetKey(string key, int line, string source)
        {
            _keyLines ??= new Dictionary<string, int>(StringComparer.Ordinal);
            if (!_keyLines.TryAdd(key, line))
            {
                throw new SpecFormatException(source, line, 0, $"duplicate key '{key}' (first at line {_keyLines[key]})");
            }
            _pendingKey = key;
        }

        public void Add(JsonNode? value)
        {
            if (node is JsonObject obj)
            {
                obj.Add(_pendingKey!, value);
            }
            else
            {
                ((JsonArray)node).Add(value);
            }
        }
    }

    /// <summary>Turns byte offsets in UTF-8 text into 1-based lines and columns counted in characters.</summary>
    private sealed class LineMap
    {
        private readonly byte[] _utf8;
        private readonly List<int> _lineStarts = [0];

        public LineMap(byte[] utf8)
        {
            _utf8 = utf8;
            for (int i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    _lineStarts.Add(i + 1);
                }
            }
        }

        /// <summary>Line and column of byte <paramref name="offset"/>.</summary>
        public (int Line, int Column) Position(long offset)
        {
            int index = _lineStarts.BinarySearch((int)offset);
            int line = index >= 0 ? index : ~index - 1;
            return Position(line, offset - _lineStarts[line]);
        }

        /// <summary>Line and column of the byte <paramref name="byteInLine"/> bytes into 0-based line <paramref name="line"/>.</summary>
        public (int Line, int Column) Position(int line, long byteInLine)
        {
            if (line < 0 || line >= _lineStarts.Count)
            {
                return (0, 0);
            }
            int start = _lineStarts[line];
            int length = (int)Math.Clamp(byteInLine, 0, _utf8.Length - start);
            return (line + 1, Encoding.UTF8.GetCharCount(_utf8, start, length) + 1);
        }
    }
}
