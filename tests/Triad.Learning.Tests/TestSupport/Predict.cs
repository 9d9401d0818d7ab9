using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Learning.Models;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Tests.TestSupport;

/// <summary>Forward passes in evaluation mode, and random inputs for them.</summary>
internal static class Predict
{
    /// <summary>The model's outputs for a batch, in evaluation mode (dropout off), copied off the tape.</summary>
    public static T[] Outputs<T>(Model<T> model, Tensor<T> batch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool training = model.Training;
        model.Eval();
        try
        {
            using var tape = new Tape<T>(pool: null, random: new SeededRandom(0)) { GradientsEnabled = false };
            return model.Forward(tape.Input(batch)).Span.ToArray();
        }
        finally
        {
            model.Train(training);
        }
    }

    /// <summary>A batch of <paramref name="shape"/> with entries from N(0, 1), drawn from <paramref name="seed"/>.</summary>
    public static Tensor<T> RandomBatch<T>(ulong seed, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = new Tensor<T>(shape);
        double[] values = new double[t.Length];
        new SeededRandom(seed).FillGaussian(values, 0, 1);
        for (int i = 0; i < values.Length; i++)
        {
            t[i] = T.CreateTruncating(values[i]);
        }
        return t;
    }
}
