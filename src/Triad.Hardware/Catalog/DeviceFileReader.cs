using System.Text.Json;

namespace Triad.Hardware.Catalog;

/// <summary>
/// Reads and checks one device file (schema in docs/device-catalog.md). Every number is an object
/// <c>{"value": x, "source": "key", "note": "..."}</c> whose source key must be in the file's <c>sources</c>;
/// missing fields, unknown fields, non-positive rates and sizes, probabilities outside [0, 1] and an id that is
/// not the file's name are refused with one line naming the file and the field.
/// </summary>
public static class DeviceFileReader
{
    private static readonly JsonDocumentOptions s_options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false };

    /// <summary>Reads the device file at <paramref name="path"/>.</summary>
    /// <exception cref="HardwareDataException">The file breaks the schema; the message names file and field.</exception>
    public static DeviceProfile ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Read(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Reads device JSON <paramref name="json"/> that came from the file called <paramref name="fileName"/>.</summary>
    /// <exception cref="HardwareDataException">The text breaks the schema; the message names file and field.</exception>
    public static DeviceProfile Read(string json, string fileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(fileName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, s_options);
        }
        catch (JsonException e)
        {
            throw new HardwareDataException($"{fileName}: not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = new JsonFields(fileName, "", document.RootElement);
            string id = root.RequireString("id");
            string expectedId = Path.GetFileNameWithoutExtension(fileName);
            if (!IsValidId(id))
            {
                throw root.Error("id", $"'{id}' must be short and lower-case: letters, digits, '-' and '.'");
            }
            if (fileName.EndsWith(".json", StringComparison.Ordinal) && id != expectedId)
            {
                throw root.Error("id", $"'{id}' differs from the file name '{expectedId}'");
            }
            string name = root.RequireString("name");
            string kindText = root.RequireString("kind");
            DeviceKind kind = kindText switch
            {
                "gpu" => DeviceKind.Gpu,
                "cpu" => DeviceKind.Cpu,
                "photonic" => DeviceKind.Photonic,
                "qpu" => DeviceKind.Qpu,
                _ => throw root.Error("kind", $"'{kindText}' is not one of gpu, cpu, photonic, qpu"),
            };
            IReadOnlyDictionary<string, string> sources = ReadSources(root);
            var values = new ValueReader(root, sources);
            IReadOnlyList<DeviceClaim> claims = ReadClaims(root, sources);
            DeviceProfile profile = kind switch
            {
                DeviceKind.Gpu or DeviceKind.Cpu => ReadElectronic(id, name, kind, sources, claims, values),
                DeviceKind.Photonic => ReadPhotonic(id, name, sources, claims, values),
                _ => ReadQuantum(id, name, sources, claims, values, root),
            };
            root.RejectUnknown();
            return profile;
        }
    }

    /// <summary>Whether <paramref name="id"/> is a valid device or model id: 1–32 of [a-z0-9.-], starting with a letter or digit.</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 32 && IsLowerOrDigit(id[0]) && id.All(c => IsLowerOrDigit(c) || c is '-' or '.');

    private static bool IsLowerOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    private static Dictionary<string, string> ReadSources(JsonFields root)
    {
        JsonFields sources = root.Object("sources");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string key in sources.Keys().ToList())
        {
            map[key] = sources.RequireString(key);
        }
        if (map.Count == 0)
        {
            throw root.Error("sources", "must cite at least one source");
        }
        return map;
    }

    private static List<DeviceClaim> ReadClaims(JsonFields root, IReadOnlyDictionary<string, string> sources)
    {
        var claims = new List<DeviceClaim>();
        JsonElement? array = root.Optional("claims");
        if (array is null)
        {
            return claims;
        }
        if (array.Value.ValueKind != JsonValueKind.Array)
        {
            throw root.Error("claims", $"must be an array, not {JsonFields.Describe(array.Value)}");
        }
        int i = 0;
        foreach (JsonElement element in array.Value.EnumerateArray())
        {
            var c = new JsonFields(root.File, $"claims[{i++}]", element);
            string text = c.RequireString("text");
            double? value = c.OptionalNumber("value");
            string? unit = c.OptionalString("unit");
            string source = c.RequireString("source");
            if (!sources.ContainsKey(source))
            {
                throw c.Error(c.Name("source"), $"'{source}' is not a key of sources");
            }
            string status = c.RequireString("status");
            if (status != "unverified")
            {
                throw c.Error(c.Name("status"), $"'{status}' must be \"unverified\": a checked figure belongs in the profile's fields, with its source");
            }
            c.RejectUnknown();
            claims.Add(new DeviceClaim(text, value, unit, source, status));
        }
        return claims;
    }

    private static ElectronicProfile ReadElectronic(string id, string name, DeviceKind kind, IReadOnlyDictionary<string, string> sources,
        IReadOnlyList<DeviceClaim> claims, ValueReader values)
    {
        JsonFields peaks = values.Root.Object("peakTflops");
        var peak = new Dictionary<Precision, SourcedValue>();
        foreach (string key in peaks.Keys().ToList())
        {
            if (!PrecisionNames.TryParse(key, out Precision p))
            {
                throw peaks.Error(peaks.Name(key), $"unknown precision (known: {string.Join(", ", PrecisionNames.All.Select(x => x.Name))})");
            }
            peak[p] = values.Positive(peaks, key);
        }
        if (peak.Count == 0)
        {
            throw values.Root.Error("peakTflops", "must give the peak rate of at least one precision");
        }
        peaks.RejectUnknown();
        SourcedValue memory = values.Positive(values.Root, "memoryGigabytes");
        SourcedValue bandwidth = values.Positive(values.Root, "memoryBandwidthGigabytesPerSecond");
        SourcedValue tdp = values.Positive(values.Root, "tdpWatts");
        SourcedValue? interconnect = kind == DeviceKind.Gpu
            ? values.Positive(values.Root, "interconnectGigabytesPerSecond")
            : values.OptionalPositive(values.Root, "interconnectGigabytesPerSecond");
        SourcedValue? cores = kind == DeviceKind.Cpu ? values.Positive(values.Root, "cores") : values.OptionalPositive(values.Root, "cores");
        SourcedValue? clock = kind == DeviceKind.Cpu
            ? values.Positive(values.Root, "baseClockGigahertz")
            : values.OptionalPositive(values.Root, "baseClockGigahertz");
        var perFlop = new Dictionary<Precision, SourcedValue>();
        SourcedValue? perByte = null;
        if (values.Root.OptionalObject("energy") is { } energy)
        {
            if (energy.OptionalObject("picojoulesPerFlop") is { } flops)
            {
                foreach (string key in flops.Keys().ToList())
                {
                    if (!PrecisionNames.TryParse(key, out Precision p))
                    {
                        throw flops.Error(flops.Name(key), $"unknown precision (known: {string.Join(", ", PrecisionNames.All.Select(x => x.Name))})");
                    }
                    perFlop[p] = values.Positive(flops, key);
                }
                flops.RejectUnknown();
            }
            perByte = values.OptionalPositive(energy, "memoryPicojoulesPerByte");
            energy.RejectUnknown();
        }
        return new ElectronicProfile(id, name, kind, sources, claims, peak, memory, bandwidth, tdp, interconnect, cores, clock, perFlop, perByte)
        {
            DieAreaSquareMillimeters = values.OptionalPositive(values.Root, "dieAreaSquareMillimeters"),
        };
    }

    private static PhotonicProfile ReadPhotonic(string id, string name, IReadOnlyDictionary<string, string> sources,
        IReadOnlyList<DeviceClaim> claims, ValueReader values)
    {
        var figures = new List<KeyValuePair<string, SourcedValue>>();
        foreach (string key in (string[])["meshSize", "mziCount", "heaterPiPowerMilliwatts", "heaterBandwidthKilohertz",
                     "insertionLossDbPerPhaseShifter", "modulatorRateGigabitsPerSecond"])
        {
            figures.Add(new(key, values.Positive(values.Root, key)));
        }
        foreach (string key in (string[])["modulatorEnergyFemtojoulesPerBit", "detectorRateGigahertz", "dacEnergyPicojoulesPerConversion",
                     "dacBits", "dacRateGigasamplesPerSecond", "adcEnergyPicojoulesPerConversion", "adcBits", "adcRateGigasamplesPerSecond",
                     "laserPowerMilliwatts", "laserWallPlugEfficiency", "phaseShifterLengthMicrometers", "modePitchMicrometers"])
        {
            if (values.OptionalPositive(values.Root, key) is { } v)
            {
                figures.Add(new(key, v));
            }
        }
        double n = figures[0].Value.Value;
        if (n != Math.Floor(n))
        {
            throw values.Root.Error("meshSize.value", $"{JsonFields.Format(n)} must be a whole number");
        }
        if (figures.FirstOrDefault(f => f.Key == "laserWallPlugEfficiency").Value is { Value: > 1 } wpe)
        {
            throw values.Root.Error("laserWallPlugEfficiency.value", $"{JsonFields.Format(wpe.Value)} must lie in (0, 1]");
        }
        return new PhotonicProfile(id, name, sources, claims, figures);
    }

    private static QuantumProfile ReadQuantum(string id, string name, IReadOnlyDictionary<string, string> sources,
        IReadOnlyList<DeviceClaim> claims, ValueReader values, JsonFields root)
    {
        var figures = new List<KeyValuePair<string, SourcedValue>>
        {
            new("qubits", values.Positive(root, "qubits")),
        };
        string connectivity = root.RequireString("connectivity");
        figures.Add(new("couplers", values.Positive(root, "couplers")));
        foreach (string key in (string[])["singleQubitError", "twoQubitError", "readoutError"])
        {
            figures.Add(new(key, values.Probability(root, key)));
        }
        foreach (string key in (string[])["singleQubitGateNanoseconds", "twoQubitGateNanoseconds"])
        {
            figures.Add(new(key, values.Positive(root, key)));
        }
        foreach (string key in (string[])["readoutNanoseconds", "t1Microseconds", "t2Microseconds", "shotsPerSecond"])
        {
            if (values.OptionalPositive(root, key) is { } v)
            {
                figures.Add(new(key, v));
            }
        }
        return new QuantumProfile(id, name, sources, claims, connectivity, figures);
    }

    /// <summary>Reads <c>{"value", "source", "note"}</c> objects and checks them.</summary>
    private sealed class ValueReader(JsonFields root, IReadOnlyDictionary<string, string> sources)
    {
        public JsonFields Root { get; } = root;

        public SourcedValue Positive(JsonFields parent, string key) =>
            Check(parent, key, Read(parent.Object(key)), x => x > 0, x => x < 0 ? "is negative; must be positive" : "must be positive");

        public SourcedValue? OptionalPositive(JsonFields parent, string key) =>
            parent.OptionalObject(key) is { } o
                ? Check(parent, key, Read(o), x => x > 0, x => x < 0 ? "is negative; must be positive" : "must be positive")
                : null;

        public SourcedValue Probability(JsonFields parent, string key) =>
            Check(parent, key, Read(parent.Object(key)), x => x is >= 0 and <= 1, _ => "must be a probability in [0, 1]");

        private SourcedValue Read(JsonFields o)
        {
            double value = o.RequireNumber("value");
            string source = o.RequireString("source");
            if (!sources.ContainsKey(source))
            {
                throw o.Error(o.Name("source"), $"'{source}' is not a key of sources ({string.Join(", ", sources.Keys)})");
            }
            string? note = o.OptionalString("note");
            o.RejectUnknown();
            return new SourcedValue(value, source, note);
        }

        private static SourcedValue Check(JsonFields parent, string key, SourcedValue v, Func<double, bool> ok, Func<double, string> rule) =>
            ok(v.Value) ? v : throw parent.Error($"{parent.Name(key)}.value", $"{JsonFields.Format(v.Value)} {rule(v.Value)}");
    }
}
