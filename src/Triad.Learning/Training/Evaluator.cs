using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Numerics.Kernels;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Training;

/// <summary>Evaluates a classifier on a data set: loss, accuracy, confusion matrix and per-class scores.</summary>
public static class Evaluator
{
    /// <summary>Runs the model over <paramref name="data"/> in batches (no dropout) and scores it.</summary>
    public static EvaluationReport Evaluate(Sequential model, Dataset data, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        data = DataFit.Conform(model, data);
        batchSize = Math.Max(1, Math.Min(batchSize, data.Count));
        int classes = data.ClassCount;
        int[][] confusion = Enumerable.Range(0, classes).Select(_ => new int[classes]).ToArray();
        double lossSum = 0;
        int correct = 0;
        int[] predicted = new int[batchSize];
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, data.Count - start);
            Tensor<double> x = data.Features.SliceRows(start, count);
            ReadOnlySpan<int> labels = data.Labels.AsSpan(start, count);
            Tensor<double> y = model.Forward(x, training: false);
            Tensor<double> target = DataFit.OneHot(labels, classes);
            lossSum += model.Loss.Evaluate(y, target, new Tensor<double>(y.Shape.ToArray())) * count;
            RowKernels.ArgMax(y.ReadOnlySpan, classes, predicted.AsSpan(0, count));
            for (int i = 0; i < count; i++)
            {
                confusion[labels[i]][predicted[i]]++;
                if (labels[i] == predicted[i])
                {
                    correct++;
                }
            }
        }
        double[] precision = new double[classes], recall = new double[classes], f1 = new double[classes];
        for (int k = 0; k < classes; k++)
        {
            int tp = confusion[k][k];
            int predictedK = 0, actualK = 0;
            for (int j = 0; j < classes; j++)
            {
                predictedK += confusion[j][k];
                actualK += confusion[k][j];
            }
            precision[k] = predictedK == 0 ? 0 : (double)tp / predictedK;
            recall[k] = actualK == 0 ? 0 : (double)tp / actualK;
            f1[k] = precision[k] + recall[k] == 0 ? 0 : 2 * precision[k] * recall[k] / (precision[k] + recall[k]);
        }
        return new EvaluationReport
        {
            DataSet = data.Name,
            Count = data.Count,
            Loss = data.Count == 0 ? double.NaN : lossSum / data.Count,
            Accuracy = data.Count == 0 ? double.NaN : (double)correct / data.Count,
            ClassNames = data.ClassNames,
            Confusion = confusion,
            Precision = precision,
            Recall = recall,
            F1 = f1,
        };
    }
}
