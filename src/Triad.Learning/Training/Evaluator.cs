using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Numerics.Kernels;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Training;

/// <summary>
/// Evaluates a model on a data set in evaluation mode, batch by batch, without gradients: loss and, for a classifier,
/// accuracy, the confusion matrix and per-class scores. Batch b draws from stream root.Fork(4).Fork(b) of the seed
/// (for modules that sample at inference, such as shot noise), so evaluation is reproducible too.
/// </summary>
public static class Evaluator
{
    /// <summary>Evaluates a model of either precision.</summary>
    public static EvaluationReport Evaluate(IModel model, Dataset data, int batchSize = 256, ulong seed = 0) => model switch
    {
        Model<float> f => Evaluate(f, data, batchSize, seed),
        Model<double> d => Evaluate(d, data, batchSize, seed),
        _ => throw new ArgumentException($"cannot evaluate a model of type {model?.GetType().Name ?? "null"}", nameof(model)),
    };

    /// <summary>Runs the model over <paramref name="data"/> in batches and scores it.</summary>
    public static EvaluationReport Evaluate<T>(Model<T> model, Dataset data, int batchSize = 256, ulong seed = 0, TensorPool<T>? pool = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        data = DataFit.Conform(model, data);
        batchSize = Math.Max(1, Math.Min(batchSize, data.Count));
        bool classify = !data.IsRegression;
        int classes = data.ClassCount;
        int[][] confusion = Enumerable.Range(0, classes).Select(_ => new int[classes]).ToArray();
        double lossSum = 0;
        int correct = 0;
        int[] predicted = new int[batchSize];
        Tensor<T> features = DataFit.Features<T>(data), targets = DataFit.Targets<T>(data);
        var root = new SeededRandom(seed).Fork(4);
        using var tape = new Tape<T>(pool) { GradientsEnabled = false };
        bool training = model.Training;
        model.Eval();
        try
        {
            for (int start = 0, b = 0; start < data.Count; start += batchSize, b++)
            {
                int count = Math.Min(batchSize, data.Count - start);
                Tensor<T> x = features.SliceRows(start, count);
                Tensor<T> t = targets.SliceRows(start, count);
                tape.Random = root.Fork((ulong)b);
                Variable<T> y = model.Forward(tape.Input(x));
                lossSum += double.CreateTruncating(LossFunctions.Compute(model.LossName, y, t).Item()) * count;
                if (classify)
                {
                    RowKernels.ArgMax((ReadOnlySpan<T>)y.Span, classes, predicted.AsSpan(0, count));
                    ReadOnlySpan<int> labels = data.Labels.AsSpan(start, count);
                    for (int i = 0; i < count; i++)
                    {
                        confusion[labels[i]][predicted[i]]++;
                        if (labels[i] == predicted[i])
                        {
                            correct++;
                        }
                    }
                }
                tape.Reset();
            }
        }
        finally
        {
            model.Train(training);
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
            Accuracy = data.Count == 0 || !classify ? double.NaN : (double)correct / data.Count,
            ClassNames = data.ClassNames,
            Confusion = confusion,
            Precision = precision,
            Recall = recall,
            F1 = f1,
        };
    }
}
