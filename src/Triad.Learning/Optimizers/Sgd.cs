using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Tensors;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Triad.Learning.Optimizers;

/// <summary>
/// Stochastic gradient descent with momentum, in PyTorch's form (Sutskever et al., ICML 2013):
/// g ← ∇θ + λθ; v ← μv + g; θ ← θ − η·v, or with Nesterov θ ← θ − η(g + μv). Without momentum θ ← θ − ηg.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private List<Tensor<T>>? _velocity;
    private T[] _decayed = [];

    /// <summary>Creates the optimiser.</summary>
    public Sgd(OptimizerSpec spec) : base(spec)
    {
    }

    /// <inheritdoc />
    public override void Step(IReadOnlyList<Parameter<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        T lr = T.CreateTruncating(LearningRate), mu = T.CreateTruncating(Spec.Momentum), wd = T.CreateTruncating(Spec.WeightDecay);
        if (Spec.Momentum > 0)
        {
            _velocity = EnsureBuffers(_velocity, parameters);
        }
        for (int i = 0; i < parameters.Count; i++)
        {
            Span<T> theta = parameters[i].Value.Span;
            ReadOnlySpan<T> grad = parameters[i].Gradient.Span;
            if (Spec.WeightDecay > 0)
            {
                if (_decayed.Length < theta.Length)
                {
                    _decayed = new T[theta.Length];
                }
                Span<T> g = _decayed.AsSpan(0, theta.Length);
                TP.MultiplyAdd(theta, wd, grad, g);
                grad = g;
            }
            if (Spec.Momentum == 0)
            {
                TP.MultiplyAdd(grad, -lr, theta, theta);
                continue;
            }
            Span<T> v = _velocity![i].Span;
            TP.MultiplyAdd(v, mu, grad, v);
            if (Spec.Nesterov)
            {
                for (int k = 0; k < theta.Length; k++)
                {
                    theta[k] -= lr * (grad[k] + (mu * v[k]));
                }
            }
            else
            {
                TP.MultiplyAdd(v, -lr, theta, theta);
            }
        }
        Steps++;
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, Tensor<T>> ExportState()
    {
        var state = new Dictionary<string, Tensor<T>>();
        if (_velocity is not null)
        {
            for (int i = 0; i < _velocity.Count; i++)
            {
                state[$"velocity.{i}"] = _velocity[i];
            }
        }
        return state;
    }

    /// <inheritdoc />
    public override void ImportState(IReadOnlyDictionary<string, Tensor<T>> state, long steps, IReadOnlyList<Parameter<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(state);
        _velocity = state.Count == 0 ? null : ReadBuffers(state, "velocity", parameters);
        Steps = steps;
    }
}
