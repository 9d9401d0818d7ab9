using System.Globalization;
using System.Text.Json;
using Triad.Quantum.Gates;

namespace Triad.Quantum.Noise;

/// <summary>
/// Channels attached to gates, and readout error, read from JSON. Each channel acts right after its gate on that
/// gate's qubits: depolarizing on all of them jointly (Qiskit's meaning, ρ → (1−p)ρ + p·I/2^k), the single-qubit
/// channels on each of them in turn. Schema (docs in README, "Quantum"):
/// <code>
/// {"gates": {"h":  [{"depolarizing": 0.01}],
///            "cx": {"*": [{"depolarizing": 0.05}], "0,1": [{"depolarizing": 0.08}]},
///            "x":  [{"amplitude_damping": 0.02}, {"phase_damping": 0.01}],
///            "sx": [{"thermal_relaxation": {"t1": 5e-5, "t2": 7e-5, "time": 3.5e-8}}],
///            "rx": [{"overrotation": 0.01}]},
///  "readout": {"p1given0": 0.02, "p0given1": [0.05, 0.04]}}
/// </code>
/// A gate maps to a list of channels (every placement) or to an object whose keys are qubit lists in argument
/// order ("0,1") or "*" for the rest. Readout values are one number for every qubit or one per qubit:
/// P(read 1 | state 0) and P(read 0 | state 1).
/// </summary>
public sealed class NoiseModel
{
    private readonly Dictionary<string, Dictionary<string, List<QuantumChannel>>> _gates = new(StringComparer.Ordinal);
    private double[] _p1Given0 = [0];
    private double[] _p0Given1 = [0];

    /// <summary>Where the model was read from (for messages).</summary>
    public string Source { get; private set; } = "<noise model>";

    /// <summary>A model with no noise.</summary>
    public NoiseModel()
    {
    }

    /// <summary>Whether any readout error is set.</summary>
    public bool HasReadoutError => _p1Given0.Any(p => p > 0) || _p0Given1.Any(p => p > 0);

    /// <summary>Gate names that have channels.</summary>
    public IEnumerable<string> NoisyGates => _gates.Keys;

    /// <summary>Adds <paramref name="channel"/> after every <paramref name="gate"/> (on <paramref name="qubits"/> only, when given).</summary>
    public NoiseModel Add(string gate, QuantumChannel channel, int[]? qubits = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (!StandardGates.TryGet(gate, out GateDefinition d))
        {
            throw new NoiseModelException($"{Source}: gates.{gate}: unknown gate '{gate}'");
        }
        if (channel.QubitCount != 1 && channel.QubitCount != d.QubitCount)
        {
            throw new NoiseModelException($"{Source}: gates.{gate}: a {channel.QubitCount}-qubit channel cannot follow a {d.QubitCount}-qubit gate");
        }
        string key = qubits is null ? "*" : string.Join(",", qubits);
        if (!_gates.TryGetValue(gate, out var byQubits))
        {
            _gates[gate] = byQubits = new Dictionary<string, List<QuantumChannel>>(StringComparer.Ordinal);
        }
        if (!byQubits.TryGetValue(key, out var list))
        {
            byQubits[key] = list = [];
        }
        list.Add(channel);
        return this;
    }

