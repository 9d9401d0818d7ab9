using System.Reflection;

namespace Triad.Hardware;

/// <summary>The data files compiled into this assembly (data/devices/*.json, data/models/*.json).</summary>
internal static class EmbeddedData
{
    /// <summary>Every embedded file whose logical name starts with <paramref name="prefix"/>, as (file name, text), by name.</summary>
    public static IEnumerable<(string Name, string Text)> Files(string prefix)
    {
        Assembly assembly = typeof(EmbeddedData).Assembly;
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (resource[prefix.Length..], reader.ReadToEnd());
        }
    }
}
