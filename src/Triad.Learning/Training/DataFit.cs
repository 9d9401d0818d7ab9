using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Training;

/// <summary>Checks that a data set fits a model, and builds the targets the loss needs.</summary>
public static class DataFit
{
    /// <summary>
    /// Returns <paramref name="data"/> with samples shaped as the model's input. A data set whose samples hold
    /// the same number of values in another shape (digits [64] for a [1, 8, 8] CNN) is reshaped; anything else,
    /// or a model whose output size differs from the number of classes, is an error naming both.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The data and the model do not fit.</exception>
    public static Dataset Conform(Sequential model, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        int[] want = model.InputShape;
        int[] have = data.SampleShape;
        if (!have.AsSpan().SequenceEqual(want))
        {
            if (Product(have) != Product(want))
            {
                throw new ShapeMismatchException(
                    $"model '{model.Spec.Name}' takes samples of shape {Tensor<double>.ShapeToString(want)}, " +
                    $"but data set '{data.Name}' has samples of shape {Tensor<double>.ShapeToString(have)}");
            }
            data = data.WithSampleShape(want);
        }
        int[] output = model.OutputShape;
        if (output.Length != 1 || output[0] != data.ClassCount)
        {
            throw new ShapeMismatchException(
                $"model '{model.Spec.Name}' outputs {Tensor<double>.ShapeToString(output)} values per sample, " +
                $"but data set '{data.Name}' has {data.ClassCount} classes");
        }
        return data;
    }

    /// <summary>One-hot rows: target[i, labels[i]] = 1.</summary>
    public static Tensor<double> OneHot(ReadOnlySpan<int> labels, int classes)
    {
        var t = new Tensor<double>(labels.Length, classes);
        Span<double> s = t.Span;
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"label out of range 0..{classes - 1}");
            }
            s[(i * classes) + labels[i]] = 1.0;
        }
        return t;
    }

    private static long Product(int[] shape) => shape.Aggregate(1L, (a, b) => a * b);
}
