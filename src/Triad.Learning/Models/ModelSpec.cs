using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Triad.Learning.Layers;
using Triad.Learning.Losses;
using YamlDotNet.Serialization;

namespace Triad.Learning.Models;

/// <summary>
/// A model's structure: input sample shape, layers in order, and loss. Written as JSON or YAML:
/// <code>
/// { "name": "digits-mlp", "input": [64], "loss": "softmax-cross-entropy",
///   "layers": [ { "type": "dense", "units": 128 }, { "type": "relu" }, { "type": "dense", "units": 10 } ] }
/// </code>
/// Layer settings are numbers; input sizes of dense and conv2d layers are inferred from the chain.
/// </summary>
public sealed class ModelSpec
{
    /// <summary>Creates a spec.</summary>
    public ModelSpec(string name, int[] inputShape, IReadOnlyList<LayerSpec> layers, string loss = "softmax-cross-entropy", string? source = null)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(layers);
        Name = string.IsNullOrWhiteSpace(name) ? "model" : name;
        InputShape = (int[])inputShape.Clone();
        Layers = layers.ToArray();
        Loss = loss;
        Source = string.IsNullOrWhiteSpace(source) ? Name : source;
    }

    /// <summary>Where the spec came from (file name, or the model name for built-ins); used in error messages.</summary>
    public string Source { get; }

    /// <summary>Model name.</summary>
    public string Name { get; }

    /// <summary>Shape of one input sample.</summary>
    public int[] InputShape { get; }

    /// <summary>Layers in order.</summary>
    public IReadOnlyList<LayerSpec> Layers { get; }

    /// <summary>Loss name (see <see cref="Losses.Loss.KnownNames"/>).</summary>
    public string Loss { get; }

    /// <summary>Names of the built-in models.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["digits-mlp", "digits-cnn", "iris-mlp", "fashion-cnn", "fashion-mlp"];

    /// <summary>A built-in model by name.</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static ModelSpec BuiltIn(string name)
    {
        static LayerSpec L(string type, params (string Key, double Value)[] settings) =>
            new(type, settings.ToDictionary(s => s.Key, s => s.Value));
        return name switch
        {
            "digits-mlp" => new ModelSpec(name, [64],
                [L("dense", ("units", 128)), L("relu"), L("dropout", ("rate", 0.1)), L("dense", ("units", 64)), L("relu"), L("dense", ("units", 10))]),
            "digits-cnn" => new ModelSpec(name, [1, 8, 8],
                [L("conv2d", ("filters", 16), ("kernel", 3), ("padding", 1)), L("relu"), L("maxpool2d", ("size", 2)),
                 L("flatten"), L("dense", ("units", 64)), L("relu"), L("dense", ("units", 10))]),
            "iris-mlp" => new ModelSpec(name, [4], [L("dense", ("units", 16)), L("tanh"), L("dense", ("units", 3))]),
            "fashion-mlp" => new ModelSpec(name, [1, 28, 28],
                [L("flatten"), L("dense", ("units", 256)), L("relu"), L("dropout", ("rate", 0.2)), L("dense", ("units", 10))]),
            "fashion-cnn" => new ModelSpec(name, [1, 28, 28],
                [L("conv2d", ("filters", 16), ("kernel", 3), ("padding", 1)), L("relu"), L("maxpool2d", ("size", 2)),
                 L("conv2d", ("filters", 32), ("kernel", 3), ("padding", 1)), L("relu"), L("maxpool2d", ("size", 2)),
                 L("flatten"), L("dense", ("units", 128)), L("relu"), L("dropout", ("rate", 0.25)), L("dense", ("units", 10))]),
            _ => throw new ArgumentException(
                $"unknown built-in model '{name}' (built-in: {string.Join(", ", BuiltInNames)}; or give a .json/.yaml spec file)"),
        };
    }

    /// <summary>Reads a spec file (.json, .yaml or .yml).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelSpecException">The file is not a valid spec; the message names the file.</exception>
    public static ModelSpec Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"model spec '{path}' not found", path);
        }
        string text = File.ReadAllText(path);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext is ".yaml" or ".yml" ? FromYaml(text, Path.GetFileName(path)) : FromJson(text, Path.GetFileName(path));
    }

    /// <summary>Parses YAML by converting it to the JSON form.</summary>
    public static ModelSpec FromYaml(string text, string source)
    {
        object? graph;
        try
        {
            graph = new DeserializerBuilder().Build().Deserialize<object>(text);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new ModelSpecException($"{source}: invalid YAML at line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }
        string json = new SerializerBuilder().JsonCompatible().Build().Serialize(graph ?? new Dictionary<string, object>());
        return FromJson(json, source);
    }

    /// <summary>Parses the JSON form.</summary>
    /// <exception cref="ModelSpecException">Malformed JSON, missing or mistyped fields.</exception>
    public static ModelSpec FromJson(string text, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ModelSpecException($"{source}: invalid JSON at line {(e.LineNumber ?? 0) + 1}: {e.Message}", e);
        }
        if (root is not JsonObject obj)
        {
            throw new ModelSpecException($"{source}: a model spec must be an object with 'input' and 'layers'");
        }
        foreach (var (key, _) in obj)
        {
            if (key is not ("name" or "input" or "layers" or "loss"))
            {
                throw new ModelSpecException($"{source}: unknown field '{key}' (fields: name, input, layers, loss)");
            }
        }
        string name = Path.GetFileNameWithoutExtension(source);
        if (obj["name"] is { } nameNode)
        {
            if (nameNode is not JsonValue nv || !nv.TryGetValue(out string? n))
            {
                throw new ModelSpecException($"{source}: 'name' must be text, got {nameNode.ToJsonString()}");
            }
            name = n;
        }
        if (obj["input"] is not JsonArray inputArray || inputArray.Count == 0)
        {
            throw new ModelSpecException($"{source}: 'input' must be a non-empty list of positive integers, e.g. [1, 28, 28]");
        }
        int[] input = new int[inputArray.Count];
        for (int i = 0; i < input.Length; i++)
        {
            double d = ReadNumber(inputArray[i], $"{source}: input[{i}]");
            if (d < 1 || d != Math.Floor(d) || d > int.MaxValue)
            {
                throw new ModelSpecException($"{source}: input[{i}] = {d.ToString(CultureInfo.InvariantCulture)} must be a positive integer");
            }
            input[i] = (int)d;
        }
        if (obj["layers"] is not JsonArray layerArray || layerArray.Count == 0)
        {
            throw new ModelSpecException($"{source}: 'layers' must be a non-empty list");
        }
        var layers = new List<LayerSpec>();
        for (int i = 0; i < layerArray.Count; i++)
        {
            string where = $"{source} layer {i + 1}";
            if (layerArray[i] is not JsonObject layerObj)
            {
                throw new ModelSpecException($"{where}: each layer must be an object with a 'type'");
            }
            if (layerObj["type"] is not JsonValue tv || !tv.TryGetValue(out string? type) || string.IsNullOrWhiteSpace(type))
            {
                throw new ModelSpecException($"{where}: missing 'type'");
            }
            var settings = new Dictionary<string, double>();
            foreach (var (key, value) in layerObj)
            {
                if (key != "type")
                {
                    settings[key] = ReadNumber(value, $"{where}: setting '{key}'");
                }
            }
            layers.Add(new LayerSpec(type, settings));
        }
        string loss = "softmax-cross-entropy";
        if (obj["loss"] is { } lossNode)
        {
            if (lossNode is not JsonValue lv || !lv.TryGetValue(out string? l))
            {
                throw new ModelSpecException($"{source}: 'loss' must be a name ({string.Join(", ", Losses.Loss.KnownNames)}), got {lossNode.ToJsonString()}");
            }
            loss = l;
        }
        if (!Losses.Loss.KnownNames.Contains(loss.Trim().ToLowerInvariant()))
        {
            throw new ModelSpecException($"{source}: unknown loss '{loss}' (known: {string.Join(", ", Losses.Loss.KnownNames)})");
        }
        return new ModelSpec(name, input, layers, loss, source);
    }

    /// <summary>The JSON form, indented.</summary>
    public string ToJson()
    {
        var layers = new JsonArray();
        foreach (LayerSpec layer in Layers)
        {
            var o = new JsonObject { ["type"] = layer.Type };
            foreach (var (key, value) in layer.Settings)
            {
                o[key] = value == Math.Floor(value) && Math.Abs(value) < 1e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);
            }
            layers.Add(o);
        }
        var root = new JsonObject
        {
            ["name"] = Name,
            ["input"] = new JsonArray(InputShape.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
            ["loss"] = Loss,
            ["layers"] = layers,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static double ReadNumber(JsonNode? node, string where)
    {
        if (node is JsonValue v)
        {
            if (v.TryGetValue(out double d) && double.IsFinite(d))
            {
                return d;
            }
            // YAML converted to JSON may quote numbers.
            if (v.TryGetValue(out string? s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d) && double.IsFinite(d))
            {
                return d;
            }
        }
        throw new ModelSpecException($"{where} must be a number, got {node?.ToJsonString() ?? "null"}");
    }
}
