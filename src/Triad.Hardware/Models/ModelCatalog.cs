using System.Text.Json;
using Triad.Hardware.Catalog;

namespace Triad.Hardware.Models;

/// <summary>
/// Transformer configurations of published models, read from data/models/*.json (schema in
/// docs/device-catalog.md, "Model files"), with the source of every figure.
/// </summary>
public sealed class ModelCatalog
{
    private static readonly Lazy<ModelCatalog> s_builtIn = new(() => new ModelCatalog(EmbeddedData.Files("models/").Select(f => Read(f.Text, f.Name))));

    private readonly Dictionary<string, TransformerConfig> _models;

    /// <summary>A catalog of <paramref name="models"/>.</summary>
    public ModelCatalog(IEnumerable<TransformerConfig> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = models.ToDictionary(m => m.Id, StringComparer.Ordinal);
    }

    /// <summary>The models of data/models/ as built into the assembly.</summary>
    public static ModelCatalog BuiltIn => s_builtIn.Value;

    /// <summary>Every model, ordered by id.</summary>
    public IReadOnlyList<TransformerConfig> Models => [.. _models.Values.OrderBy(m => m.Id, StringComparer.Ordinal)];

    /// <summary>The model called <paramref name="id"/>.</summary>
    /// <exception cref="HardwareDataException">Unknown id; the message lists the known ones.</exception>
    public TransformerConfig Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _models.TryGetValue(id, out TransformerConfig? m)
            ? m
            : throw new HardwareDataException($"unknown model '{id}'; known: {string.Join(", ", Models.Select(x => x.Id))}");
    }

    /// <summary>Reads one model file's text.</summary>
    /// <exception cref="HardwareDataException">The file breaks the schema; the message names file and field.</exception>
    public static TransformerConfig Read(string json, string fileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(fileName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new HardwareDataException($"{fileName}: not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = new JsonFields(fileName, "", document.RootElement);
            string id = root.RequireString("id");
            if (!DeviceFileReader.IsValidId(id))
            {
                throw root.Error("id", $"'{id}' must be short and lower-case: letters, digits, '-' and '.'");
            }
            string name = root.RequireString("name");
            JsonFields sourcesObject = root.Object("sources");
            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string key in sourcesObject.Keys().ToList())
            {
                sources[key] = sourcesObject.RequireString(key);
            }
            int Int(string key) => (int)root.RequireCount(key, 1);
            var config = new TransformerConfig(id, name, Int("layers"), Int("hidden"), Int("ffn"), Int("heads"), Int("kvHeads"), Int("vocab"),
                Int("sequenceLength"), root.OptionalBool("tiedEmbeddings", false),
                Sourced(root, "trainingTokens", sources), Sourced(root, "publishedParameters", sources), sources);
            root.RejectUnknown();
            try
            {
                config.Validate();
            }
            catch (HardwareDataException e)
            {
                throw new HardwareDataException($"{fileName}: {e.Message}", e);
            }
            return config;
        }
    }

    private static SourcedValue? Sourced(JsonFields root, string key, IReadOnlyDictionary<string, string> sources)
    {
        JsonFields? o = root.OptionalObject(key);
        if (o is null)
        {
            return null;
        }
        double value = o.RequireNumber("value");
        if (!(value > 0))
        {
            throw o.Error(o.Name("value"), $"{JsonFields.Format(value)} must be positive");
        }
        string source = o.RequireString("source");
        if (!sources.ContainsKey(source))
        {
            throw o.Error(o.Name("source"), $"'{source}' is not a key of sources");
        }
        string? note = o.OptionalString("note");
        o.RejectUnknown();
        return new SourcedValue(value, source, note);
    }
}
