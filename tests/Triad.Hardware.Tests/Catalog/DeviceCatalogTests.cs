using Triad.Hardware.Catalog;

namespace Triad.Hardware.Tests.Catalog;

public class DeviceCatalogTests
{
    [Fact]
    public void BuiltIn_HasTheRequiredDevices_EachWithSourcedFigures()
    {
        DeviceCatalog catalog = DeviceCatalog.BuiltIn;
        foreach (string id in (string[])["a100-sxm", "h100-sxm", "h200-sxm", "b200", "epyc-9654", "mzi-mesh-64", "sycamore"])
        {
            DeviceProfile d = catalog.Get(id);
            Assert.NotEmpty(d.Figures);
            Assert.All(d.Figures, f => Assert.True(d.Sources.ContainsKey(f.Value.Source), $"{id}: {f.Key} cites '{f.Value.Source}'"));
        }
        Assert.Contains(catalog.Devices, d => d.Kind == DeviceKind.Photonic);
        Assert.Contains(catalog.Devices, d => d.Kind == DeviceKind.Qpu);
        Assert.Contains(catalog.Devices, d => d.Kind == DeviceKind.Cpu);
    }

    [Fact]
    public void BuiltIn_H100_HasDatasheetFigures()
    {
        var h100 = (ElectronicProfile)DeviceCatalog.BuiltIn.Get("h100-sxm");
        Assert.Equal(989.4, h100.PeakTflops[Precision.Bf16].Value);
        Assert.Equal(3350, h100.MemoryBandwidthGigabytesPerSecond.Value);
        Assert.Equal(700, h100.TdpWatts.Value);
        Assert.Equal(80, h100.MemoryGigabytes.Value);
    }

    [Fact]
    public void BuiltIn_ClaimsAreKeptApartAndUnverified()
    {
        DeviceProfile b200 = DeviceCatalog.BuiltIn.Get("b200");
        DeviceClaim claim = Assert.Single(b200.Claims);
        Assert.Equal("unverified", claim.Status);
        Assert.DoesNotContain(b200.Figures, f => f.Value.Value == claim.Value && f.Key.Contains("training", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadDirectory_ReadsTheRepositoryFiles_SameAsBuiltIn()
    {
        string dir = Path.Combine(RepositoryRoot(), "data", "devices");
        DeviceCatalog fromFiles = DeviceCatalog.LoadDirectory(dir);
        Assert.Equal(DeviceCatalog.BuiltIn.Devices.Select(d => d.Id), fromFiles.Devices.Select(d => d.Id));
    }

    [Fact]
    public void Get_UnknownId_NamesItAndListsKnown()
    {
        var e = Assert.Throws<HardwareDataException>(() => DeviceCatalog.BuiltIn.Get("h900"));
        Assert.Contains("unknown device 'h900'", e.Message, StringComparison.Ordinal);
        Assert.Contains("h100-sxm", e.Message, StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Triad.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }
        return dir ?? throw new InvalidOperationException("Triad.slnx not found above the test binaries");
    }
}
