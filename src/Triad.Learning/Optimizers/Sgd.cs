using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Triad.Learning.Layers;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Optimizers;

/// <summary>
/// Stochastic gradient descent with momentum, in PyTorch's form (Sutskever et al., ICML 2013):
/// g ← ∇θ + λθ; v ← μv + g; θ ← θ − η·v, or with Nesterov θ ← θ − η(g + μv). Without momentum θ ← θ − ηg.
/// </summary>
public sealed class Sgd : Optimizer
{
    private List<Tensor<double>>? _velocity;
    private double[] _decayed = [];

    /// <summary>Creates the optimiser.</summary>
    public Sgd(OptimizerSpec spec) : base(spec)
    {
    }

    /// <inheritdoc />
    public override void Step(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double lr = Spec.LearningRate, mu = Spec.Momentum, wd = Spec.WeightDecay;
        if (mu > 0)
        {
            _velocity = EnsureBuffers(_velocity, parameters);
        }
        for (int i = 0; i < parameters.Count; i++)
        {
            Span<double> theta = parameters[i].Value.Span;
            ReadOnlySpan<double> grad = parameters[i].Gradient.ReadOnlySpan;
            if (wd > 0)
            {
                if (_decayed.Length < theta.Length)
                {
                    _decayed = new double[theta.Length];
                }
                Span<double> g = _decayed.AsSpan(0, theta.Length);
                TensorPrimitives.MultiplyAdd(theta, wd, grad, g);
                grad = g;
            }
            if (mu == 0)
            {
                TensorPrimitives.MultiplyAdd(grad, -lr, theta, theta);
                continue;
            }
            Span<double> v = _velocity![i].Span;
            TensorPrimitives.MultiplyAdd(v, mu, grad, v);
            if (Spec.Nesterov)
            {
                for (int k = 0; k < theta.Length; k++)
                {
                    theta[k] -= lr * (grad[k] + (mu * v[k]));
                }
            }
            else
            {
                TensorPrimitives.MultiplyAdd(v, -lr, theta, theta);
            }
        }
        Steps++;
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, Tensor<double>> ExportState()
    {
        var state = new Dictionary<string, Tensor<double>>();
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
    public override void ImportState(IReadOnlyDictionary<string, Tensor<double>> state, long steps, IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(state);
        _velocity = state.Count == 0 ? null : ReadBuffers(state, "velocity", parameters);
        Steps = steps;
    }
}
