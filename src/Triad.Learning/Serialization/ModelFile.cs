using System.IO.Compression;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Triad.Learning.Models;
using Triad.Learning.Modules;
using Triad.Learning.Optimizers;
using Triad.Learning.Training;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Serialization;

/// <summary>
/// Saves and loads models and training checkpoints. A file is a ZIP archive holding
/// <list type="bullet">
/// <item><c>model.json</c>: format tag "triad-model", version (2), precision ("float32" or "float64"), the model spec
/// (sequential or graph form), parameter names, shapes and types, and metadata;</item>
/// <item><c>weights.bin</c>: the parameters as a <see cref="TensorArchive"/> in the model's precision, in parameter order;</item>
/// <item>checkpoints only: <c>training.json</c> (options, history, counters), <c>optimizer.bin</c> and <c>best.bin</c>.</item>
/// </list>
/// Version 1 files (float64, sequential specs) still load, as float64 models. Reading verifies every entry's CRC-32
/// and bounds what it inflates by what the model can hold (<see cref="ZipEntryReader"/>), so a damaged or hostile
/// file fails with a message naming it instead of loading wrong numbers or exhausting memory. Writes go through
/// <see cref="AtomicFile"/>: a crash leaves the old file or the new one, never half of one. See docs/model-format.md.
/// </summary>
public static class ModelFile
{
    /// <summary>Format tag in model.json.</summary>
    public const string Format = "triad-model";

    /// <summary>Format version written.</summary>
    public const int Version = 2;

