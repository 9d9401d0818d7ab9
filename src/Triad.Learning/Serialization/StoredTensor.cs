using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Serialization;

/// <summary>One tensor as stored: its name, shape and values in their stored element type.</summary>
/// <param name="Name">Name, e.g. "0.weight".</param>
/// <param name="Shape">Extents.</param>
/// <param name="Float32">Values when stored as float32.</param>
/// <param name="Float64">Values when stored as float64.</param>
public sealed record StoredTensor(string Name, int[] Shape, float[]? Float32, double[]? Float64)
{
    /// <summary>The stored element type.</summary>
    public TensorElementType Type => Float32 is null ? TensorElementType.Float64 : TensorElementType.Float32;

    /// <summary>A stored copy of a tensor of T (float or double).</summary>
    public static StoredTensor From<T>(string name, Tensor<T> tensor) where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        int[] shape = tensor.Shape.ToArray();
        return tensor switch
        {
            Tensor<float> f => new StoredTensor(name, shape, f.Span.ToArray(), null),
            Tensor<double> d => new StoredTensor(name, shape, null, d.Span.ToArray()),
            _ => throw new ArgumentException($"tensor archives store float32 and float64, not {typeof(T).Name}", nameof(tensor)),
        };
    }

    /// <summary>The values as a tensor of T, converted (float64 → float32 rounds to nearest).</summary>
    public Tensor<T> ToTensor<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = new Tensor<T>(Shape);
        Span<T> d = t.Span;
        if (Float32 is { } f)
        {
            for (int i = 0; i < f.Length; i++)
            {
                d[i] = T.CreateTruncating(f[i]);
            }
        }
        else
        {
            double[] v = Float64!;
            for (int i = 0; i < v.Length; i++)
            {
                d[i] = T.CreateTruncating(v[i]);
            }
        }
        return t;
    }
}
