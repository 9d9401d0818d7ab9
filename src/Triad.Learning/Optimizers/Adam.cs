using Triad.Learning.Layers;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Optimizers;

/// <summary>
/// Adam (Kingma and Ba, ICLR 2015): g ← ∇θ + λθ; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// θ ← θ − η·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
/// </summary>
public sealed class Adam : Optimizer
{
    private List<Tensor<double>>? _m;
    private List<Tensor<double>>? _v;

    /// <summary>Creates the optimiser.</summary>
    public Adam(OptimizerSpec spec) : base(spec)
    {
    }

    /// <inheritdoc />
    public override void Step(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _m = EnsureBuffers(_m, parameters);
        _v = EnsureBuffers(_v, parameters);
        Steps++;
        double b1 = Spec.Beta1, b2 = Spec.Beta2, eps = Spec.Epsilon, wd = Spec.WeightDecay;
        double c1 = 1.0 - Math.Pow(b1, Steps), c2 = 1.0 - Math.Pow(b2, Steps);
        double stepSize = Spec.LearningRate / c1;
        double invSqrtC2 = 1.0 / Math.Sqrt(c2);
        for (int i = 0; i < parameters.Count; i++)
        {
            Span<double> theta = parameters[i].Value.Span;
            ReadOnlySpan<double> grad = parameters[i].Gradient.ReadOnlySpan;
            Span<double> m = _m[i].Span, v = _v[i].Span;
            for (int k = 0; k < theta.Length; k++)
            {
                double g = grad[k] + (wd * theta[k]);
                m[k] = (b1 * m[k]) + ((1.0 - b1) * g);
                v[k] = (b2 * v[k]) + ((1.0 - b2) * g * g);
                theta[k] -= stepSize * m[k] / ((Math.Sqrt(v[k]) * invSqrtC2) + eps);
            }
        }
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, Tensor<double>> ExportState()
    {
        var state = new Dictionary<string, Tensor<double>>();
        if (_m is not null && _v is not null)
        {
            for (int i = 0; i < _m.Count; i++)
            {
                state[$"m.{i}"] = _m[i];
                state[$"v.{i}"] = _v[i];
            }
        }
        return state;
    }

    /// <inheritdoc />
    public override void ImportState(IReadOnlyDictionary<string, Tensor<double>> state, long steps, IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Count == 0)
        {
            _m = _v = null;
        }
        else
        {
            _m = ReadBuffers(state, "m", parameters);
            _v = ReadBuffers(state, "v", parameters);
        }
        Steps = steps;
    }
}
