using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Triad.Learning.Specs;

namespace Triad.Learning.Models;

/// <summary>
/// A model's structure: the input sample shape, a graph of named nodes, the output node, and the loss. Written in
/// JSON or YAML in one of two forms. The sequential form lists layers, each taking the previous one's output:
/// <code>
/// { "name": "digits-mlp", "input": [64], "loss": "softmax-cross-entropy",
///   "layers": [ { "type": "dense", "units": 128 }, { "type": "relu" }, { "type": "dense", "units": 10 } ] }
/// </code>
/// The graph form names each node and its inputs ("input" is the model's input) and the output node:
/// <code>
/// { "name": "res-mlp", "input": [64], "loss": "softmax-cross-entropy",
///   "nodes": [ { "name": "h", "type": "dense", "units": 128, "inputs": ["input"] },
///              { "name": "a", "type": "relu", "inputs": ["h"] },
///              { "name": "f", "type": "dense", "units": 128, "inputs": ["a"] },
///              { "name": "r", "type": "add", "inputs": ["h", "f"] },
///              { "name": "out", "type": "dense", "units": 10, "inputs": ["r"] } ],
///   "output": "out" }
/// </code>
/// A layer of the sequential form is node "i" (its index from 0), so its parameters are "0.weight", "0.bias", ….
/// Settings may be numbers, strings, booleans, lists or objects; which ones a type accepts is up to its factory
/// (<see cref="Modules.ModuleRegistry"/>). A graph node may say <c>"shares": "h"</c> to apply node h's module again.
/// </summary>
public sealed class ModelSpec
{
    /// <summary>The name given to the model's input in the graph form.</summary>
    public const string InputName = "input";

    /// <summary>Longest model or node name accepted.</summary>
    public const int MaxNameLength = 64;

    private static readonly string[] s_rootFields = ["name", "input", "layers", "nodes", "output", "loss"];

