using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Triad.Learning.Models;
using Triad.Learning.Training;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Serialization;

/// <summary>
/// Saves and loads models and training checkpoints. A file is a ZIP archive holding
/// <list type="bullet">
/// <item><c>model.json</c>: format tag "triad-model", version, the model spec, parameter names and shapes, metadata;</item>
/// <item><c>weights.bin</c>: the parameters as a <see cref="TensorArchive"/>, in <see cref="Sequential.ParameterNames"/> order;</item>
/// <item>checkpoints only: <c>training.json</c> (options, history, early-stopping counters), <c>optimizer.bin</c>
/// and <c>best.bin</c> (tensor archives).</item>
/// </list>
/// Writes go through <see cref="AtomicFile"/>, so a crash leaves either the old file or the new one, never half
/// of one. See docs/model-format.md.
/// </summary>
public static class ModelFile
{
    /// <summary>Format tag in model.json.</summary>
    public const string Format = "triad-model";

    /// <summary>Format version in model.json.</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>Saves a model (and, when <paramref name="training"/> is given, a resumable checkpoint) atomically.</summary>
    public static void Save(string path, Sequential model, ModelMetadata? metadata = null, TrainingState? training = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(model);
        AtomicFile.Write(path, file =>
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
            WriteEntry(zip, "model.json", s => JsonSerializer.Serialize(s, ModelJson(model, metadata ?? new ModelMetadata()), s_json));
            WriteEntry(zip, "weights.bin", s => TensorArchive.Write(s, Named(model.ParameterNames, model.Parameters.Select(p => p.Value).ToList())));
            if (training is not null)
            {
                WriteEntry(zip, "training.json", s => JsonSerializer.Serialize(s, TrainingJson(training), s_json));
                WriteEntry(zip, "optimizer.bin", s => TensorArchive.Write(s, training.OptimizerState.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList()));
                WriteEntry(zip, "best.bin", s => TensorArchive.Write(s, Named(model.ParameterNames, training.BestWeights)));
            }
        });
    }

    /// <summary>Loads a model or checkpoint written by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid Triad model; the message names the file and the part.</exception>
    public static SavedModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"model file '{path}' not found", path);
        }
        string name = Path.GetFileName(path);
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{name}: not a Triad model file (not a ZIP archive)", e);
        }
        using (zip)
        {
            try
            {
                return Read(zip, name);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException)
            {
                // A field of the wrong JSON type, or a number out of range: name the file, keep the reason.
                throw new InvalidDataException($"{name}: {e.Message}", e);
            }
        }
    }

    private static SavedModel Read(ZipArchive zip, string name)
    {
        JsonObject root = ReadJson(zip, name, "model.json");
        if (root["format"] is not JsonValue format || !format.TryGetValue(out string? formatText) || formatText != Format)
        {
            throw new InvalidDataException($"{name}: model.json format is '{root["format"]}', expected '{Format}'");
        }
        if (root["version"] is not JsonValue version || !version.TryGetValue(out int versionNumber) || versionNumber != Version)
        {
            throw new InvalidDataException($"{name}: model.json version {root["version"]} is not supported (expected {Version})");
        }
        ModelSpec spec = ModelSpec.FromJson(root["spec"]?.ToJsonString() ?? "null", $"{name} model.json spec");
        Sequential model = Sequential.Build(spec, seed: 0);
        try
        {
            model.RestoreWeights(ReadNamedTensors(zip, name, "weights.bin", model.ParameterNames));
        }
        catch (ShapeMismatchException e)
        {
            throw new InvalidDataException($"{name} weights.bin: {e.Message}", e);
        }
        ModelMetadata metadata = root["metadata"].Deserialize<ModelMetadata>(s_json) ?? new ModelMetadata();

        TrainingState? training = null;
        if (zip.GetEntry("training.json") is not null)
        {
            training = ReadTraining(zip, name, model);
        }
        return new SavedModel(model, metadata, training);
    }

    private static TrainingState ReadTraining(ZipArchive zip, string name, Sequential model)
    {
        JsonObject t = ReadJson(zip, name, "training.json");
        TrainingOptions options = t["options"].Deserialize<TrainingOptions>(s_json)
            ?? throw new InvalidDataException($"{name}: training.json lacks 'options'");
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{name} training.json: {e.Message}", e);
        }
        var optimizerState = new Dictionary<string, Tensor<double>>();
        foreach (var (key, value) in ReadTensors(zip, name, "optimizer.bin"))
        {
            optimizerState[key] = value;
        }
        var state = new TrainingState
        {
            Options = options,
            DataSet = (string?)t["dataSet"] ?? "",
            EpochsCompleted = (int?)t["epochsCompleted"] ?? 0,
            BestEpoch = (int?)t["bestEpoch"] ?? 0,
            BestValidationLoss = t["bestValidationLoss"].Deserialize<double>(s_json),
            EpochsWithoutImprovement = (int?)t["epochsWithoutImprovement"] ?? 0,
            StoppedEarly = (bool?)t["stoppedEarly"] ?? false,
            OptimizerSteps = (long?)t["optimizerSteps"] ?? 0,
            OptimizerState = optimizerState,
            BestWeights = zip.GetEntry("best.bin") is null ? [] : MatchNames(ReadTensors(zip, name, "best.bin"), name, "best.bin", model.ParameterNames, allowEmpty: true),
        };
        state.History.AddRange(t["history"].Deserialize<List<EpochMetrics>>(s_json) ?? []);
        return state;
    }

    private static JsonObject ModelJson(Sequential model, ModelMetadata metadata) => new()
    {
        ["format"] = Format,
        ["version"] = Version,
        ["spec"] = JsonNode.Parse(model.Spec.ToJson()),
        ["parameters"] = new JsonArray(model.ParameterNames.Select((n, i) => (JsonNode)new JsonObject
        {
            ["name"] = n,
            ["shape"] = new JsonArray(model.Parameters[i].Value.Shape.ToArray().Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
        }).ToArray()),
        ["metadata"] = JsonSerializer.SerializeToNode(metadata, s_json),
    };

    private static JsonObject TrainingJson(TrainingState s) => new()
    {
        ["options"] = JsonSerializer.SerializeToNode(s.Options, s_json),
        ["dataSet"] = s.DataSet,
        ["epochsCompleted"] = s.EpochsCompleted,
        ["bestEpoch"] = s.BestEpoch,
        ["bestValidationLoss"] = JsonSerializer.SerializeToNode(s.BestValidationLoss, s_json),
        ["epochsWithoutImprovement"] = s.EpochsWithoutImprovement,
        ["stoppedEarly"] = s.StoppedEarly,
        ["optimizerSteps"] = s.OptimizerSteps,
        ["history"] = JsonSerializer.SerializeToNode(s.History, s_json),
    };

    private static List<KeyValuePair<string, Tensor<double>>> Named(IReadOnlyList<string> names, IReadOnlyList<Tensor<double>> tensors)
    {
        var list = new List<KeyValuePair<string, Tensor<double>>>(tensors.Count);
        for (int i = 0; i < tensors.Count; i++)
        {
            list.Add(new(names[i], tensors[i]));
        }
        return list;
    }

    private static void WriteEntry(ZipArchive zip, string entryName, Action<Stream> write)
    {
        using Stream s = zip.CreateEntry(entryName, CompressionLevel.Fastest).Open();
        write(s);
    }

    private static JsonObject ReadJson(ZipArchive zip, string name, string entryName)
    {
        ZipArchiveEntry entry = zip.GetEntry(entryName) ?? throw new InvalidDataException($"{name}: missing {entryName}");
        JsonNode? node;
        try
        {
            using Stream s = entry.Open();
            node = JsonNode.Parse(s);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"{name}: {entryName} is not valid JSON: {e.Message}", e);
        }
        return node as JsonObject ?? throw new InvalidDataException($"{name}: {entryName} is not a JSON object");
    }

    private static List<KeyValuePair<string, Tensor<double>>> ReadTensors(ZipArchive zip, string name, string entryName)
    {
        ZipArchiveEntry entry = zip.GetEntry(entryName) ?? throw new InvalidDataException($"{name}: missing {entryName}");
        using Stream s = entry.Open();
        // Zip streams do not seek; buffer so the archive reader can detect trailing bytes.
        using var buffer = new MemoryStream();
        try
        {
            s.CopyTo(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{name} {entryName}: the compressed entry is damaged ({e.Message})", e);
        }
        buffer.Position = 0;
        return TensorArchive.Read(buffer, $"{name} {entryName}");
    }

    private static List<Tensor<double>> ReadNamedTensors(ZipArchive zip, string name, string entryName, IReadOnlyList<string> expected) =>
        MatchNames(ReadTensors(zip, name, entryName), name, entryName, expected, allowEmpty: false);

    private static List<Tensor<double>> MatchNames(
        List<KeyValuePair<string, Tensor<double>>> tensors, string name, string entryName, IReadOnlyList<string> expected, bool allowEmpty)
    {
        if (allowEmpty && tensors.Count == 0)
        {
            return [];
        }
        if (tensors.Count != expected.Count)
        {
            throw new InvalidDataException($"{name} {entryName}: holds {tensors.Count} tensors, the model has {expected.Count} parameters");
        }
        var list = new List<Tensor<double>>(tensors.Count);
        for (int i = 0; i < tensors.Count; i++)
        {
            if (tensors[i].Key != expected[i])
            {
                throw new InvalidDataException($"{name} {entryName}: tensor {i} is '{tensors[i].Key}', expected '{expected[i]}'");
            }
            list.Add(tensors[i].Value);
        }
        return list;
    }
}
