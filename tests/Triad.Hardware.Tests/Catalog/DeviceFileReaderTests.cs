using Triad.Hardware.Catalog;

namespace Triad.Hardware.Tests.Catalog;

public class DeviceFileReaderTests
{
    private const string Gpu = """
        {
          "id": "test-gpu", "name": "Test GPU", "kind": "gpu",
          "sources": { "ds": "a datasheet" },
          "peakTflops": { "bf16": { "value": 100, "source": "ds" } },
          "memoryGigabytes": { "value": 80, "source": "ds" },
          "memoryBandwidthGigabytesPerSecond": { "value": 2000, "source": "ds" },
          "tdpWatts": { "value": 400, "source": "ds" },
          "interconnectGigabytesPerSecond": { "value": 600, "source": "ds" }
        }
        """;

    [Fact]
    public void Read_ValidGpu_ReadsEveryFigure()
    {
        var p = (ElectronicProfile)DeviceFileReader.Read(Gpu, "test-gpu.json");
        Assert.Equal(100e12, p.PeakFlopsPerSecond(Precision.Bf16));
        Assert.Equal(2000e9, p.MemoryBytesPerSecond);
        Assert.Equal(600, p.InterconnectGigabytesPerSecond!.Value);
    }

    [Fact]
    public void Read_EnergyObject_ReadsPerFlopAndPerByte()
    {
        string json = Gpu.Replace("\"tdpWatts\"", "\"energy\": { \"picojoulesPerFlop\": { \"bf16\": { \"value\": 0.75, \"source\": \"ds\" } }, "
            + "\"memoryPicojoulesPerByte\": { \"value\": 30, \"source\": \"ds\" } }, \"tdpWatts\"", StringComparison.Ordinal);
        var p = (ElectronicProfile)DeviceFileReader.Read(json, "test-gpu.json");
        Assert.Equal(0.75, p.PicojoulesPerFlop[Precision.Bf16].Value);
        Assert.Equal(30, p.MemoryPicojoulesPerByte!.Value);
        Assert.Contains(p.Figures, f => f.Key == "energy.picojoulesPerFlop.bf16");
        Assert.Empty(((ElectronicProfile)DeviceFileReader.Read(Gpu, "test-gpu.json")).PicojoulesPerFlop);
    }

