using Triad.Hardware.Graphs;

namespace Triad.Hardware.Catalog;

/// <summary>
/// One device of the catalog (docs/device-catalog.md): its id, kind, the sources its numbers come from and the
/// claims kept beside it. The kind-specific figures are on <see cref="ElectronicProfile"/>,
/// <see cref="PhotonicProfile"/> and <see cref="QuantumProfile"/>.
/// </summary>
public abstract class DeviceProfile
{
    /// <summary>Creates the shared part of a profile.</summary>
    protected DeviceProfile(string id, string name, DeviceKind kind, IReadOnlyDictionary<string, string> sources, IReadOnlyList<DeviceClaim> claims)
    {
        Id = id;
        Name = name;
        Kind = kind;
        Sources = sources;
        Claims = claims;
    }

    /// <summary>Short lower-case id, e.g. <c>h100-sxm</c>; the file is named after it.</summary>
    public string Id { get; }

    /// <summary>Full name of the device.</summary>
    public string Name { get; }

    /// <summary>What the device is.</summary>
    public DeviceKind Kind { get; }

    /// <summary>Source key → citation (title, authors, URL).</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }

    /// <summary>Unverified claims, never used as values.</summary>
    public IReadOnlyList<DeviceClaim> Claims { get; }

    /// <summary>Whether the device can run an op of <paramref name="kind"/> in <paramref name="precision"/>.</summary>
    public abstract bool CanRun(OpKind kind, Precision precision);

    /// <summary>Every sourced number of the profile by its field name (for listing; nested names use dots).</summary>
    public abstract IReadOnlyList<KeyValuePair<string, SourcedValue>> Figures { get; }
}
