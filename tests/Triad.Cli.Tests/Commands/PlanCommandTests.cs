using System.Text.Json;
using Triad.Cli.Tests.TestSupport;

namespace Triad.Cli.Tests.Commands;

public class PlanCommandTests
{
    private static string RepositoryFile(params string[] parts)
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Triad.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }
        return Path.Combine([dir ?? throw new InvalidOperationException("Triad.slnx not found"), .. parts]);
    }

    private static JsonElement Json(CliResult r)
    {
        Assert.True(r.ExitCode == 0, r.ToString());
        return JsonDocument.Parse(r.Stdout).RootElement;
    }

    [Fact]
    public void Estimate_Json_HasTotalsAndAssumptions()
    {
        // 6 × 1e9 × 1e12 = 6e21 FLOPs; / (312e12 × 0.5) = 3.84615e7 s = 10,683.76 A100-hours; × 400 W × 1.1 = 4.70085 MWh; × 0.4 = 1.88034 t.
        JsonElement j = Json(TriadCli.Run("plan", "estimate", "--params", "1e9", "--tokens", "1e12", "--device", "a100-sxm",
            "--count", "64", "--mfu", "0.5", "--pue", "1.1", "--carbon-intensity", "0.4", "--json"));
        Assert.Equal(6e21, j.GetProperty("flops").GetDouble());
        Assert.Equal(10683.76, j.GetProperty("deviceHours").GetDouble(), 0.01);
        Assert.Equal(10683.76 / 64 / 24, j.GetProperty("wallClockDays").GetDouble(), 1e-3);
        Assert.Equal(4.70085, j.GetProperty("energyMegawattHours").GetDouble(), 1e-5);
        Assert.Equal(1.88034, j.GetProperty("tonnesCo2e").GetDouble(), 1e-5);
        Assert.True(j.GetProperty("assumptions").GetArrayLength() >= 6);
    }

    [Fact]
    public void Estimate_Model_UsesItsParametersAndTokens()
    {
        JsonElement j = Json(TriadCli.Run("plan", "estimate", "--model", "llama-2-70b", "--device", "a100-sxm", "--mfu", "0.4", "--json"));
        Assert.Equal(68_976_648_192, j.GetProperty("parameters").GetDouble());
        Assert.Equal(2e12, j.GetProperty("tokens").GetDouble());
        Assert.Equal(1.842e6, j.GetProperty("deviceHours").GetDouble(), 0.001e6);
        Assert.Equal(JsonValueKind.Null, j.GetProperty("tonnesCo2e").ValueKind);
    }

    [Fact]
    public void Estimate_GivenFlops_UsedInsteadOf6ND()
    {
        // 3.12e21 FLOPs / (312e12 × 0.5) = 2e7 s = 5,555.6 A100-hours.
        JsonElement j = Json(TriadCli.Run("plan", "estimate", "--params", "1e9", "--tokens", "1e11", "--flops", "3.12e21", "--device", "a100-sxm",
            "--mfu", "0.5", "--json"));
        Assert.Equal(3.12e21, j.GetProperty("flops").GetDouble());
        Assert.Equal(5555.56, j.GetProperty("deviceHours").GetDouble(), 0.01);
        Assert.Contains(j.GetProperty("assumptions").EnumerateArray(), a => a.GetString()!.StartsWith("training FLOPs given", StringComparison.Ordinal));
    }

    [Fact]
    public void Estimate_Text_PrintsTableAndAssumptions()
    {
        CliResult r = TriadCli.Run("plan", "estimate", "--params", "7e9", "--tokens", "2e12", "--device", "h100-sxm", "--mfu", "0.4");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("device-hours", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("assumptions:", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("6·N·D", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Devices_ListAndShow_Json()
    {
        JsonElement list = Json(TriadCli.Run("plan", "devices", "--json"));
        string[] ids = [.. list.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()!)];
        Assert.Contains("h100-sxm", ids);
        Assert.Contains("sycamore", ids);
        JsonElement h100 = Json(TriadCli.Run("plan", "devices", "h100-sxm", "--json"));
        JsonElement bw = h100.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "memoryBandwidthGigabytesPerSecond");
        Assert.Equal(3350, bw.GetProperty("value").GetDouble());
        Assert.Contains("datasheet", h100.GetProperty("sources").GetProperty(bw.GetProperty("source").GetString()!).GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_Topcuoglu2002_Makespan80AndGanttSvg()
    {
        using var folder = new TempFolder();
        string svg = folder.File("gantt.svg");
        JsonElement j = Json(TriadCli.Run("plan", "schedule", RepositoryFile("docs", "examples", "topcuoglu2002.json"), "--svg", svg, "--json"));
        Assert.Equal(80, j.GetProperty("makespan").GetDouble(), 1e-9);
        Assert.Equal(10, j.GetProperty("schedule").GetArrayLength());
        string text = File.ReadAllText(svg);
        Assert.Contains("<svg", text, StringComparison.Ordinal);
        Assert.Contains("n10", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_Text_PrintsTableAndMakespan()
    {
        using var folder = new TempFolder();
        string graph = folder.Write("g.json", File.ReadAllText(RepositoryFile("docs", "examples", "topcuoglu2002.json")));
        CliResult r = TriadCli.Run("plan", "schedule", graph);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("makespan: 80", r.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(folder.File("g.gantt.svg")));
    }

    [Fact]
    public void Schedule_Cycle_OneLineError()
    {
        using var folder = new TempFolder();
        string graph = folder.Write("cyclic.json", """
            {"devices": ["p"], "tasks": [{"id": "a", "costs": {"p": 1}}, {"id": "b", "costs": {"p": 1}}],
             "edges": [{"from": "a", "to": "b"}, {"from": "b", "to": "a"}]}
            """);
        TriadCli.AssertOneLineError(TriadCli.Run("plan", "schedule", graph), 2, "cyclic.json", "cycle", "a -> b -> a");
    }

    [Fact]
    public void Schedule_TaskNoDeviceCanRun_OneLineError()
    {
        using var folder = new TempFolder();
        string graph = folder.Write("g.json", """{"devices": ["gpu"], "tasks": [{"id": "circuit", "costs": {}}]}""");
        TriadCli.AssertOneLineError(TriadCli.Run("plan", "schedule", graph), 2, "task 'circuit': no device can run it");
    }

    [Fact]
    public void Devices_CatalogFileMissingField_OneLineError()
    {
        using var folder = new TempFolder();
        string h100 = File.ReadAllText(RepositoryFile("data", "devices", "h100-sxm.json"));
        folder.Write("devices/h100-sxm.json", h100.Replace("\"tdpWatts\"", "\"tdp\"", StringComparison.Ordinal));
        TriadCli.AssertOneLineError(TriadCli.Run("plan", "devices", "--catalog", folder.File("devices")), 2, "h100-sxm.json", "tdp");
    }

    [Fact]
    public void Estimate_CatalogFileNegativeBandwidth_OneLineError()
    {
        using var folder = new TempFolder();
        string h100 = File.ReadAllText(RepositoryFile("data", "devices", "h100-sxm.json"));
        folder.Write("devices/h100-sxm.json", h100.Replace("\"value\": 3350", "\"value\": -3350", StringComparison.Ordinal));
        TriadCli.AssertOneLineError(TriadCli.Run("plan", "estimate", "--params", "1e9", "--tokens", "1e12", "--device", "h100-sxm",
            "--mfu", "0.4", "--catalog", folder.File("devices")), 2, "h100-sxm.json", "memoryBandwidthGigabytesPerSecond", "-3350", "negative");
    }

    [Theory]
    [InlineData("--device", "h900", "unknown device 'h900'")]
    [InlineData("--model", "llama-9", "unknown model 'llama-9'")]
    public void Estimate_UnknownName_OneLineError(string option, string value, string expected)
    {
        string[] args = option == "--device"
            ? ["plan", "estimate", "--params", "1e9", "--tokens", "1e12", "--device", value, "--mfu", "0.4"]
            : ["plan", "estimate", "--model", value, "--device", "h100-sxm", "--mfu", "0.4"];
        TriadCli.AssertOneLineError(TriadCli.Run(args), 2, expected);
    }

    [Fact]
    public void Devices_UnknownId_OneLineError() =>
        TriadCli.AssertOneLineError(TriadCli.Run("plan", "devices", "tpu-v9"), 2, "unknown device 'tpu-v9'");

    [Theory]
    [InlineData("0")]
    [InlineData("1.01")]
    [InlineData("-0.5")]
    public void Estimate_MfuOutsideRange_OneLineError(string mfu) =>
        TriadCli.AssertOneLineError(TriadCli.Run("plan", "estimate", "--params", "1e9", "--tokens", "1e12", "--device", "h100-sxm", "--mfu", mfu),
            2, "--mfu", "must lie in (0, 1]");

    [Fact]
    public void Estimate_NoParamsNorModel_OneLineError() =>
        TriadCli.AssertOneLineError(TriadCli.Run("plan", "estimate", "--tokens", "1e12", "--device", "h100-sxm", "--mfu", "0.4"),
            2, "--params or --model");

    [Fact]
    public void Schedule_MissingFile_OneLineError() =>
        TriadCli.AssertOneLineError(TriadCli.Run("plan", "schedule", "/nonexistent/g.json"), 2, "/nonexistent/g.json");
}
