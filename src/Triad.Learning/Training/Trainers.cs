using Triad.Learning.Data;
using Triad.Learning.Models;

namespace Triad.Learning.Training;

/// <summary>Makes trainers for models of either precision.</summary>
public static class Trainers
{
    /// <summary>A new run.</summary>
    public static ITrainer Create(IModel model, TrainingOptions options) => model switch
    {
        Model<float> f => new Trainer<float>(f, options),
        Model<double> d => new Trainer<double>(d, options),
        _ => throw new ArgumentException($"no trainer for a model of type {model?.GetType().Name ?? "null"}", nameof(model)),
    };

    /// <summary>A run continued from its state.</summary>
    public static ITrainer Resume(IModel model, TrainingState state) => model switch
    {
        Model<float> f => new Trainer<float>(f, state),
        Model<double> d => new Trainer<double>(d, state),
        _ => throw new ArgumentException($"no trainer for a model of type {model?.GetType().Name ?? "null"}", nameof(model)),
    };
}