    /// <summary>Sets the readout error: one value for all qubits, or one per qubit.</summary>
    public NoiseModel SetReadout(double[] p1Given0, double[] p0Given1)
    {
        ArgumentNullException.ThrowIfNull(p1Given0);
        ArgumentNullException.ThrowIfNull(p0Given1);
        foreach ((double[] values, string name) in new[] { (p1Given0, "p1given0"), (p0Given1, "p0given1") })
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (!(values[i] >= 0 && values[i] <= 1))
                {
                    throw new NoiseModelException($"{Source}: readout.{name}{(values.Length > 1 ? $"[{i}]" : "")}: probability {values[i].ToString(CultureInfo.InvariantCulture)} is outside [0, 1]");
                }
            }
        }
        _p1Given0 = p1Given0.Length == 0 ? [0] : p1Given0;
        _p0Given1 = p0Given1.Length == 0 ? [0] : p0Given1;
        return this;
    }

    /// <summary>The channels after gate <paramref name="gate"/> on <paramref name="qubits"/>, each with the qubits it acts on.</summary>
    public IEnumerable<(QuantumChannel Channel, int[] Qubits)> ChannelsAfter(string gate, IReadOnlyList<int> qubits)
    {
        ArgumentNullException.ThrowIfNull(qubits);
        if (!_gates.TryGetValue(gate, out var byQubits))
        {
            yield break;
        }
        if (!byQubits.TryGetValue(string.Join(",", qubits), out var list) && !byQubits.TryGetValue("*", out list))
        {
            yield break;
        }
        foreach (QuantumChannel c in list)
        {
            if (c.QubitCount == qubits.Count && c.QubitCount > 1)
            {
                yield return (c, [.. qubits]);
                continue;
            }
            foreach (int q in qubits)
            {
                yield return (c, [q]);
            }
        }
    }

    /// <summary>
    /// Applies readout error to a distribution over n qubits in place: for each qubit, (p₀, p₁) ←
    /// ((1 − e₁₀)p₀ + e₀₁p₁, e₁₀p₀ + (1 − e₀₁)p₁) with e₁₀ = P(1|0), e₀₁ = P(0|1).
    /// </summary>
    public void ApplyReadout(Span<double> probabilities, int qubits)
    {
        foreach ((double[] v, string name) in new[] { (_p1Given0, "p1given0"), (_p0Given1, "p0given1") })
        {
            if (v.Length != 1 && v.Length < qubits)
            {
                throw new NoiseModelException($"{Source}: readout.{name} has {v.Length} values for a {qubits}-qubit circuit");
            }
        }
        for (int q = 0; q < qubits; q++)
        {
            double e10 = _p1Given0.Length == 1 ? _p1Given0[0] : _p1Given0[q];
            double e01 = _p0Given1.Length == 1 ? _p0Given1[0] : _p0Given1[q];
            if (e10 == 0 && e01 == 0)
            {
                continue;
            }
            int bit = 1 << q;
            for (int i = 0; i < probabilities.Length; i++)
            {
                if ((i & bit) != 0)
                {
                    continue;
                }
                double p0 = probabilities[i], p1 = probabilities[i | bit];
                probabilities[i] = ((1 - e10) * p0) + (e01 * p1);
                probabilities[i | bit] = (e10 * p0) + ((1 - e01) * p1);
            }
        }
    }

    /// <summary>Reads a model from a JSON file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="NoiseModelException">The file is not a valid model; the message names the file and the place.</exception>
    public static NoiseModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such noise model file", path);
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads a model from JSON text; messages name <paramref name="source"/>.</summary>
    public static NoiseModel Parse(string json, string source = "<noise model>")
    {
        ArgumentNullException.ThrowIfNull(json);
        var model = new NoiseModel { Source = source };
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new NoiseModelException($"{source}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: invalid JSON: {e.Message.Split(" Path:")[0]}", e);
        }
        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new NoiseModelException($"{source}: the model must be a JSON object with \"gates\" and/or \"readout\"");
            }
            foreach (JsonProperty top in root.EnumerateObject())
            {
                switch (top.Name)
                {
                    case "gates":
                        ParseGates(model, top.Value);
                        break;
                    case "readout":
                        ParseReadout(model, top.Value);
                        break;
                    default:
                        throw new NoiseModelException($"{source}: {top.Name}: unknown key; expected \"gates\" or \"readout\"");
                }
            }
        }
        return model;
    }

    private static void ParseGates(NoiseModel model, JsonElement gates)
    {
        string source = model.Source;
        if (gates.ValueKind != JsonValueKind.Object)
        {
            throw new NoiseModelException($"{source}: gates: expected an object from gate names to channel lists");
        }
        foreach (JsonProperty gate in gates.EnumerateObject())
        {
            if (!StandardGates.TryGet(gate.Name, out GateDefinition definition))
            {
                throw new NoiseModelException($"{source}: gates.{gate.Name}: unknown gate '{gate.Name}'");
            }
            if (gate.Value.ValueKind == JsonValueKind.Array)
            {
                ParseChannels(model, gate.Name, null, gate.Value, $"gates.{gate.Name}", definition);
            }
            else if (gate.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty placement in gate.Value.EnumerateObject())
                {
                    string path = $"gates.{gate.Name}.{placement.Name}";
                    int[]? qubits = null;
                    if (placement.Name != "*")
                    {
                        string[] parts = placement.Name.Split(',', StringSplitOptions.TrimEntries);
                        qubits = new int[parts.Length];
                        for (int i = 0; i < parts.Length; i++)
                        {
                            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out qubits[i]))
                            {
                                throw new NoiseModelException($"{source}: {path}: expected \"*\" or qubit indices like \"0,1\"");
                            }
                        }
                        if (qubits.Length != definition.QubitCount)
                        {
                            throw new NoiseModelException($"{source}: {path}: gate '{gate.Name}' acts on {definition.QubitCount} qubit(s), not {qubits.Length}");
                        }
                    }
                    ParseChannels(model, gate.Name, qubits, placement.Value, path, definition);
                }
            }
            else
            {
                throw new NoiseModelException($"{source}: gates.{gate.Name}: expected a list of channels or an object of placements");
            }
        }
    }

    private static void ParseChannels(NoiseModel model, string gate, int[]? qubits, JsonElement list, string path, GateDefinition definition)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new NoiseModelException($"{model.Source}: {path}: expected a list of channels");
        }
        int index = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string at = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object || item.EnumerateObject().Count() != 1)
            {
                throw new NoiseModelException($"{model.Source}: {at}: expected one channel, e.g. {{\"depolarizing\": 0.01}}");
            }
            JsonProperty channel = item.EnumerateObject().First();
            string where = $"{at}.{channel.Name}";
            try
            {
                QuantumChannel c = channel.Name switch
                {
                    "depolarizing" => QuantumChannel.Depolarizing(Number(model, channel.Value, where), definition.QubitCount),
                    "amplitude_damping" => QuantumChannel.AmplitudeDamping(Number(model, channel.Value, where)),
                    "phase_damping" => QuantumChannel.PhaseDamping(Number(model, channel.Value, where)),
                    "overrotation" => QuantumChannel.Overrotation(Number(model, channel.Value, where)),
                    "thermal_relaxation" => QuantumChannel.ThermalRelaxation(Field(model, channel.Value, where, "t1"),
                        Field(model, channel.Value, where, "t2"), Field(model, channel.Value, where, "time")),
                    _ => throw new NoiseModelException($"{model.Source}: {where}: unknown channel; expected depolarizing, amplitude_damping, " +
                        "phase_damping, thermal_relaxation or overrotation"),
                };
                model.Add(gate, c, qubits);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new NoiseModelException($"{model.Source}: {where}: {e.Message.Split(" (Parameter")[0].Split(Environment.NewLine)[0]}", e);
            }
        }
    }

    private static double Number(NoiseModel model, JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw new NoiseModelException($"{model.Source}: {where}: expected a number");

    private static double Field(NoiseModel model, JsonElement value, string where, string name)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out JsonElement v))
        {
            throw new NoiseModelException($"{model.Source}: {where}: expected {{\"t1\": …, \"t2\": …, \"time\": …}} (seconds)");
        }
        return Number(model, v, $"{where}.{name}");
    }

    private static void ParseReadout(NoiseModel model, JsonElement readout)
    {
        double[] Values(string name)
        {
            if (!readout.TryGetProperty(name, out JsonElement v))
            {
                return [0];
            }
            return v.ValueKind switch
            {
                JsonValueKind.Number => [v.GetDouble()],
                JsonValueKind.Array => [.. v.EnumerateArray().Select((e, i) => Number(model, e, $"readout.{name}[{i}]"))],
                _ => throw new NoiseModelException($"{model.Source}: readout.{name}: expected a number or a list of numbers (one per qubit)"),
            };
        }
        if (readout.ValueKind != JsonValueKind.Object)
        {
            throw new NoiseModelException($"{model.Source}: readout: expected {{\"p1given0\": …, \"p0given1\": …}}");
        }
        foreach (JsonProperty p in readout.EnumerateObject())
        {
            if (p.Name is not ("p1given0" or "p0given1"))
            {
                throw new NoiseModelException($"{model.Source}: readout.{p.Name}: unknown key; expected p1given0 or p0given1");
            }
        }
        model.SetReadout(Values("p1given0"), Values("p0given1"));
    }
}
