using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Triad.Quantum.Gradients;

/// <summary>
/// Row <c>row</c> of a [samples, parameters] table read as a binding name → value, without copying: how a layer hands
/// a batch to <see cref="DifferentiableCircuit"/> without building a dictionary per sample. Column k holds the value of
/// <c>names[k]</c>; the name → column map is shared by all rows.
/// </summary>
internal sealed class RowBinding(IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> names, double[,] table, int row)
    : IReadOnlyDictionary<string, double>
{
    public double this[string key] => TryGetValue(key, out double v) ? v : throw new KeyNotFoundException($"no parameter '{key}' in the binding");

    public IEnumerable<string> Keys => names;

    public IEnumerable<double> Values => names.Select(n => this[n]);

    public int Count => names.Count;

    public bool ContainsKey(string key) => columns.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        if (columns.TryGetValue(key, out int k))
        {
            value = table[row, k];
            return true;
        }
        value = 0;
        return false;
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator() => names.Select(n => new KeyValuePair<string, double>(n, this[n])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