    /// <summary>Largest model.json or training.json read (the spec and the history are text).</summary>
    private const long MaxJsonBytes = 16L << 20;

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>Saves a model (and, when <paramref name="training"/> is given, a resumable checkpoint) atomically.</summary>
    public static void Save(string path, IModel model, ModelMetadata? metadata = null, TrainingState? training = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(model);
        List<StoredTensor> weights = Weights(model);
        AtomicFile.Write(path, file =>
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
            WriteEntry(zip, "model.json", s => JsonSerializer.Serialize(s, ModelJson(model, metadata ?? new ModelMetadata()), s_json));
            WriteEntry(zip, "weights.bin", s => TensorArchive.Write(s, weights));
            if (training is not null)
            {
                bool single = model.Precision == "float32";
                WriteEntry(zip, "training.json", s => JsonSerializer.Serialize(s, TrainingJson(training), s_json));
                WriteEntry(zip, "optimizer.bin", s => TensorArchive.Write(s,
                    training.OptimizerState.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Stored(kv.Key, kv.Value, single)).ToList()));
                WriteEntry(zip, "best.bin", s => TensorArchive.Write(s,
                    training.BestWeights.Select((t, i) => Stored(weights[i].Name, t, single)).ToList()));
            }
        });
    }

    /// <summary>Loads a model or checkpoint written by <see cref="Save"/> (or by version 1).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid Triad model; the message names the file and the part.</exception>
    public static SavedModel Load(string path, ModuleRegistry? registry = null)
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
                return Read(zip, name, registry ?? ModuleRegistry.Default);
            }
            catch (ModelSpecException e)
            {
                throw new InvalidDataException(e.Message.StartsWith(name, StringComparison.Ordinal) ? e.Message : $"{name}: {e.Message}", e);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException or ShapeMismatchException)
            {
                // A field of the wrong JSON type, or a number out of range: name the file, keep the reason.
                throw new InvalidDataException($"{name}: {e.Message}", e);
            }
        }
    }

    private static SavedModel Read(ZipArchive zip, string name, ModuleRegistry registry)
    {
        JsonObject root = ReadJson(zip, name, "model.json");
        if (root["format"] is not JsonValue format || !format.TryGetValue(out string? formatText) || formatText != Format)
        {
            throw new InvalidDataException($"{name}: model.json format is '{root["format"]}', expected '{Format}'");
        }
        if (root["version"] is not JsonValue version || !version.TryGetValue(out int versionNumber) || versionNumber is not (1 or Version))
        {
            throw new InvalidDataException($"{name}: model.json version {root["version"]} is not supported (1 or {Version})");
        }
        string precision = "float64";
        if (versionNumber >= 2)
        {
            precision = (string?)root["precision"] ?? "";
            if (precision is not ("float32" or "float64"))
            {
                throw new InvalidDataException($"{name}: model.json precision '{root["precision"]}' is not float32 or float64");
            }
        }
        // Names were free text in version 1; a stored name only labels the model, so any is accepted here.
        ModelSpec spec = ModelSpec.FromNode(root["spec"], $"{name} model.json spec", anyName: true);
        // The spec alone says how big the model is: before building it, hold its parameters to what weights.bin can
        // hold. Deflate packs at most 1032 bytes into one, so a small file cannot claim a huge model.
        ZipArchiveEntry weightsEntry = zip.GetEntry("weights.bin") ?? throw new InvalidDataException($"{name}: missing weights.bin");
        long weightBytes = Math.Min(weightsEntry.Length, (weightsEntry.CompressedLength * 1032) + 1024);
        IModel model;
        using (Init.ForLoading(weightBytes / sizeof(float), $"{name} weights.bin ({weightBytes:N0} bytes at most)"))
        {
            model = precision == "float32"
                ? Model<float>.Build(spec, seed: 0, registry)
                : Model<double>.Build(spec, seed: 0, registry);
        }
        var shapes = model.ParameterShapes;
        long bound = ArchiveBound(shapes, copies: 1);
        List<StoredTensor> weights = ReadTensors(zip, name, "weights.bin", bound);
        LoadWeights(model, MatchNames(weights, name, "weights.bin", shapes, allowEmpty: false), name);
        ModelMetadata metadata = root["metadata"].Deserialize<ModelMetadata>(s_json) ?? new ModelMetadata();

        TrainingState? training = null;
        if (ZipEntryReader.Contains(zip, "training.json"))
        {
            training = ReadTraining(zip, name, shapes);
        }
        return new SavedModel(model, metadata, training, versionNumber);
    }

    private static TrainingState ReadTraining(ZipArchive zip, string name, IReadOnlyList<KeyValuePair<string, int[]>> shapes)
    {
        JsonObject t = ReadJson(zip, name, "training.json");
        string where = $"{name} training.json";
        TrainingOptions options = Field(where, "options", () => t["options"].Deserialize<TrainingOptions>(s_json))
            ?? throw new InvalidDataException($"{where}: lacks 'options'");
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{where}: {e.Message}", e);
        }
        var state = new TrainingState
        {
            Options = options,
            DataSet = Text(t, "dataSet", where),
            EpochsCompleted = (int)Integer(t, "epochsCompleted", where),
            BestEpoch = (int)Integer(t, "bestEpoch", where),
            BestValidationLoss = Number(t, "bestValidationLoss", where, double.PositiveInfinity),
            EpochsWithoutImprovement = (int)Integer(t, "epochsWithoutImprovement", where),
            StoppedEarly = Boolean(t, "stoppedEarly", where),
            OptimizerSteps = Integer(t, "optimizerSteps", where, long.MaxValue),
            ReferenceLoss = Number(t, "referenceLoss", where, double.NaN),
        };
        if (t["history"] is { } history)
        {
            if (history is not JsonArray entries)
            {
                throw new InvalidDataException($"{where}: 'history' must be a list of epochs, got {Shown(history)}");
            }
            for (int i = 0; i < entries.Count; i++)
            {
                EpochMetrics metrics = Field(where, $"history[{i}]", () => entries[i].Deserialize<EpochMetrics>(s_json))
                    ?? throw new InvalidDataException($"{where}: 'history' holds null at entry {i}");
                state.History.Add(metrics);
            }
        }
        try
        {
            state.Validate();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{where}: {e.Message}", e);
        }
        foreach (StoredTensor s in ReadTensors(zip, name, "optimizer.bin", ArchiveBound(shapes, copies: 2)))
        {
            if (!state.OptimizerState.TryAdd(s.Name, s.ToTensor<double>()))
            {
                throw new InvalidDataException($"{name} optimizer.bin: holds '{TensorArchive.Shown(s.Name)}' twice");
            }
        }
        CheckOptimizerState(state, shapes, $"{name} optimizer.bin");
        if (ZipEntryReader.Contains(zip, "best.bin"))
        {
            List<StoredTensor> best = MatchNames(ReadTensors(zip, name, "best.bin", ArchiveBound(shapes, copies: 1)), name, "best.bin", shapes, allowEmpty: true);
            state.BestWeights.AddRange(best.Select(b => b.ToTensor<double>()));
        }
        if (state.BestEpoch > 0 && state.BestWeights.Count == 0 && options.RestoreBestWeights)
        {
            throw new InvalidDataException($"{name}: training.json names best epoch {state.BestEpoch}, but best.bin holds no weights");
        }
        return state;
    }

    /// <summary>
    /// Checks the optimiser's tensors against what it keeps after <see cref="TrainingState.OptimizerSteps"/> steps: none
    /// before the first step or for SGD without momentum, otherwise one per parameter and buffer ("m.i" and "v.i" for
    /// Adam, "velocity.i" for SGD) with that parameter's shape. A damaged file fails here, naming itself, not at resume.
    /// </summary>
    private static void CheckOptimizerState(TrainingState state, IReadOnlyList<KeyValuePair<string, int[]>> shapes, string where)
    {
        OptimizerSpec spec = state.Options.Optimizer;
        string optimizer = spec.Name.Trim().ToLowerInvariant();
        string[] buffers = state.OptimizerSteps == 0 ? [] : optimizer == "sgd" ? spec.Momentum > 0 ? ["velocity"] : [] : ["m", "v"];
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string buffer in buffers)
        {
            for (int i = 0; i < shapes.Count; i++)
            {
                expected[$"{buffer}.{i}"] = i;
            }
        }
        foreach (string key in state.OptimizerState.Keys.Order(StringComparer.Ordinal))
        {
            if (!expected.ContainsKey(key))
            {
                string keeps = buffers.Length == 0
                    ? "it keeps nothing" + (state.OptimizerSteps == 0 ? " before its first step" : "")
                    : "it keeps " + string.Join(", ", buffers.Select(b => $"{b}.0…{b}.{shapes.Count - 1}"));
                throw new InvalidDataException($"{where}: holds '{TensorArchive.Shown(key)}', which {optimizer} does not keep ({keeps})");
            }
        }
        foreach (var (key, i) in expected)
        {
            if (!state.OptimizerState.TryGetValue(key, out Tensor<double>? tensor))
            {
                throw new InvalidDataException($"{where}: lacks '{key}' ({optimizer} has taken {state.OptimizerSteps} steps)");
            }
            if (!tensor.HasShape(shapes[i].Value))
            {
                throw new InvalidDataException(
                    $"{where}: tensor '{key}' has shape {tensor.ShapeString}, parameter '{shapes[i].Key}' has {Tensor<double>.ShapeToString(shapes[i].Value)}");
            }
        }
    }

    /// <summary>Runs a JSON conversion of one field, naming the file and the field if it fails.</summary>
    private static TValue Field<TValue>(string where, string field, Func<TValue> read)
    {
        try
        {
            return read();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: '{field}' {e.Message}", e);
        }
    }

    /// <summary>An integer field (0 when absent) within ±<paramref name="bound"/> (by default, what an int holds).</summary>
    private static long Integer(JsonObject t, string field, string where, long bound = int.MaxValue) =>
        t[field] is not { } node ? 0
        : node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out long i) && i >= -bound && i <= bound ? i
        : throw new InvalidDataException($"{where}: '{field}' must be an integer, got {Shown(node)}");

    private static bool Boolean(JsonObject t, string field, string where) =>
        t[field] is not { } node ? false
        : node is JsonValue v && v.TryGetValue(out bool b) ? b
        : throw new InvalidDataException($"{where}: '{field}' must be true or false, got {Shown(node)}");

    private static string Text(JsonObject t, string field, string where) =>
        t[field] is not { } node ? ""
        : node is JsonValue v && v.TryGetValue(out string? text) ? text
        : throw new InvalidDataException($"{where}: '{field}' must be text, got {Shown(node)}");

    /// <summary>A number, written as a JSON number or as "NaN", "Infinity" or "-Infinity" (how non-finite values are saved).</summary>
    private static double Number(JsonObject t, string field, string where, double fallback)
    {
        if (!t.ContainsKey(field))
        {
            return fallback;
        }
        JsonNode? node = t[field];
        if (node is JsonValue v)
        {
            if (v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double d))
            {
                return d;
            }
            if (v.TryGetValue(out string? s) && s is "NaN" or "Infinity" or "-Infinity")
            {
                return double.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidDataException($"{where}: '{field}' must be a number, got {Shown(node)}");
    }

    /// <summary>A JSON value for a message, cut to 40 characters.</summary>
    private static string Shown(JsonNode? node)
    {
        string text = node?.ToJsonString() ?? "null";
        return text.Length <= 40 ? text : text[..40] + "…";
    }

    private static void LoadWeights(IModel model, List<StoredTensor> weights, string name)
    {
        try
        {
            switch (model)
            {
                case Model<float> f:
                    f.LoadStateDict(weights.Select(w => new KeyValuePair<string, Tensor<float>>(w.Name, w.ToTensor<float>())));
                    break;
                case Model<double> d:
                    d.LoadStateDict(weights.Select(w => new KeyValuePair<string, Tensor<double>>(w.Name, w.ToTensor<double>())));
                    break;
                default:
                    throw new NotSupportedException($"cannot load weights into {model.GetType().Name}");
            }
        }
        catch (ShapeMismatchException e)
        {
            throw new InvalidDataException($"{name} weights.bin: {e.Message}", e);
        }
    }

    private static List<StoredTensor> Weights(IModel model) => model switch
    {
        Model<float> f => f.StateDict().Select(p => StoredTensor.From(p.Key, p.Value)).ToList(),
        Model<double> d => d.StateDict().Select(p => StoredTensor.From(p.Key, p.Value)).ToList(),
        _ => throw new NotSupportedException($"cannot save {model.GetType().Name}"),
    };

    private static StoredTensor Stored(string name, Tensor<double> t, bool single)
    {
        if (!single)
        {
            return StoredTensor.From(name, t);
        }
        float[] values = new float[t.Length];
        ReadOnlySpan<double> s = t.Span;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)s[i];
        }
        return new StoredTensor(name, t.Shape.ToArray(), values, null);
    }

    /// <summary>The most bytes a tensor archive of these parameters (times <paramref name="copies"/>) can need, as float64 with long names.</summary>
    private static long ArchiveBound(IReadOnlyList<KeyValuePair<string, int[]>> shapes, int copies)
    {
        long bytes = 16;
        foreach (var (n, shape) in shapes)
        {
            long elements = shape.Aggregate(1L, (a, b) => a * b);
            bytes += copies * (2 + 64 + n.Length + 8 + 1 + 1 + (4L * shape.Length) + (elements * sizeof(double)));
        }
        return bytes + 4096;
    }

    private static JsonObject ModelJson(IModel model, ModelMetadata metadata)
    {
        string type = model.Precision;
        return new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["precision"] = type,
            ["spec"] = model.Spec.ToNode(),
            ["parameters"] = new JsonArray(model.ParameterShapes.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Key,
                ["shape"] = new JsonArray(p.Value.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
                ["type"] = type,
            }).ToArray()),
            ["metadata"] = JsonSerializer.SerializeToNode(metadata, s_json),
        };
    }

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
        ["referenceLoss"] = JsonSerializer.SerializeToNode(s.ReferenceLoss, s_json),
        ["history"] = JsonSerializer.SerializeToNode(s.History, s_json),
    };

    private static void WriteEntry(ZipArchive zip, string entryName, Action<Stream> write)
    {
        using Stream s = zip.CreateEntry(entryName, CompressionLevel.Fastest).Open();
        write(s);
    }

    private static JsonObject ReadJson(ZipArchive zip, string name, string entryName)
    {
        byte[] bytes = ZipEntryReader.ReadAll(zip, name, entryName, MaxJsonBytes);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name}: {entryName} is not valid JSON: {e.Message}", e);
        }
        return node as JsonObject ?? throw new InvalidDataException($"{name}: {entryName} is not a JSON object");
    }

    private static List<StoredTensor> ReadTensors(ZipArchive zip, string name, string entryName, long maxBytes)
    {
        byte[] bytes = ZipEntryReader.ReadAll(zip, name, entryName, maxBytes);
        using var buffer = new MemoryStream(bytes, writable: false);
        return TensorArchive.Read(buffer, $"{name} {entryName}");
    }

    private static List<StoredTensor> MatchNames(
        List<StoredTensor> tensors, string name, string entryName, IReadOnlyList<KeyValuePair<string, int[]>> expected, bool allowEmpty)
    {
        if (allowEmpty && tensors.Count == 0)
        {
            return [];
        }
        if (tensors.Count != expected.Count)
        {
            throw new InvalidDataException($"{name} {entryName}: holds {tensors.Count} tensors, the model has {expected.Count} parameters");
        }
        for (int i = 0; i < tensors.Count; i++)
        {
            if (tensors[i].Name != expected[i].Key)
            {
                throw new InvalidDataException($"{name} {entryName}: tensor {i} is '{TensorArchive.Shown(tensors[i].Name)}', expected '{expected[i].Key}'");
            }
            if (!tensors[i].Shape.AsSpan().SequenceEqual(expected[i].Value))
            {
                throw new InvalidDataException(
                    $"{name} {entryName}: tensor '{expected[i].Key}' has shape {Tensor<double>.ShapeToString(tensors[i].Shape)}, the model needs {Tensor<double>.ShapeToString(expected[i].Value)}");
            }
        }
        return tensors;
    }
}
