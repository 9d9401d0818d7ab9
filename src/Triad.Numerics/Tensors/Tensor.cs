using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Triad.Numerics.Tensors;

/// <summary>
/// A dense, row-major tensor of <typeparamref name="T"/> (double, float or <see cref="Complex"/>).
/// Element (i0, i1, …, ik) lives at offset Σ i_j · stride_j with stride_k = 1 and
/// stride_j = stride_{j+1} · shape_{j+1}. Reshapes share storage; every other operation copies.
/// </summary>
/// <typeparam name="T">Element type; any unmanaged number type.</typeparam>
public sealed class Tensor<T> where T : unmanaged, INumberBase<T>
{
    private readonly T[] _data;
    private readonly int[] _shape;

    /// <summary>Creates a zero tensor of the given shape.</summary>
    /// <param name="shape">Extent of each axis; every extent must be ≥ 0.</param>
    public Tensor(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        _shape = (int[])shape.Clone();
        _data = new T[CheckedLength(_shape)];
    }

    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of the given shape.</summary>
    /// <exception cref="ShapeMismatchException">The data length is not the product of the shape.</exception>
    public Tensor(T[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        _shape = (int[])shape.Clone();
        long length = CheckedLength(_shape);
        if (length != data.Length)
        {
            throw new ShapeMismatchException(
                $"data of length {data.Length} cannot have shape {ShapeToString(_shape)} ({length} elements)");
        }
        _data = data;
    }

    /// <summary>Shape of the tensor, one extent per axis.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>Number of axes.</summary>
    public int Rank => _shape.Length;

    /// <summary>Total number of elements.</summary>
    public int Length => _data.Length;

    /// <summary>The elements in row-major order.</summary>
    public Span<T> Span => _data;

    /// <summary>The elements in row-major order, read-only.</summary>
    public ReadOnlySpan<T> ReadOnlySpan => _data;

    /// <summary>The backing array (shared, not copied). For interop with array-based libraries.</summary>
    public T[] Data => _data;

    /// <summary>Extent of axis <paramref name="axis"/>; negative axes count from the end.</summary>
    public int Dim(int axis)
    {
        int a = axis < 0 ? axis + _shape.Length : axis;
        if ((uint)a >= (uint)_shape.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"tensor of rank {_shape.Length} has no axis {axis}");
        }
        return _shape[a];
    }

    /// <summary>Element of a vector.</summary>
    public ref T this[int i] => ref _data[i];

