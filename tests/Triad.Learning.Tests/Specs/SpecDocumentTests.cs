using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Triad.Learning.Specs;
using Triad.Learning.Tests.Data;

namespace Triad.Learning.Tests.Specs;

public sealed class SpecDocumentTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // ---- Trees: both syntaxes give the same JsonNode tree ----

    private const string ScalarsYaml = """
        # a model spec
        name: mlp
        input: [1, 28, 28]
        rate: 1e-3
        half: .5
        negative: -2
        positive: +3
        float: 2.50
        trailing: 2.
        padded: 007
        enabled: true
        Disabled: False
        nothing: ~
        also: null
        empty:
        quoted: '123'
        dquoted: "true"
        text: hello world
        hex: 0x1F
        infinite: .inf
        tagged: !!str 12
        tagint: !!int "42"
        block: |
          line one
          line two
        layers:
          - type: dense
            units: 64
          - {type: relu}
        nested:
          deeper:
            value: 1.5
        """;

    private const string ScalarsJson = """
        {"name": "mlp", "input": [1, 28, 28], "rate": 0.001, "half": 0.5, "negative": -2, "positive": 3,
         "float": 2.5, "trailing": 2, "padded": 7, "enabled": true, "Disabled": false, "nothing": null, "also": null,
         "empty": null, "quoted": "123", "dquoted": "true", "text": "hello world", "hex": "0x1F", "infinite": ".inf",
         "tagged": "12", "tagint": 42, "block": "line one\nline two\n",
         "layers": [{"type": "dense", "units": 64}, {"type": "relu"}], "nested": {"deeper": {"value": 1.5}}}
        """;

    [Fact]
    public void Parse_YamlScalarsListsAndObjects_MapToJsonTypes()
    {
        JsonNode root = SpecDocument.Parse(ScalarsYaml, "spec.yaml", SpecSyntax.Yaml);

        AssertTree(JsonNode.Parse(ScalarsJson)!, root);
        Assert.Equal(JsonValueKind.Number, root["rate"]!.GetValueKind());
        Assert.Equal(0.001, root["rate"]!.GetValue<double>());
        Assert.Equal(64, root["layers"]![0]!["units"]!.GetValue<int>());
        Assert.Equal(JsonValueKind.String, root["quoted"]!.GetValueKind());
        Assert.Equal(JsonValueKind.True, root["enabled"]!.GetValueKind());
        Assert.Null(root["empty"]);
        Assert.True(((JsonObject)root).ContainsKey("empty"));
    }

    [Fact]
    public void Parse_JsonWithCommentsAndTrailingCommas_SameTreeAsPlainJson()
    {
        const string text = """
            // a model spec
            {
              "name": "mlp", /* inline */
              "input": [1, 28, 28,],
              "rate": 1e-3,
              "layers": [{"type": "dense", "units": 64,}, {"type": "relu"},],
              "enabled": true, "nothing": null,
            }
            """;

        JsonNode root = SpecDocument.Parse(text, "spec.json", SpecSyntax.Json);

        AssertTree(JsonNode.Parse("""
            {"name": "mlp", "input": [1, 28, 28], "rate": 0.001, "layers": [{"type": "dense", "units": 64}, {"type": "relu"}],
             "enabled": true, "nothing": null}
            """)!, root);
        Assert.Equal(64, root["layers"]![0]!["units"]!.GetValue<int>());
        Assert.Equal(64.0, root["layers"]![0]!["units"]!.GetValue<double>());
    }

    [Fact]
    public void Parse_SameSpecInBothSyntaxes_GivesEqualTrees()
    {
        JsonNode fromYaml = SpecDocument.Parse(ScalarsYaml, "spec.yaml", SpecSyntax.Yaml);
        JsonNode fromJson = SpecDocument.Parse(ScalarsJson, "spec.json", SpecSyntax.Json);

        AssertTree(fromJson, fromYaml);
    }

    [Fact]
    public void Parse_YamlAliasesWithinBudget_ExpandToIndependentCopies()
    {
        const string text = """
            dense: &dense {type: dense, units: 4}
            layers: [*dense, *dense]
            key: &k units
            sizes: {*k : 3}
            """;

        JsonNode root = SpecDocument.Parse(text, "spec.yaml", SpecSyntax.Yaml);
        root["layers"]![0]!["units"] = 99;

        AssertTree(JsonNode.Parse("""{"type": "dense", "units": 4}""")!, root["layers"]![1]!);
        AssertTree(JsonNode.Parse("""{"type": "dense", "units": 4}""")!, root["dense"]!);
        Assert.Equal(3, root["sizes"]!["units"]!.GetValue<int>());
    }

    // ---- Billion laughs and other budgets ----

    [Fact]
    public void Parse_YamlBillionLaughs9By9_FailsQuicklyWithBudgetMessage()
    {
        // a: 9 strings; b: 9 aliases of a; … i: 9 aliases of h: 9^9 = 387,420,489 strings if expanded.
        var text = new StringBuilder("a: &a [" + string.Join(", ", Enumerable.Repeat("\"lol\"", 9)) + "]\n");
        for (char level = 'b'; level <= 'i'; level++)
        {
            text.Append(level).Append(": &").Append(level).Append(" [")
                .AppendJoin(", ", Enumerable.Repeat($"*{(char)(level - 1)}", 9)).Append("]\n");
        }
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<SpecFormatException>(() => SpecDocument.Parse(text.ToString(), "lol.yaml", SpecSyntax.Yaml));

        // Values so far: the root, a (10), b (91), c (820), d (7,381), e (66,430), f's list; then *e would add 66,430.
        Assert.Equal(
            "lol.yaml line 6, column 8: alias '*e' stands for 66,430 values, which would take the document past 100,000 values, the limit",
            e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalMilliseconds:F0} ms for {text.Length} bytes");
        Assert.True(text.Length < 600, $"{text.Length} bytes");
    }

    [Theory]
    [InlineData(SpecSyntax.Json)]
    [InlineData(SpecSyntax.Yaml)]
    public void Parse_ListOfMoreThanMaxNodesValues_ThrowsBudget(SpecSyntax syntax)
    {
        string text = "[" + string.Join(",", Enumerable.Repeat("0", SpecDocument.MaxNodes)) + "]";

        var e = Assert.Throws<SpecFormatException>(() => SpecDocument.Parse(text, "many", syntax));

        Assert.EndsWith("the document holds more than 100,000 values, the limit", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, e.Line);
    }

    // ---- Depth ----

    [Theory]
    [InlineData(SpecSyntax.Json)]
    [InlineData(SpecSyntax.Yaml)]
    public void Parse_64NestedLists_Parses(SpecSyntax syntax)
    {
        JsonNode root = SpecDocument.Parse(new string('[', 64) + new string(']', 64), "deep", syntax);

        int depth = 0;
        for (JsonNode? node = root; node is JsonArray { Count: > 0 } array; node = array[0])
        {
            depth++;
        }
        Assert.Equal(63, depth); // the innermost list is empty
    }

    [Theory]
    [InlineData(SpecSyntax.Json)]
    [InlineData(SpecSyntax.Yaml)]
    public void Parse_65NestedLists_ThrowsDepthAtTheOpeningBracket(SpecSyntax syntax)
    {
        var e = Assert.Throws<SpecFormatException>(
            () => SpecDocument.Parse(new string('[', 65) + new string(']', 65), "deep", syntax));

        Assert.Equal("deep line 1, column 65: nesting deeper than 64 levels, the limit", e.Message);
    }

    [Fact]
    public void Parse_Yaml65NestedBlockMappings_ThrowsDepthAtLine65()
    {
        var text = new StringBuilder();
        for (int level = 0; level < 65; level++)
        {
            text.Append(' ', 2 * level).Append("k:\n");
        }
        text.Append(' ', 2 * 65).Append("1\n");

        var e = Assert.Throws<SpecFormatException>(() => SpecDocument.Parse(text.ToString(), "deep.yaml", SpecSyntax.Yaml));

        Assert.Equal((65, 129), (e.Line, e.Column));
        Assert.Contains("nesting deeper than 64 levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_YamlAliasThatWouldNestTooDeep_ThrowsNamingAlias()
    {
        string text = "a: &x " + new string('[', 40) + new string(']', 40) + "\n"
            + "b: " + new string('[', 25) + "*x" + new string(']', 25) + "\n";

        var e = Assert.Throws<SpecFormatException>(() => SpecDocument.Parse(text, "spec.yaml", SpecSyntax.Yaml));

        Assert.Equal(
            "spec.yaml line 2, column 29: alias '*x' nests 40 levels, which would take the document deeper than 64 levels, the limit",
            e.Message);
    }

    // ---- Duplicate keys ----

    [Fact]
    public void Parse_JsonDuplicateKey_ThrowsNamingLineAndFirstLine()
    {
        const string text = """
            {
              "name": "mlp",
              "units": 3,
              "layers": [
                {"units": 1}
              ],
              "units": 4
            }
            """;

        var e = Assert.Throws<SpecFormatException>(() => SpecDocument.Parse(text, "spec.json", SpecSyntax.Json));

        Assert.Equal("spec.json line 7: duplicate key 'units' (first at line 3)", e.Message);
        Assert.Equal(("spec.json", 7, 0), (e.SourceName, e.Line, e.Column));
    }

    [Fact]
    public void Parse_JsonDuplicateKeyWrittenWithEscape_Throws()
    {
        var e = Assert.Throws<SpecFormatException>(
            () => SpecDocument.Parse("{\"units\": 1,\n \"\\u0075nits\": 2}", "spec.json", SpecSyntax.Json));

        Assert.Equal("spec.json line 2: duplicate key 'units' (first at line 1)", e.Message);
    }

    [Fact]
    public void Parse_YamlDuplicateKey_ThrowsNamingLineAndFirstLine()
    {
        const string text = """
            # spec
            name: mlp
            units: 3
            layers:
              - units: 1
                type: dense
            units: 4
            """;

        var e = Assert.Throws<SpecFormatException>(() => SpecDocument.Parse(text, "spec.yaml", SpecSyntax.Yaml));

        Assert.Equal("spec.yaml line 7: duplicate key 'units' (first at line 3)", e.Message);
    }

    [Theory]
    [InlineData("layers:\n  - {type: dense, units: 1, units: 2}\n", 2)]
    [InlineData("a:\n  b: 1\n  c: 2\n  b: 3\n", 4)]
    public void Parse_YamlDuplicateKeyInNestedMapping_ThrowsAtItsLine(string text, int line)
    {
        var e = Assert.Throws<SpecFormatException>(() => SpecDocument.Parse(text, "spec.yaml", SpecSyntax.Yaml));

        Assert.Equal(line, e.Line);
        Assert.Contains("duplicate key", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SpecSyntax.Json, "[{\"units\": 1}, {\"units\": 2}]")]
    [InlineData(SpecSyntax.Yaml, "- units: 1\n- units: 2\n")]
    public void Parse_SameKeyInSiblingObjects_IsAllowed(SpecSyntax syntax, string text)
    {
        JsonNode root = SpecDocument.Parse(text, "spec", syntax);

        Assert.Equal(2, root[1]!["units"]!.GetValue<int>());
    }

    // ---- Syntax errors name line and column ----

    [Fact]
    public void Parse_InvalidJson_NamesLineAndColumn()
    {
        var e = Assert.Throws<SpecFormatException>(
            () => SpecDocument.Parse("{\n  \"a\": 1,\n  \"b\": }\n", "spec.json", SpecSyntax.Json));

        Assert.Equal("spec.json line 3, column 8: '}' is an invalid start of a value", e.Message);
        Assert.IsAssignableFrom<JsonException>(e.InnerException);
    }

    [Fact]
    public void Parse_InvalidJsonAfterNonAscii_ColumnCountsCharacters()
    {
        var e = Assert.Throws<SpecFormatException>(() => SpecDocument.Parse("[\"é\", }", "spec.json", SpecSyntax.Json));

        Assert.Equal((1, 7), (e.Line, e.Column));
    }

    [Theory]
    [InlineData("", "the input does not contain any JSON tokens")]
    [InlineData("null", "the document is null")]
    [InlineData("{\"a\": 1} x", "'x' is invalid after a single JSON value")]
    public void Parse_JsonEmptyNullOrTrailingText_Throws(string text, string expected)
    {
        var e = Assert.Throws<SpecFormatException>(() => SpecDocument.Parse(text, "spec.json", SpecSyntax.Json));

        Assert.Contains(expected, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("spec.json line 1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: 1\n  b: 2\n", "spec.yaml line 2, column 4: While scanning a plain scalar value, found invalid mapping.")]
    [InlineData("a: *nope\n", "spec.yaml line 1, column 4: alias '*nope' has no anchor '&nope' before it")]
    [InlineData("&a [*a]", "spec.yaml line 1, column 5: alias '*a' refers to a node that contains it")]
    [InlineData("? [1]\n: 2\n", "spec.yaml line 1, column 3: a mapping key must be a scalar, found a sequence")]
    [InlineData("a: 1\n---\nb: 2\n", "spec.yaml line 2, column 1: a second YAML document; a spec file holds one")]
    [InlineData("", "spec.yaml line 1, column 1: the document is empty; expected a spec")]
    [InlineData("# only a comment\n", "spec.yaml line 2, column 1: the document is empty; expected a spec")]
    [InlineData("~\n", "spec.yaml line 1, column 1: the document is null; expected a spec")]
    [InlineData("a: 1\nb: !foo x\n", "spec.yaml line 2, column 4: tag '!foo' is not supported; a spec holds strings, numbers, booleans and null")]
    [InlineData("a: !!int abc\n", "spec.yaml line 1, column 4: 'abc' is not a decimal number, as its tag !!int requires")]
    public void Parse_InvalidYaml_NamesLineColumnAndFault(string text, string expected)
    {
        var e = Assert.Throws<SpecFormatException>(() => SpecDocument.Parse(text, "spec.yaml", SpecSyntax.Yaml));

        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void Parse_YamlUnclosedFlowListBeforeNextKey_ThrowsSpecFormatNamingLine()
    {
        // YamlDotNet's scanner fails here with a bare InvalidOperationException.
        var e = Assert.Throws<SpecFormatException>(() => SpecDocument.Parse("a: [1, 2\nb: 3\n", "spec.yaml", SpecSyntax.Yaml));

        Assert.StartsWith("spec.yaml line 1, column ", e.Message, StringComparison.Ordinal);
        Assert.Contains("malformed", e.Message, StringComparison.Ordinal);
    }

    // ---- Load ----

    [Theory]
    [InlineData("spec.yaml")]
    [InlineData("spec.YML")]
    public void Load_YamlExtension_ParsesAsYaml(string name)
    {
        string path = _dir.WriteText(name, "units: 64\n");

        Assert.Equal(64, SpecDocument.Load(path)["units"]!.GetValue<int>());
    }

    [Fact]
    public void Load_JsonExtension_ParsesAsJsonOnly()
    {
        string json = _dir.WriteText("spec.json", "{\"units\": 64, // comment\n}");
        string yamlText = _dir.WriteText("other.json", "units: 64\n");

        Assert.Equal(64, SpecDocument.Load(json)["units"]!.GetValue<int>());
        var e = Assert.Throws<SpecFormatException>(() => SpecDocument.Load(yamlText));
        Assert.StartsWith("other.json line 1, column 1: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileOver1MiB_RefusedBeforeReadingIt()
    {
        string path = _dir.File("big.yaml");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes(new string('#', SpecDocument.MaxFileBytes + 1)));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<SpecFormatException>(() => SpecDocument.Load(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("big.yaml: the file is 1,048,577 bytes, more than the 1,048,576 bytes (1 MiB) a spec file may have", e.Message);
        Assert.True(allocated < 256 << 10, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Load_FileOfExactly1MiB_Parses()
    {
        string path = _dir.File("padded.json");
        string text = "{\"units\": 64}";
        File.WriteAllText(path, text + new string(' ', SpecDocument.MaxFileBytes - text.Length));

        Assert.Equal(64, SpecDocument.Load(path)["units"]!.GetValue<int>());
    }

    [Fact]
    public void Load_ByteOrderMark_IsSkipped()
    {
        string path = _dir.File("bom.yaml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "units: 8\n"u8]);

        Assert.Equal(8, SpecDocument.Load(path)["units"]!.GetValue<int>());
    }

    [Fact]
    public void Load_InvalidUtf8_ThrowsNamingLineAndByte()
    {
        string path = _dir.File("bad.yaml");
        File.WriteAllBytes(path, [.. "a: 1\nb: "u8, 0xFF, (byte)'\n']);

        var e = Assert.Throws<SpecFormatException>(() => SpecDocument.Load(path));

        Assert.Equal("bad.yaml line 2: byte 8 of the file is not UTF-8 text; a spec file is UTF-8", e.Message);
    }

    [Fact]
    public void Load_UnknownExtension_Throws()
    {
        string path = _dir.WriteText("spec.txt", "units: 64\n");

        var e = Assert.Throws<SpecFormatException>(() => SpecDocument.Load(path));

        Assert.Equal("spec.txt: extension '.txt' names no spec syntax; expected .json, .yaml or .yml", e.Message);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFoundWithFullPath()
    {
        string path = _dir.File("absent.yaml");

        var e = Assert.Throws<FileNotFoundException>(() => SpecDocument.Load(path));

        Assert.Equal(path, e.FileName);
    }

    private static void AssertTree(JsonNode expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\n  actual {actual.ToJsonString()}");
}