    /// <summary>Creates a spec after checking the names, the inputs and the graph.</summary>
    /// <exception cref="ModelSpecException">A name is bad or repeated, an input is unknown, the graph has a cycle, or a node's output is unused.</exception>
    /// <param name="name">Model name; checked with <see cref="CheckName"/> unless <paramref name="anyName"/>.</param>
    /// <param name="inputShape">Shape of one input sample.</param>
    /// <param name="nodes">The nodes.</param>
    /// <param name="output">Name of the output node.</param>
    /// <param name="loss">Loss name.</param>
    /// <param name="source">Where the spec came from, for messages.</param>
    /// <param name="sequential">Whether it is (and is saved in) the layers form.</param>
    /// <param name="anyName">Accept any model name (for model files written before names were checked; such a name is
    /// never used to make a path).</param>
    public ModelSpec(string name, int[] inputShape, IReadOnlyList<NodeSpec> nodes, string output, string loss = "softmax-cross-entropy",
        string? source = null, bool sequential = false, bool anyName = false)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(nodes);
        Source = string.IsNullOrWhiteSpace(source) ? name : source;
        Name = anyName && !string.IsNullOrEmpty(name) ? name : CheckName(name, Source, "model name");
        InputShape = (int[])inputShape.Clone();
        Nodes = nodes.ToArray();
        Output = output;
        Loss = loss;
        IsSequential = sequential;
        Order = CheckGraph();
    }

    /// <summary>Where the spec came from (file name, or the model name for built-ins); used in error messages.</summary>
    public string Source { get; }

    /// <summary>Model name: letters, digits, '-', '_' and '.', not starting with '.'; safe as a folder name.</summary>
    public string Name { get; }

    /// <summary>Shape of one input sample.</summary>
    public int[] InputShape { get; }

    /// <summary>The nodes as written.</summary>
    public IReadOnlyList<NodeSpec> Nodes { get; }

    /// <summary>Indices into <see cref="Nodes"/> in an order where every node comes after its inputs.</summary>
    public IReadOnlyList<int> Order { get; }

    /// <summary>Name of the node whose output is the model's output.</summary>
    public string Output { get; }

    /// <summary>Loss name (see <see cref="LossFunctions.KnownNames"/>).</summary>
    public string Loss { get; }

    /// <summary>Whether the spec was written in (and is saved back in) the sequential "layers" form.</summary>
    public bool IsSequential { get; }

    /// <summary>A sequential spec from layer types and settings.</summary>
    public static ModelSpec Sequential(string name, int[] inputShape, IReadOnlyList<(string Type, JsonObject Settings)> layers,
        string loss = "softmax-cross-entropy", string? source = null, bool anyName = false)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var nodes = new NodeSpec[layers.Count];
        for (int i = 0; i < nodes.Length; i++)
        {
            nodes[i] = new NodeSpec(i.ToString(CultureInfo.InvariantCulture), layers[i].Type,
                [i == 0 ? InputName : (i - 1).ToString(CultureInfo.InvariantCulture)], layers[i].Settings);
        }
        if (nodes.Length == 0)
        {
            throw new ModelSpecException($"{source ?? name}: 'layers' must be a non-empty list");
        }
        return new ModelSpec(name, inputShape, nodes, nodes[^1].Name, loss, source, sequential: true, anyName);
    }

    /// <summary>Reads a spec file (.json, .yaml or .yml).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelSpecException">The file is not a valid spec; the message names the file.</exception>
    public static ModelSpec Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonNode root = SpecDocument.Load(path);
        return FromNode(root, Path.GetFileName(path));
    }

    /// <summary>Parses the JSON form.</summary>
    public static ModelSpec FromJson(string text, string source) => FromNode(SpecDocument.Parse(text, source, SpecSyntax.Json), source);

    /// <summary>Parses the YAML form.</summary>
    public static ModelSpec FromYaml(string text, string source) => FromNode(SpecDocument.Parse(text, source, SpecSyntax.Yaml), source);

    /// <summary>Reads a spec from its parsed document; <paramref name="anyName"/> accepts names that are not plain file names (for stored models).</summary>
    /// <exception cref="ModelSpecException">Missing or mistyped fields, or a graph that does not hold together.</exception>
    public static ModelSpec FromNode(JsonNode? root, string source, bool anyName = false)
    {
        if (root is not JsonObject obj)
        {
            throw new ModelSpecException($"{source}: a model spec must be an object with 'input' and 'layers' or 'nodes'");
        }
        foreach (var (key, _) in obj)
        {
            if (!s_rootFields.Contains(key))
            {
                throw new ModelSpecException($"{source}: unknown field '{key}' (fields: {string.Join(", ", s_rootFields)})");
            }
        }
        string name = DefaultName(source);
        if (obj["name"] is { } nameNode)
        {
            if (nameNode is not JsonValue nv || !nv.TryGetValue(out string? n))
            {
                throw new ModelSpecException($"{source}: 'name' must be text, got {nameNode.ToJsonString()}");
            }
            name = n;
        }
        int[] input = ReadInput(obj["input"], source);
        string loss = "softmax-cross-entropy";
        if (obj["loss"] is { } lossNode)
        {
            if (lossNode is not JsonValue lv || !lv.TryGetValue(out string? l))
            {
                throw new ModelSpecException($"{source}: 'loss' must be a name ({string.Join(", ", LossFunctions.KnownNames)}), got {lossNode.ToJsonString()}");
            }
            loss = l.Trim().ToLowerInvariant();
        }
        if (!LossFunctions.KnownNames.Contains(loss))
        {
            throw new ModelSpecException($"{source}: unknown loss '{loss}' (known: {string.Join(", ", LossFunctions.KnownNames)})");
        }
        bool hasLayers = obj.ContainsKey("layers"), hasNodes = obj.ContainsKey("nodes");
        if (hasLayers == hasNodes)
        {
            throw new ModelSpecException($"{source}: give either 'layers' (a sequence) or 'nodes' (a graph), not {(hasLayers ? "both" : "neither")}");
        }
        if (hasLayers)
        {
            if (obj.ContainsKey("output"))
            {
                throw new ModelSpecException($"{source}: 'output' belongs to the 'nodes' form; a 'layers' model outputs its last layer");
            }
            if (obj["layers"] is not JsonArray layerArray || layerArray.Count == 0)
            {
                throw new ModelSpecException($"{source}: 'layers' must be a non-empty list");
            }
            var layers = new List<(string, JsonObject)>();
            for (int i = 0; i < layerArray.Count; i++)
            {
                string where = $"{source} layer {i + 1}";
                if (layerArray[i] is not JsonObject layerObj)
                {
                    throw new ModelSpecException($"{where}: each layer must be an object with a 'type'");
                }
                string type = ReadType(layerObj, where);
                var settings = new JsonObject();
                foreach (var (key, value) in layerObj)
                {
                    if (key is "name" or "inputs" or "shares")
                    {
                        throw new ModelSpecException($"{where}: '{key}' belongs to the 'nodes' form");
                    }
                    if (key != "type")
                    {
                        settings[key] = value?.DeepClone();
                    }
                }
                layers.Add((type, settings));
            }
            return Sequential(name, input, layers, loss, source, anyName);
        }
        if (obj["nodes"] is not JsonArray nodeArray || nodeArray.Count == 0)
        {
            throw new ModelSpecException($"{source}: 'nodes' must be a non-empty list");
        }
        var nodes = new List<NodeSpec>();
        for (int i = 0; i < nodeArray.Count; i++)
        {
            if (nodeArray[i] is not JsonObject nodeObj)
            {
                throw new ModelSpecException($"{source} node {i + 1}: each node must be an object with a 'name', a 'type' and 'inputs'");
            }
            if (nodeObj["name"] is not JsonValue nameValue || !nameValue.TryGetValue(out string? nodeName))
            {
                throw new ModelSpecException($"{source} node {i + 1}: missing 'name' (text)");
            }
            string where = $"{source} node '{nodeName}'";
            string type = ReadType(nodeObj, where);
            if (nodeObj["inputs"] is not JsonArray inputArray || inputArray.Count == 0)
            {
                throw new ModelSpecException($"{where}: 'inputs' must be a non-empty list of node names (or \"{InputName}\")");
            }
            var inputs = new List<string>();
            foreach (JsonNode? item in inputArray)
            {
                if (item is not JsonValue iv || !iv.TryGetValue(out string? inputName))
                {
                    throw new ModelSpecException($"{where}: 'inputs' must hold node names, got {item?.ToJsonString() ?? "null"}");
                }
                inputs.Add(inputName);
            }
            string? shares = null;
            if (nodeObj["shares"] is { } sharesNode)
            {
                if (sharesNode is not JsonValue sv || !sv.TryGetValue(out shares))
                {
                    throw new ModelSpecException($"{where}: 'shares' must be a node name, got {sharesNode.ToJsonString()}");
                }
            }
            var settings = new JsonObject();
            foreach (var (key, value) in nodeObj)
            {
                if (key is not ("name" or "type" or "inputs" or "shares"))
                {
                    settings[key] = value?.DeepClone();
                }
            }
            nodes.Add(new NodeSpec(nodeName, type, inputs, settings, shares));
        }
        if (obj["output"] is not JsonValue outValue || !outValue.TryGetValue(out string? output))
        {
            throw new ModelSpecException($"{source}: the 'nodes' form needs 'output', the name of the node whose output the model gives");
        }
        return new ModelSpec(name, input, nodes, output, loss, source, anyName: anyName);
    }

    /// <summary>The JSON form (in the form it was written in), indented.</summary>
    public string ToJson() => ToNode().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>The JSON form as a document.</summary>
    public JsonObject ToNode()
    {
        var root = new JsonObject
        {
            ["name"] = Name,
            ["input"] = new JsonArray(InputShape.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
            ["loss"] = Loss,
        };
        var list = new JsonArray();
        foreach (NodeSpec node in Nodes)
        {
            var o = new JsonObject();
            if (!IsSequential)
            {
                o["name"] = node.Name;
            }
            o["type"] = node.Type;
            if (!IsSequential)
            {
                o["inputs"] = new JsonArray(node.Inputs.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());
                if (node.Shares is not null)
                {
                    o["shares"] = node.Shares;
                }
            }
            foreach (var (key, value) in node.Settings)
            {
                o[key] = value?.DeepClone();
            }
            list.Add(o);
        }
        root[IsSequential ? "layers" : "nodes"] = list;
        if (!IsSequential)
        {
            root["output"] = Output;
        }
        return root;
    }

    /// <summary>Where a node is, for messages.</summary>
    public string Where(NodeSpec node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return IsSequential ? $"{Source} layer {int.Parse(node.Name, CultureInfo.InvariantCulture) + 1}" : $"{Source} node '{node.Name}'";
    }

    /// <summary>Checks a model or node name: 1..64 of [A-Za-z0-9_.-], not starting with '.' (nor '-').</summary>
    public static string CheckName(string? name, string source, string what)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name[0] is '.' or '-'
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            string shown = name is null ? "null" : JsonSerializer.Serialize(name);
            throw new ModelSpecException(
                $"{source}: {what} {shown} must be 1 to {MaxNameLength} letters, digits, '-', '_' or '.', not starting with '.' or '-' (it names files and folders)");
        }
        return name;
    }

    private int[] CheckGraph()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Nodes.Count; i++)
        {
            NodeSpec node = Nodes[i];
            string where = Where(node);
            CheckName(node.Name, Source, "node name");
            if (node.Name.Contains('.', StringComparison.Ordinal))
            {
                throw new ModelSpecException($"{where}: a node name may not contain '.' (it separates parts of parameter names)");
            }
            if (node.Name == InputName)
            {
                throw new ModelSpecException($"{where}: '{InputName}' is the model's input; give the node another name");
            }
            if (!index.TryAdd(node.Name, i))
            {
                throw new ModelSpecException($"{where}: the name is already used by node {index[node.Name] + 1}");
            }
        }
        for (int i = 0; i < Nodes.Count; i++)
        {
            NodeSpec node = Nodes[i];
            foreach (string input in node.Inputs)
            {
                if (input != InputName && !index.ContainsKey(input))
                {
                    throw new ModelSpecException($"{Where(node)}: input '{input}' is not a node (nodes: {string.Join(", ", Nodes.Select(n => n.Name))}; or \"{InputName}\")");
                }
            }
            if (node.Shares is { } shared)
            {
                if (!index.TryGetValue(shared, out int target))
                {
                    throw new ModelSpecException($"{Where(node)}: shares '{shared}', which is not a node");
                }
                NodeSpec owner = Nodes[target];
                if (owner.Shares is not null)
                {
                    throw new ModelSpecException($"{Where(node)}: shares '{shared}', which itself shares '{owner.Shares}'; name the owner");
                }
                if (owner.Type != node.Type || node.Settings.Count > 0)
                {
                    throw new ModelSpecException($"{Where(node)}: a node that shares '{shared}' must have its type '{owner.Type}' and no settings of its own");
                }
            }
        }
        if (!index.TryGetValue(Output, out int outputIndex))
        {
            throw new ModelSpecException($"{Source}: output '{Output}' is not a node");
        }
        // Depth-first topological sort with an explicit stack (a spec may chain thousands of nodes); a node met again
        // while still open closes a cycle, reported along the open path.
        int[] state = new int[Nodes.Count];
        var order = new List<int>();
        var path = new List<int>();
        var next = new List<int>();
        for (int root = 0; root < Nodes.Count; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }
            state[root] = 1;
            path.Add(root);
            next.Add(0);
            while (path.Count > 0)
            {
                int i = path[^1];
                IReadOnlyList<string> inputs = Nodes[i].Inputs;
                int k = next[^1];
                if (k == inputs.Count)
                {
                    state[i] = 2;
                    order.Add(i);
                    path.RemoveAt(path.Count - 1);
                    next.RemoveAt(next.Count - 1);
                    continue;
                }
                next[^1] = k + 1;
                if (inputs[k] == InputName)
                {
                    continue;
                }
                int j = index[inputs[k]];
                if (state[j] == 1)
                {
                    int start = path.IndexOf(j);
                    string cycle = string.Join(" → ", path.Skip(start).Append(j).Select(n => $"'{Nodes[n].Name}'"));
                    throw new ModelSpecException($"{Source}: nodes {cycle} form a cycle");
                }
                if (state[j] == 0)
                {
                    state[j] = 1;
                    path.Add(j);
                    next.Add(0);
                }
            }
        }
        // Every node must feed the output: anything else is computed for nothing, usually a typo in 'inputs'.
        var used = new bool[Nodes.Count];
        var stack = new Stack<int>([outputIndex]);
        while (stack.Count > 0)
        {
            int i = stack.Pop();
            if (used[i])
            {
                continue;
            }
            used[i] = true;
            foreach (string input in Nodes[i].Inputs)
            {
                if (input != InputName)
                {
                    stack.Push(index[input]);
                }
            }
        }
        for (int i = 0; i < Nodes.Count; i++)
        {
            if (!used[i])
            {
                throw new ModelSpecException($"{Where(Nodes[i])}: its output is used by no node on the way to the output '{Output}'");
            }
        }
        return [.. order];
    }

    /// <summary>A model name made from a file name: characters a name may not hold become '-'.</summary>
    private static string DefaultName(string source)
    {
        string stem = Path.GetFileNameWithoutExtension(source);
        var chars = stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray();
        string name = new string(chars).TrimStart('.', '-');
        return name.Length == 0 ? "model" : name[..Math.Min(name.Length, MaxNameLength)];
    }

    private static int[] ReadInput(JsonNode? node, string source)
    {
        if (node is not JsonArray inputArray || inputArray.Count == 0)
        {
            throw new ModelSpecException($"{source}: 'input' must be a non-empty list of positive integers, e.g. [1, 28, 28]");
        }
        int[] input = new int[inputArray.Count];
        long total = 1;
        for (int i = 0; i < input.Length; i++)
        {
            double d = inputArray[i] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
                && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? x : double.NaN;
            if (!(d >= 1) || d != Math.Floor(d) || d > int.MaxValue)
            {
                throw new ModelSpecException($"{source}: input[{i}] = {inputArray[i]?.ToJsonString() ?? "null"} must be a positive integer");
            }
            input[i] = (int)d;
            total *= input[i];
            if (total > Array.MaxLength)
            {
                throw new ModelSpecException($"{source}: input [{string.Join(", ", input.Take(i + 1))}…] holds more values per sample than one array can");
            }
        }
        return input;
    }

    private static string ReadType(JsonObject obj, string where)
    {
        if (obj["type"] is not JsonValue tv || !tv.TryGetValue(out string? type) || string.IsNullOrWhiteSpace(type))
        {
            throw new ModelSpecException($"{where}: missing 'type'");
        }
        return type.Trim().ToLowerInvariant();
    }
}
