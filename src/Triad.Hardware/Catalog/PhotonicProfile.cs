using Triad.Hardware.Graphs;

namespace Triad.Hardware.Catalog;

/// <summary>
/// A photonic matrix unit described by its components: an N×N interferometer mesh of MZIs programmed by
/// thermo-optic heaters (power for a π shift, bandwidth, insertion loss) and fed by electro-optic modulators
/// (rate, energy per bit). Converters (DAC/ADC) and the laser are optional fields: a figure without a cited
/// source is left out rather than guessed. It can run only linear ops (matrix products); everything else goes
/// electronic.
/// </summary>
public sealed class PhotonicProfile : DeviceProfile
{
    /// <summary>Creates a profile; the reader has checked every value.</summary>
    public PhotonicProfile(string id, string name, IReadOnlyDictionary<string, string> sources, IReadOnlyList<DeviceClaim> claims,
        IReadOnlyList<KeyValuePair<string, SourcedValue>> figures)
        : base(id, name, DeviceKind.Photonic, sources, claims)
    {
        Figures = figures;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, SourcedValue>> Figures { get; }

    /// <summary>Mesh order N (an N×N unitary per mesh).</summary>
    public int MeshSize => (int)Figure("meshSize")!.Value;

    /// <summary>The named figure, or null when the file leaves it out.</summary>
    public SourcedValue? Figure(string name) => Figures.FirstOrDefault(f => f.Key == name).Value;

    /// <inheritdoc/>
    public override bool CanRun(OpKind kind, Precision precision) => kind == OpKind.MatMul;
}
