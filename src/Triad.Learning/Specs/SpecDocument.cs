using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Triad.Learning.Specs;

/// <summary>
/// Reads a spec file (a model spec, and any other configuration in JSON or YAML) into a <see cref="JsonNode"/> tree,
/// with limits that hold against hostile files: duplicate keys are errors in both syntaxes, YAML aliases are
/// expanded only within a budget of <see cref="MaxNodes"/> values (so a "billion laughs" document of nested aliases
/// fails at once), nesting is limited to <see cref="MaxDepth"/> levels, and a file is at most
/// <see cref="MaxFileBytes"/> long.
/// </summary>
/// <remarks>
/// <para>
/// Both syntaxes give the same tree: objects, arrays, strings, booleans, null, and numbers backed by their JSON text
/// (so <c>GetValue&lt;int&gt;()</c> and <c>GetValue&lt;double&gt;()</c> both work on <c>64</c>). YAML scalars follow the
/// YAML 1.2 core schema: a plain scalar that looks like a decimal number (<c>64</c>, <c>-2</c>, <c>+3</c>, <c>.5</c>,
/// <c>1e-3</c>, <c>2.</c>) is a number; <c>true</c>/<c>false</c> (also <c>True</c>, <c>TRUE</c> …) a boolean;
/// <c>null</c>, <c>~</c> and an empty value null; anything quoted, block (<c>|</c>, <c>&gt;</c>) or tagged <c>!!str</c> a
/// string. Hexadecimal, octal, <c>.inf</c> and <c>.nan</c> stay strings, since JSON has no such numbers. Mapping keys
/// must be scalars; the YAML 1.1 merge key <c>&lt;&lt;</c> is an ordinary key.
/// </para>
/// <para>
/// Every fault is a <see cref="SpecFormatException"/> naming the file and the line (and column where the parser
/// gives one). A missing file is a <see cref="FileNotFoundException"/>.
/// </para>
/// </remarks>
public static class SpecDocument
{
    /// <summary>Most values (objects, arrays, scalars; alias expansions included) a document may hold: 100,000.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>Most levels of nested objects and arrays: 64.</summary>
    public const int MaxDepth = 64;

    /// <summary>Largest spec file <see cref="Load"/> reads: 1 MiB.</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>
    /// Parses a spec file's text (JSON with comments and trailing commas allowed, or YAML) into a <see cref="JsonNode"/> tree.
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">Names the file in errors, e.g. "spec.yaml".</param>
    /// <param name="syntax">JSON or YAML.</param>
    /// <returns>The document's root; never null (a document that is null or empty is an error).</returns>
    /// <exception cref="SpecFormatException">The text is not valid, holds a duplicate key, nests deeper than
    /// <see cref="MaxDepth"/> or expands to more than <see cref="MaxNodes"/> values; the message is
    /// "source line L[, column C]: what was wrong".</exception>
    public static JsonNode Parse(string text, string source, SpecSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(source);
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }
        return syntax switch
        {
            SpecSyntax.Json => JsonSpecReader.Read(text, source),
            SpecSyntax.Yaml => new YamlSpecReader(source).Read(text),
            _ => throw new ArgumentOutOfRangeException(nameof(syntax), syntax, "expected Json or Yaml"),
        };
    }

    /// <summary>
    /// Reads and parses the spec file at <paramref name="path"/>; the syntax comes from the extension (.json, .yaml,
    /// .yml, any case). A file over <see cref="MaxFileBytes"/> is refused before it is read.
    /// </summary>
    /// <returns>The document's root; see <see cref="Parse"/>.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist; the message holds the full path.</exception>
    /// <exception cref="SpecFormatException">Unknown extension, file too large, not UTF-8, or not a valid document;
    /// the message starts with the file name.</exception>
    public static JsonNode Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string name = Path.GetFileName(full);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"spec file not found: '{full}'", full);
        }
        string extension = Path.GetExtension(full);
        SpecSyntax syntax = extension.ToUpperInvariant() switch
        {
            ".JSON" => SpecSyntax.Json,
            ".YAML" or ".YML" => SpecSyntax.Yaml,
            _ => throw new SpecFormatException(
                name, 0, 0, $"extension '{extension}' names no spec syntax; expected .json, .yaml or .yml"),
        };

        using var file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        if (file.Length > MaxFileBytes)
        {
            throw TooLarge(name, string.Create(CultureInfo.InvariantCulture, $"is {file.Length:N0} bytes"));
        }
        // One byte more than the length, to notice a file that grew since its length was read.
        var bytes = new byte[file.Length + 1];
        int read = file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (read > MaxFileBytes)
        {
            throw TooLarge(name, "grew while it was read");
        }
        return Parse(DecodeUtf8(bytes.AsSpan(0, read), name), name, syntax);
    }

    private static SpecFormatException TooLarge(string name, string size) => new(
        name, 0, 0,
        string.Create(CultureInfo.InvariantCulture, $"the file {size}, more than the {MaxFileBytes:N0} bytes (1 MiB) a spec file may have"));

    /// <summary>The text of UTF-8 <paramref name="bytes"/> (a byte-order mark is dropped); invalid UTF-8 is an error naming its line.</summary>
    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, string name)
    {
        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }
        var scratch = new char[bytes.Length];
        Utf8.ToUtf16(bytes, scratch, out int valid, out _, replaceInvalidSequences: false);
        int line = bytes[..valid].Count((byte)'\n') + 1;
        throw new SpecFormatException(name, line, 0, $"byte {valid} of the file is not UTF-8 text; a spec file is UTF-8");
    }
}
