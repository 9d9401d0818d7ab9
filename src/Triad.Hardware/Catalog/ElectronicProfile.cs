using Triad.Hardware.Graphs;

namespace Triad.Hardware.Catalog;

/// <summary>
/// A GPU or CPU: peak dense rates per precision (TFLOP/s), memory size (GB) and bandwidth (GB/s), thermal design
/// power (W) and, for GPUs, the interconnect bandwidth per device (GB/s). It runs every electronic op kind in any
/// precision it quotes a peak rate for.
/// </summary>
public sealed class ElectronicProfile : DeviceProfile
{
    /// <summary>Creates a profile; the reader has checked every value.</summary>
    public ElectronicProfile(string id, string name, DeviceKind kind, IReadOnlyDictionary<string, string> sources, IReadOnlyList<DeviceClaim> claims,
        IReadOnlyDictionary<Precision, SourcedValue> peakTflops, SourcedValue memoryGigabytes, SourcedValue memoryBandwidthGigabytesPerSecond,
        SourcedValue tdpWatts, SourcedValue? interconnectGigabytesPerSecond, SourcedValue? cores, SourcedValue? baseClockGigahertz,
        IReadOnlyDictionary<Precision, SourcedValue>? picojoulesPerFlop = null, SourcedValue? memoryPicojoulesPerByte = null)
        : base(id, name, kind, sources, claims)
    {
        PicojoulesPerFlop = picojoulesPerFlop ?? new Dictionary<Precision, SourcedValue>();
        MemoryPicojoulesPerByte = memoryPicojoulesPerByte;
        PeakTflops = peakTflops;
        MemoryGigabytes = memoryGigabytes;
        MemoryBandwidthGigabytesPerSecond = memoryBandwidthGigabytesPerSecond;
        TdpWatts = tdpWatts;
        InterconnectGigabytesPerSecond = interconnectGigabytesPerSecond;
        Cores = cores;
        BaseClockGigahertz = baseClockGigahertz;
    }

    /// <summary>Peak dense rate per precision, TFLOP/s (TOPS for int8).</summary>
    public IReadOnlyDictionary<Precision, SourcedValue> PeakTflops { get; }

    /// <summary>Device memory, GB (10⁹ bytes).</summary>
    public SourcedValue MemoryGigabytes { get; }

    /// <summary>Peak memory bandwidth, GB/s (10⁹ bytes per second).</summary>
    public SourcedValue MemoryBandwidthGigabytesPerSecond { get; }

    /// <summary>Thermal design power, W: the power the roofline energy model charges for the op's duration.</summary>
    public SourcedValue TdpWatts { get; }

    /// <summary>Device-to-device bandwidth (NVLink), GB/s, or null (CPUs).</summary>
    public SourcedValue? InterconnectGigabytesPerSecond { get; }

    /// <summary>Core count (CPUs), or null.</summary>
    public SourcedValue? Cores { get; }

    /// <summary>Base clock, GHz (CPUs), or null.</summary>
    public SourcedValue? BaseClockGigahertz { get; }

    /// <summary>
    /// Energy of one floating-point operation per precision, pJ (the file's optional <c>energy.picojoulesPerFlop</c>):
    /// the roofline model's "arithmetic" component. Empty when the file cites none.
    /// </summary>
    public IReadOnlyDictionary<Precision, SourcedValue> PicojoulesPerFlop { get; }

    /// <summary>Energy per byte moved to or from device memory, pJ (<c>energy.memoryPicojoulesPerByte</c>), or null.</summary>
    public SourcedValue? MemoryPicojoulesPerByte { get; }

    /// <summary>Area of the compute die, mm² (the file's optional <c>dieAreaSquareMillimeters</c>), or null.</summary>
    public SourcedValue? DieAreaSquareMillimeters { get; init; }

    /// <summary>Peak rate in FLOP/s for <paramref name="precision"/>.</summary>
    /// <exception cref="HardwareDataException">The device quotes no rate for it.</exception>
    public double PeakFlopsPerSecond(Precision precision) =>
        PeakTflops.TryGetValue(precision, out SourcedValue? v)
            ? v.Value * 1e12
            : throw new HardwareDataException(
                $"device '{Id}' has no peak rate for {PrecisionNames.Name(precision)}; it has {string.Join(", ", PeakTflops.Keys.Select(PrecisionNames.Name))}");

    /// <summary>Memory bandwidth in bytes per second.</summary>
    public double MemoryBytesPerSecond => MemoryBandwidthGigabytesPerSecond.Value * 1e9;

    /// <inheritdoc/>
    public override bool CanRun(OpKind kind, Precision precision) => kind != OpKind.QuantumCircuit && PeakTflops.ContainsKey(precision);

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, SourcedValue>> Figures
    {
        get
        {
            var list = new List<KeyValuePair<string, SourcedValue>>();
            foreach ((Precision p, string n) in PrecisionNames.All)
            {
                if (PeakTflops.TryGetValue(p, out SourcedValue? v))
                {
                    list.Add(new($"peakTflops.{n}", v));
                }
            }
            if (Cores is not null)
            {
                list.Add(new("cores", Cores));
            }
            if (BaseClockGigahertz is not null)
            {
                list.Add(new("baseClockGigahertz", BaseClockGigahertz));
            }
            list.Add(new("memoryGigabytes", MemoryGigabytes));
            list.Add(new("memoryBandwidthGigabytesPerSecond", MemoryBandwidthGigabytesPerSecond));
            list.Add(new("tdpWatts", TdpWatts));
            if (InterconnectGigabytesPerSecond is not null)
            {
                list.Add(new("interconnectGigabytesPerSecond", InterconnectGigabytesPerSecond));
            }
            foreach ((Precision p, string n) in PrecisionNames.All)
            {
                if (PicojoulesPerFlop.TryGetValue(p, out SourcedValue? v))
                {
                    list.Add(new($"energy.picojoulesPerFlop.{n}", v));
                }
            }
            if (MemoryPicojoulesPerByte is not null)
            {
                list.Add(new("energy.memoryPicojoulesPerByte", MemoryPicojoulesPerByte));
            }
            if (DieAreaSquareMillimeters is not null)
            {
                list.Add(new("dieAreaSquareMillimeters", DieAreaSquareMillimeters));
            }
            return list;
        }
    }
}
