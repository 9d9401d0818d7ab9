using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Optimizers;

/// <summary>
/// Updates parameters from their gradients. The optimiser's state (momentum buffers, moments, step count) is exported
/// and restored exactly, so training resumed from a checkpoint matches an unbroken run.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimiser after validating its settings.</summary>
    protected Optimizer(OptimizerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        Spec = spec;
    }

    /// <summary>The settings.</summary>
    public OptimizerSpec Spec { get; }

    /// <summary>Updates taken so far.</summary>
    public long Steps { get; protected set; }

    /// <summary>
    /// Factor on <see cref="OptimizerSpec.LearningRate"/> for the next update, set by a learning-rate schedule (1 by
    /// default). Not part of the exported state: a schedule recomputes it from the step count.
    /// </summary>
    public double LearningRateScale { get; set; } = 1.0;

    /// <summary>The step size of the next update: η·scale.</summary>
    protected double LearningRate => Spec.LearningRate * LearningRateScale;

    /// <summary>Creates the optimiser named in <paramref name="spec"/>.</summary>
    public static Optimizer<T> Create(OptimizerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        return string.Equals(spec.Name.Trim(), "sgd", StringComparison.OrdinalIgnoreCase) ? new Sgd<T>(spec) : new Adam<T>(spec);
    }

    /// <summary>Applies one update to every parameter from its current gradient.</summary>
    public abstract void Step(IReadOnlyList<Parameter<T>> parameters);

    /// <summary>The state tensors by name (e.g. "m.3"), for checkpoints.</summary>
    public abstract IReadOnlyDictionary<string, Tensor<T>> ExportState();

    /// <summary>Restores state exported by <see cref="ExportState"/> together with the step count.</summary>
    public abstract void ImportState(IReadOnlyDictionary<string, Tensor<T>> state, long steps, IReadOnlyList<Parameter<T>> parameters);

    /// <summary>Allocates one zero buffer per parameter on first use, checking the count on later use.</summary>
    protected static List<Tensor<T>> EnsureBuffers(List<Tensor<T>>? buffers, IReadOnlyList<Parameter<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (buffers is null)
        {
            buffers = new List<Tensor<T>>(parameters.Count);
            foreach (Parameter<T> p in parameters)
            {
                buffers.Add(new Tensor<T>(p.Value.Shape.ToArray()));
            }
            return buffers;
        }
        if (buffers.Count != parameters.Count)
        {
            throw new InvalidOperationException($"optimizer holds state for {buffers.Count} parameters, got {parameters.Count}");
        }
        return buffers;
    }

    /// <summary>Reads buffers "prefix.0", "prefix.1", … for the given parameters from exported state.</summary>
    protected static List<Tensor<T>> ReadBuffers(IReadOnlyDictionary<string, Tensor<T>> state, string prefix, IReadOnlyList<Parameter<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(parameters);
        var list = new List<Tensor<T>>(parameters.Count);
        for (int i = 0; i < parameters.Count; i++)
        {
            string key = $"{prefix}.{i}";
            if (!state.TryGetValue(key, out Tensor<T>? t))
            {
                throw new InvalidDataException($"optimizer state lacks '{key}'");
            }
            parameters[i].Value.EnsureSameShape(t, $"optimizer state '{key}'");
            list.Add(t.Clone());
        }
        return list;
    }
}