    [Theory]
    [InlineData("\"energy\": { \"picojoulesPerFlop\": { \"bf16\": { \"value\": -1, \"source\": \"ds\" } } }, ",
        "test-gpu.json: energy.picojoulesPerFlop.bf16.value: -1 is negative; must be positive")]
    [InlineData("\"energy\": { \"picojoulesPerFlop\": { \"fp4\": { \"value\": 1, \"source\": \"ds\" } } }, ",
        "test-gpu.json: energy.picojoulesPerFlop.fp4: unknown precision")]
    [InlineData("\"energy\": { \"hbmPicojoules\": { \"value\": 1, \"source\": \"ds\" } }, ", "test-gpu.json: energy.hbmPicojoules: unknown field")]
    public void Read_BadEnergy_OneLineError(string energy, string expected)
    {
        string json = Gpu.Replace("\"tdpWatts\"", energy + "\"tdpWatts\"", StringComparison.Ordinal);
        var e = Assert.Throws<HardwareDataException>(() => DeviceFileReader.Read(json, "test-gpu.json"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DieArea_OptionalPositiveAndListedWithTheFigures()
    {
        string json = Gpu.Replace("\"tdpWatts\"", "\"dieAreaSquareMillimeters\": { \"value\": 814, \"source\": \"ds\" }, \"tdpWatts\"", StringComparison.Ordinal);
        var p = (ElectronicProfile)DeviceFileReader.Read(json, "test-gpu.json");
        Assert.Equal(814, p.DieAreaSquareMillimeters!.Value);
        Assert.Contains(p.Figures, f => f.Key == "dieAreaSquareMillimeters");
        Assert.Null(((ElectronicProfile)DeviceFileReader.Read(Gpu, "test-gpu.json")).DieAreaSquareMillimeters);
        var e = Assert.Throws<HardwareDataException>(() => DeviceFileReader.Read(json.Replace("814", "-814", StringComparison.Ordinal), "test-gpu.json"));
        Assert.Equal("test-gpu.json: dieAreaSquareMillimeters.value: -814 is negative; must be positive", e.Message);
        Assert.Equal(814, ((DeviceCatalog.BuiltIn.Get("h100-sxm") as ElectronicProfile)!).DieAreaSquareMillimeters!.Value);
    }

    [Fact]
    public void Read_MissingField_NamesFileAndField()
    {
        string json = Gpu.Replace("\"tdpWatts\": { \"value\": 400, \"source\": \"ds\" },", "", StringComparison.Ordinal);
        var e = Assert.Throws<HardwareDataException>(() => DeviceFileReader.Read(json, "test-gpu.json"));
        Assert.Equal("test-gpu.json: tdpWatts: missing required field", e.Message);
    }

    [Fact]
    public void Read_NegativeBandwidth_NamesFieldAndValue()
    {
        string json = Gpu.Replace("\"value\": 2000", "\"value\": -2000", StringComparison.Ordinal);
        var e = Assert.Throws<HardwareDataException>(() => DeviceFileReader.Read(json, "test-gpu.json"));
        Assert.Equal("test-gpu.json: memoryBandwidthGigabytesPerSecond.value: -2000 is negative; must be positive", e.Message);
    }

    [Fact]
    public void Read_UnknownKey_NamesIt()
    {
        string json = Gpu.Replace("\"kind\": \"gpu\",", "\"kind\": \"gpu\", \"colour\": \"green\",", StringComparison.Ordinal);
        var e = Assert.Throws<HardwareDataException>(() => DeviceFileReader.Read(json, "test-gpu.json"));
        Assert.StartsWith("test-gpu.json: colour: unknown field", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"source\": \"ds\" } },", "\"source\": \"nowhere\" } },", "peakTflops.bf16.source: 'nowhere' is not a key of sources")]
    [InlineData("\"bf16\"", "\"bf17\"", "peakTflops.bf17: unknown precision")]
    [InlineData("\"kind\": \"gpu\"", "\"kind\": \"tpu\"", "kind: 'tpu' is not one of gpu, cpu, photonic, qpu")]
    [InlineData("\"id\": \"test-gpu\"", "\"id\": \"other\"", "id: 'other' differs from the file name 'test-gpu'")]
    [InlineData("\"value\": 80", "\"value\": \"80\"", "memoryGigabytes.value: must be a finite number, not the string \"80\"")]
    [InlineData("\"value\": 400, \"source\": \"ds\" }", "\"value\": 400, \"source\": \"ds\", \"unit\": \"W\" }", "tdpWatts.unit: unknown field")]
    public void Read_BadField_OneLineErrorNamingIt(string find, string replace, string expected)
    {
        string json = Gpu.Replace(find, replace, StringComparison.Ordinal);
        var e = Assert.Throws<HardwareDataException>(() => DeviceFileReader.Read(json, "test-gpu.json"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("test-gpu.json: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Read_QpuErrorAboveOne_Refused()
    {
        string path = Path.Combine(DeviceCatalogTests.RepositoryRoot(), "data", "devices", "sycamore.json");
        string json = File.ReadAllText(path).Replace("\"value\": 0.038", "\"value\": 3.8", StringComparison.Ordinal);
        var e = Assert.Throws<HardwareDataException>(() => DeviceFileReader.Read(json, "sycamore.json"));
        Assert.Equal("sycamore.json: readoutError.value: 3.8 must be a probability in [0, 1]", e.Message);
    }

    [Fact]
    public void Read_ClaimMarkedVerified_Refused()
    {
        string json = Gpu.TrimEnd().TrimEnd('}') + ", \"claims\": [ { \"text\": \"fast\", \"source\": \"ds\", \"status\": \"verified\" } ] }";
        var e = Assert.Throws<HardwareDataException>(() => DeviceFileReader.Read(json, "test-gpu.json"));
        Assert.Contains("claims[0].status: 'verified' must be \"unverified\"", e.Message, StringComparison.Ordinal);
    }
}
