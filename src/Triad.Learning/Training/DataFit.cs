using System.Numerics;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Numerics.Kernels;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Training;

/// <summary>Checks that a data set fits a model, and converts its features and targets to the model's element type.</summary>
public static class DataFit
{
    /// <summary>
    /// Returns <paramref name="data"/> with samples shaped as the model's input. A data set whose samples hold the same
    /// number of values in another shape (digits [64] for a [1, 8, 8] CNN) is reshaped; anything else is an error
    /// naming both. A classifier must output one value per class; a regression model the targets' shape; and the
    /// loss must suit the data (cross-entropy for classes, mse for targets).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The data and the model do not fit.</exception>
    public static Dataset Conform(IModel model, Dataset data)
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
        if (data.Targets is { } targets)
        {
            int[] targetShape = targets.Shape[1..].ToArray();
            if (!targetShape.AsSpan().SequenceEqual(output))
            {
                throw new ShapeMismatchException(
                    $"model '{model.Spec.Name}' outputs {Tensor<double>.ShapeToString(output)} per sample, " +
                    $"but data set '{data.Name}' has targets of shape {Tensor<double>.ShapeToString(targetShape)}");
            }
            if (LossFunctions.IsClassification(model.Spec.Loss))
            {
                throw new ShapeMismatchException($"model '{model.Spec.Name}' trains with {model.Spec.Loss}, which needs class labels; data set '{data.Name}' holds regression targets (use loss mse)");
            }
            return data;
        }
        if (!LossFunctions.IsClassification(model.Spec.Loss))
        {
            throw new ShapeMismatchException(
                $"model '{model.Spec.Name}' trains with {model.Spec.Loss}, which needs regression targets; data set '{data.Name}' holds class labels (use loss softmax-cross-entropy)");
        }
        if (output.Length != 1 || output[0] != data.ClassCount)
        {
            throw new ShapeMismatchException(
                $"model '{model.Spec.Name}' outputs {Tensor<double>.ShapeToString(output)} values per sample, " +
                $"but data set '{data.Name}' has {data.ClassCount} classes");
        }
        return data;
    }

    /// <summary>The features converted to T.</summary>
    public static Tensor<T> Features<T>(Dataset data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        return Convert<T>(data.Features);
    }

    /// <summary>
    /// The targets the loss takes, in T: the class index of each sample [N] for a classification set, the regression
    /// targets [N, …] otherwise.
    /// </summary>
    public static Tensor<T> Targets<T>(Dataset data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Targets is { } targets)
        {
            return Convert<T>(targets);
        }
        var t = new Tensor<T>(data.Count);
        Span<T> s = t.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = T.CreateTruncating(data.Labels[i]);
        }
        return t;
    }

    /// <summary>Rows of <paramref name="outputs"/> [B, C] whose largest value (the first on ties) is at the target index.</summary>
    internal static int CountCorrect<T>(Tensor<T> outputs, Tensor<T> targets, ref int[] scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = targets.Length;
        if (scratch.Length < rows)
        {
            scratch = new int[rows];
        }
        int classes = outputs.Length / Math.Max(1, rows);
        RowKernels.ArgMax((ReadOnlySpan<T>)outputs.Span, classes, scratch.AsSpan(0, rows));
        int correct = 0;
        ReadOnlySpan<T> t = targets.Span;
        for (int i = 0; i < rows; i++)
        {
            if (T.CreateTruncating(scratch[i]) == t[i])
            {
                correct++;
            }
        }
        return correct;
    }

    private static Tensor<T> Convert<T>(Tensor<double> source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (source is Tensor<T> same)
        {
            return same;
        }
        var t = new Tensor<T>(source.Shape.ToArray());
        ReadOnlySpan<double> s = source.Span;
        Span<T> d = t.Span;
        for (int i = 0; i < s.Length; i++)
        {
            d[i] = T.CreateTruncating(s[i]);
        }
        return t;
    }

    private static long Product(int[] shape) => shape.Aggregate(1L, (a, b) => a * b);
}
