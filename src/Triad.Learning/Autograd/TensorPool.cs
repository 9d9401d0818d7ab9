using System.Numerics;

namespace Triad.Learning.Autograd;

/// <summary>
/// Arrays kept for reuse between training steps, by exact length. A step asks for the same lengths in the same
/// order every time, so after the first step a tape takes every buffer it needs from here and the garbage
/// collector sees no tensor buffers at all. Arrays come back uncleared: whoever rents one writes all of it.
/// Not thread-safe; one pool serves one tape at a time.
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
public sealed class TensorPool<T> where T : unmanaged, INumberBase<T>
{
    private readonly Dictionary<int, Stack<T[]>> _free = [];
    private long _pooledElements;

    private TensorPool<int>? _indices;

    /// <summary>A companion pool of index arrays (argmax positions, gathered rows) for the same tapes.</summary>
    public TensorPool<int> Indices => _indices ??= new TensorPool<int>();

    /// <summary>Elements held in arrays waiting for reuse.</summary>
    public long PooledElements => _pooledElements;

    /// <summary>Arrays allocated because none of the length was free (a count that stops growing in steady state).</summary>
    public long Allocations { get; private set; }

    /// <summary>An array of exactly <paramref name="length"/> elements, reused when one is free (contents undefined).</summary>
    public T[] Rent(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (_free.TryGetValue(length, out Stack<T[]>? stack) && stack.Count > 0)
        {
            _pooledElements -= length;
            return stack.Pop();
        }
        Allocations++;
        return length == 0 ? [] : new T[length];
    }

    /// <summary>Gives an array back for reuse.</summary>
    public void Return(T[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (!_free.TryGetValue(array.Length, out Stack<T[]>? stack))
        {
            stack = new Stack<T[]>();
            _free[array.Length] = stack;
        }
        stack.Push(array);
        _pooledElements += array.Length;
    }

    /// <summary>Drops every free array (for the collector to take).</summary>
    public void Clear()
    {
        _free.Clear();
        _pooledElements = 0;
        _indices?.Clear();
    }
}