    /// <summary>Element (i, j) of a matrix.</summary>
    public ref T this[int i, int j]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (_shape.Length != 2)
            {
                throw new ShapeMismatchException($"two indices given for a tensor of shape {ShapeString}");
            }
            return ref _data[(i * _shape[1]) + j];
        }
    }

    /// <summary>Element (n, c, h, w) of a rank-4 tensor.</summary>
    public ref T this[int n, int c, int h, int w]
    {
        get
        {
            if (_shape.Length != 4)
            {
                throw new ShapeMismatchException($"four indices given for a tensor of shape {ShapeString}");
            }
            return ref _data[(((((n * _shape[1]) + c) * _shape[2]) + h) * _shape[3]) + w];
        }
    }

    /// <summary>Creates a tensor of the given shape filled with <paramref name="value"/>.</summary>
    public static Tensor<T> Filled(T value, params int[] shape)
    {
        var t = new Tensor<T>(shape);
        t._data.AsSpan().Fill(value);
        return t;
    }

    /// <summary>Copies <paramref name="values"/> into a new tensor of the given shape.</summary>
    public static Tensor<T> FromSpan(ReadOnlySpan<T> values, params int[] shape)
    {
        var t = new Tensor<T>(shape);
        if (values.Length != t.Length)
        {
            throw new ShapeMismatchException(
                $"{values.Length} values cannot fill shape {ShapeToString(shape)} ({t.Length} elements)");
        }
        values.CopyTo(t._data);
        return t;
    }

    /// <summary>
    /// A tensor with the same elements and a new shape; shares storage. One extent may be −1 and is inferred.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The new shape holds a different number of elements.</exception>
    public Tensor<T> Reshape(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        int[] s = (int[])shape.Clone();
        int infer = Array.IndexOf(s, -1);
        if (infer >= 0 && Array.LastIndexOf(s, -1) != infer)
        {
            throw new ShapeMismatchException($"cannot reshape {ShapeString} into {ShapeToString(shape)}: at most one extent may be -1");
        }
        if (infer >= 0)
        {
            long rest = 1;
            for (int i = 0; i < s.Length; i++)
            {
                if (i != infer)
                {
                    rest *= s[i];
                }
            }
            if (rest == 0 || _data.Length % rest != 0)
            {
                throw new ShapeMismatchException($"cannot reshape {ShapeString} into {ShapeToString(shape)}");
            }
            s[infer] = (int)(_data.Length / rest);
        }
        if (CheckedLength(s) != _data.Length)
        {
            throw new ShapeMismatchException($"cannot reshape {ShapeString} ({Length} elements) into {ShapeToString(s)}");
        }
        return new Tensor<T>(_data, s);
    }

    /// <summary>A deep copy.</summary>
    public Tensor<T> Clone() => new((T[])_data.Clone(), _shape);

    /// <summary>Sets every element to zero.</summary>
    public void Clear() => Array.Clear(_data);

    /// <summary>Copies this tensor's elements into <paramref name="destination"/>, which must have the same shape.</summary>
    public void CopyTo(Tensor<T> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        EnsureSameShape(destination, nameof(destination));
        _data.AsSpan().CopyTo(destination._data);
    }

    /// <summary>True if <paramref name="other"/> has exactly this shape.</summary>
    public bool HasShape(ReadOnlySpan<int> other) => other.SequenceEqual(_shape);

    /// <summary>Throws <see cref="ShapeMismatchException"/> unless <paramref name="other"/> has this shape.</summary>
    public void EnsureSameShape(Tensor<T> other, string name)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!other.HasShape(_shape))
        {
            throw new ShapeMismatchException($"{name} has shape {other.ShapeString}, expected {ShapeString}");
        }
    }

    /// <summary>
    /// Gathers rows along axis 0: result[k, …] = this[indices[k], …]. Used to form mini-batches.
    /// </summary>
    public Tensor<T> GatherRows(ReadOnlySpan<int> indices)
    {
        if (_shape.Length == 0)
        {
            throw new ShapeMismatchException("cannot gather rows of a scalar tensor");
        }
        int rowLength = _shape[0] == 0 ? 0 : _data.Length / _shape[0];
        int[] s = (int[])_shape.Clone();
        s[0] = indices.Length;
        var result = new Tensor<T>(s);
        for (int k = 0; k < indices.Length; k++)
        {
            int r = indices[k];
            if ((uint)r >= (uint)_shape[0])
            {
                throw new ArgumentOutOfRangeException(nameof(indices), r, $"row index out of range 0..{_shape[0] - 1}");
            }
            _data.AsSpan(r * rowLength, rowLength).CopyTo(result._data.AsSpan(k * rowLength, rowLength));
        }
        return result;
    }

    /// <summary>Rows [start, start + count) along axis 0, copied.</summary>
    public Tensor<T> SliceRows(int start, int count)
    {
        if (_shape.Length == 0 || start < 0 || count < 0 || start + count > _shape[0])
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"rows [{start}, {start + count}) outside {ShapeString}");
        }
        int rowLength = _shape[0] == 0 ? 0 : _data.Length / _shape[0];
        int[] s = (int[])_shape.Clone();
        s[0] = count;
        return new Tensor<T>(_data.AsSpan(start * rowLength, count * rowLength).ToArray(), s);
    }

    /// <summary>The shape as text, e.g. "[64, 1, 28, 28]".</summary>
    public string ShapeString => ShapeToString(_shape);

    /// <summary>Formats a shape as "[a, b, c]".</summary>
    public static string ShapeToString(ReadOnlySpan<int> shape)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < shape.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }
            sb.Append(shape[i]);
        }
        return sb.Append(']').ToString();
    }

    /// <inheritdoc />
    public override string ToString() => $"Tensor<{typeof(T).Name}>{ShapeString}";

    private static int CheckedLength(ReadOnlySpan<int> shape)
    {
        long length = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ShapeMismatchException($"shape {ShapeToString(shape)} has a negative extent");
            }
            length *= d;
            if (length > Array.MaxLength)
            {
                throw new ShapeMismatchException(
                    $"shape {ShapeToString(shape)} needs more than {Array.MaxLength} elements " +
                    $"({length * Unsafe.SizeOf<T>() / (1 << 20)} MiB or more)");
            }
        }
        return (int)length;
    }
}
