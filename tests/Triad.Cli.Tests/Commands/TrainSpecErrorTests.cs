using System.Diagnostics;
using System.Text;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

/// <summary>
/// Spec files that must not train: graphs that do not hold together, names that would write outside the run
/// folder, duplicate keys and YAML alias bombs. Each ends with exit code 2, one stderr line naming the file (and the
/// node), and nothing written.
/// </summary>
public sealed class TrainSpecErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Out => _folder.File("out");

    private CliResult Train(string specPath) => TriadCli.Run("train", "--model", specPath, "--epochs", "1", "--out", Out);

    public static TheoryData<string, string, string[]> GraphErrors => new()
    {
        {
            "unknown-input.json",
            """{"input":[64],"nodes":[{"name":"h","type":"dense","units":16,"inputs":["inptu"]},{"name":"out","type":"dense","units":10,"inputs":["h"]}],"output":"out"}""",
            ["unknown-input.json node 'h': input 'inptu' is not a node"]
        },
        {
            "cycle.json",
            """{"input":[64],"nodes":[{"name":"a","type":"relu","inputs":["b"]},{"name":"b","type":"relu","inputs":["a"]},{"name":"out","type":"dense","units":10,"inputs":["b"]}],"output":"out"}""",
            ["cycle.json: nodes 'a' → 'b' → 'a' form a cycle"]
        },
        {
            "shapes.json",
            """{"input":[64],"nodes":[{"name":"h","type":"dense","units":128,"inputs":["input"]},{"name":"f","type":"dense","units":64,"inputs":["h"]},{"name":"r","type":"add","inputs":["h","f"]},{"name":"out","type":"dense","units":10,"inputs":["r"]}],"output":"out"}""",
            ["shapes.json node 'r': add inputs do not meet: [128] and [64]"]
        },
        {
            "unused.json",
            """{"input":[64],"nodes":[{"name":"h","type":"dense","units":16,"inputs":["input"]},{"name":"spare","type":"relu","inputs":["h"]},{"name":"out","type":"dense","units":10,"inputs":["h"]}],"output":"out"}""",
            ["unused.json node 'spare': its output is used by no node on the way to the output 'out'"]
        },
        {
            "duplicate.yaml",
            "input: [64]\nnodes:\n  - {name: h, type: dense, units: 16, inputs: [input]}\n  - {name: h, type: relu, inputs: [h]}\n  - {name: out, type: dense, units: 10, inputs: [h]}\noutput: out\n",
            ["duplicate.yaml node 'h': the name is already used by node 1"]
        },
        {
            "bad-init.json",
            """{"input":[64],"nodes":[{"name":"out","type":"dense","units":10,"init":"glorot","inputs":["input"]}],"output":"out"}""",
            ["bad-init.json node 'out': dense setting 'init' = 'glorot' must be one of he, xavier"]
        },
    };

    [Theory]
    [MemberData(nameof(GraphErrors))]
    public void Train_SpecWithBrokenGraph_OneLineErrorNamingFileAndNodeAndNothingWritten(string file, string text, string[] mentions)
    {
        CliResult result = Train(_folder.Write(file, text));

        TriadCli.AssertOneLineError(result, 2, mentions);
        Assert.False(Directory.Exists(Out), "the output folder was made for a spec that cannot train");
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("/tmp/triad-evil")]
    [InlineData("a\u0000b")]
    public void Train_SpecWithPathOrNulAsModelName_IsRefusedAndWritesNothing(string name)
    {
        // No --out: the run folder would be runs/<name>-digits-seed42, so a path as the name would leave runs/.
        string spec = _folder.Write("evil.json", new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = name,
            ["input"] = new System.Text.Json.Nodes.JsonArray(64),
            ["layers"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["type"] = "dense", ["units"] = 10 }),
        }.ToJsonString());
        string wouldBe = Path.GetFullPath(Path.Combine("runs", $"{name.Replace("\0", "", StringComparison.Ordinal)}-digits-seed42"));

        CliResult result = TriadCli.Run("train", "--model", spec, "--epochs", "1");

        TriadCli.AssertOneLineError(result, 2, "evil.json: model name ", "must be 1 to 64 letters");
        Assert.DoesNotContain('\0', result.Stderr);
        Assert.False(Directory.Exists(wouldBe), $"{wouldBe} was made");
    }

    [Theory]
    [InlineData("dup.json", "{\n  \"input\": [64],\n  \"layers\": [ { \"type\": \"dense\", \"units\": 10 } ],\n  \"input\": [8, 8]\n}\n", "dup.json line 4", "duplicate key 'input'")]
    [InlineData("dup.yaml", "input: [64]\nlayers:\n  - type: dense\n    units: 10\n    units: 12\n", "dup.yaml line 5", "duplicate key 'units'")]
    public void Train_SpecWithDuplicateKey_OneLineErrorNamingFileAndLine(string file, string text, string where, string what)
    {
        TriadCli.AssertOneLineError(Train(_folder.Write(file, text)), 2, where, what);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void Train_YamlAliasBomb_FailsFastWithOneLine()
    {
        // a: 9 strings; b: 9 aliases of a; … i: 9 aliases of h: 9⁹ ≈ 3.9·10⁸ strings if expanded.
        var text = new StringBuilder("a: &a [" + string.Join(", ", Enumerable.Repeat("\"lol\"", 9)) + "]\n");
        for (char level = 'b'; level <= 'i'; level++)
        {
            text.Append(level).Append(": &").Append(level).Append(" [").AppendJoin(", ", Enumerable.Repeat($"*{(char)(level - 1)}", 9)).Append("]\n");
        }
        string spec = _folder.Write("lol.yaml", text.ToString());
        var clock = Stopwatch.StartNew();

        CliResult result = Train(spec);

        TriadCli.AssertOneLineError(result, 2, "lol.yaml line ", "the limit");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalMilliseconds:F0} ms");
    }
}
