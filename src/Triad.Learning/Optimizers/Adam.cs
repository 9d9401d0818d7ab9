using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Optimizers;

/// <summary>
/// Adam (Kingma and Ba, ICLR 2015): g ← ∇θ + λθ; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// θ ← θ − η·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ). The bias corrections are computed in double.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private List<Tensor<T>>? _m;
    private List<Tensor<T>>? _v;

    /// <summary>Creates the optimiser.</summary>
    public Adam(OptimizerSpec spec) : base(spec)
    {
    }

    /// <inheritdoc />
    public override void Step(IReadOnlyList<Parameter<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _m = EnsureBuffers(_m, parameters);
        _v = EnsureBuffers(_v, parameters);
        Steps++;
        double c1 = 1.0 - Math.Pow(Spec.Beta1, Steps), c2 = 1.0 - Math.Pow(Spec.Beta2, Steps);
        T b1 = T.CreateTruncating(Spec.Beta1), b2 = T.CreateTruncating(Spec.Beta2);
        T oneMinusB1 = T.CreateTruncating(1.0 - Spec.Beta1), oneMinusB2 = T.CreateTruncating(1.0 - Spec.Beta2);
        T eps = T.CreateTruncating(Spec.Epsilon), wd = T.CreateTruncating(Spec.WeightDecay);
        T stepSize = T.CreateTruncating(LearningRate / c1);
        T invSqrtC2 = T.CreateTruncating(1.0 / Math.Sqrt(c2));
        bool decay = Spec.WeightDecay > 0;
        for (int i = 0; i < parameters.Count; i++)
        {
            Span<T> theta = parameters[i].Value.Span;
            ReadOnlySpan<T> grad = parameters[i].Gradient.Span;
            Span<T> m = _m[i].Span, v = _v[i].Span;
            int k = 0;
            if (Vector.IsHardwareAccelerated)
            {
                int w = Vector<T>.Count;
                var vb1 = new Vector<T>(b1);
                var vb2 = new Vector<T>(b2);
                var v1b1 = new Vector<T>(oneMinusB1);
                var v1b2 = new Vector<T>(oneMinusB2);
                var veps = new Vector<T>(eps);
                var vwd = new Vector<T>(wd);
                var vstep = new Vector<T>(stepSize);
                var vinv = new Vector<T>(invSqrtC2);
                for (; k <= theta.Length - w; k += w)
                {
                    var th = new Vector<T>(theta[k..]);
                    var g = new Vector<T>(grad[k..]);
                    if (decay)
                    {
                        g += vwd * th;
                    }
                    Vector<T> mk = (vb1 * new Vector<T>(m[k..])) + (v1b1 * g);
                    Vector<T> vk = (vb2 * new Vector<T>(v[k..])) + (v1b2 * g * g);
                    mk.CopyTo(m[k..]);
                    vk.CopyTo(v[k..]);
                    (th - (vstep * mk / ((Vector.SquareRoot(vk) * vinv) + veps))).CopyTo(theta[k..]);
                }
            }
            for (; k < theta.Length; k++)
            {
                T g = decay ? grad[k] + (wd * theta[k]) : grad[k];
                m[k] = (b1 * m[k]) + (oneMinusB1 * g);
                v[k] = (b2 * v[k]) + (oneMinusB2 * g * g);
                theta[k] -= stepSize * m[k] / ((T.Sqrt(v[k]) * invSqrtC2) + eps);
            }
        }
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, Tensor<T>> ExportState()
    {
        var state = new Dictionary<string, Tensor<T>>();
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
    public override void ImportState(IReadOnlyDictionary<string, Tensor<T>> state, long steps, IReadOnlyList<Parameter<T>> parameters)
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
