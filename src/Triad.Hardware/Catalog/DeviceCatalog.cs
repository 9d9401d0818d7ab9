namespace Triad.Hardware.Catalog;

/// <summary>
/// The devices Triad knows, read from the data files of data/devices/ (one file per device, named after its id;
/// schema in docs/device-catalog.md). <see cref="BuiltIn"/> reads the copies compiled into this assembly;
/// <see cref="LoadDirectory"/> reads a folder of files of the same schema.
/// </summary>
public sealed class DeviceCatalog
{
    private static readonly Lazy<DeviceCatalog> s_builtIn = new(LoadBuiltIn);

    private readonly Dictionary<string, DeviceProfile> _devices;

    /// <summary>A catalog of <paramref name="devices"/>; ids must be distinct.</summary>
    /// <exception cref="HardwareDataException">Two devices share an id.</exception>
    public DeviceCatalog(IEnumerable<DeviceProfile> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        _devices = new Dictionary<string, DeviceProfile>(StringComparer.Ordinal);
        foreach (DeviceProfile d in devices)
        {
            if (!_devices.TryAdd(d.Id, d))
            {
                throw new HardwareDataException($"device id '{d.Id}' appears twice in the catalog");
            }
        }
    }

    /// <summary>The catalog of data/devices/ as built into the assembly.</summary>
    public static DeviceCatalog BuiltIn => s_builtIn.Value;

    /// <summary>Every device, ordered by id.</summary>
    public IReadOnlyList<DeviceProfile> Devices => [.. _devices.Values.OrderBy(d => d.Id, StringComparer.Ordinal)];

    /// <summary>The device called <paramref name="id"/>.</summary>
    /// <exception cref="HardwareDataException">No such device; the message lists the known ids.</exception>
    public DeviceProfile Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _devices.TryGetValue(id, out DeviceProfile? d)
            ? d
            : throw new HardwareDataException($"unknown device '{id}'; known: {string.Join(", ", Devices.Select(x => x.Id))}");
    }

    /// <summary>Whether the catalog has a device called <paramref name="id"/>.</summary>
    public bool Contains(string id) => _devices.ContainsKey(id);

    /// <summary>Reads every <c>*.json</c> file of <paramref name="directory"/>.</summary>
    /// <exception cref="HardwareDataException">A file breaks the schema (message names file and field).</exception>
    public static DeviceCatalog LoadDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"device folder '{directory}' does not exist");
        }
        return new DeviceCatalog(Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal).Select(DeviceFileReader.ReadFile));
    }

    private static DeviceCatalog LoadBuiltIn() =>
        new(EmbeddedData.Files("devices/").Select(f => DeviceFileReader.Read(f.Text, f.Name)));
}
