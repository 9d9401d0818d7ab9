using System.Numerics;
using System.Runtime.CompilerServices;
using Triad.Numerics.Tensors;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Triad.Learning.Autograd;

public static partial class Ops
{
    /// <summary>Rectified linear unit: y = max(0, x); ∂x = ∂y where x &gt; 0, else 0.</summary>
    public static Variable<T> ReLU<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Unary(x, Activation.ReLU);

    /// <summary>
    /// Gaussian error linear unit, exact form (Hendrycks and Gimpel, arXiv:1606.08415): y = x·Φ(x) with
    /// Φ(x) = ½(1 + erf(x/√2)); f′(x) = Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π). In float64 erf is MathNet's; in
    /// float32 it is the Chebyshev fit of Numerical Recipes (erfc relative error below 1.2e-7, under float's own).
    /// </summary>
    public static Variable<T> GELU<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Unary(x, Activation.GELU);

    /// <summary>Hyperbolic tangent: y = tanh x; f′(x) = 1 − y².</summary>
    public static Variable<T> Tanh<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Unary(x, Activation.Tanh);

    /// <summary>Logistic sigmoid: y = 1/(1 + e^−x); f′(x) = y(1 − y).</summary>
    public static Variable<T> Sigmoid<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Unary(x, Activation.Sigmoid);

    /// <summary>Natural exponential: y = eˣ; f′(x) = y.</summary>
    public static Variable<T> Exp<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Unary(x, Activation.Exp);

    /// <summary>Element-wise activations with their derivatives.</summary>
    internal enum Activation
    {
        ReLU,
        GELU,
        Tanh,
        Sigmoid,
        Exp,
    }

    private static Variable<T> Unary<T>(Variable<T> x, Activation kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = Tape<T>.Of(x);
        if (x.IsComplex)
        {
            throw new ShapeMismatchException($"{kind.ToString().ToLowerInvariant()}: needs a real value, got {x.ShapeString}");
        }
        Variable<T> y = tape.NewValue(x.Shape, false, tape.AnyRequiresGrad(x));
        T[] xs = x.Value.Data, ys = y.Value.Data;
        OpSupport.ForChunks(xs.Length, (start, length) => ActivationKernels<T>.Forward(kind, xs.AsSpan(start, length), ys.AsSpan(start, length)));
        tape.Record(new UnaryFunction<T>(kind), y, x);
        return y;
    }

    private sealed class UnaryFunction<T>(Activation kind) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => kind switch
        {
            Activation.ReLU => "relu",
            Activation.GELU => "gelu",
            Activation.Tanh => "tanh",
            Activation.Sigmoid => "sigmoid",
            _ => "exp",
        };

        public override long Flops => kind == Activation.ReLU ? Output.Length : 8L * Output.Length;

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            if (GradientFor(0, out bool fresh) is not { } g)
            {
                return;
            }
            T[] xs = Inputs[0].Value.Data, ys = Output.Value.Data, dy = outputGradient.Data, dx = g.Data;
            OpSupport.ForChunks(xs.Length, (start, length) => ActivationKernels<T>.Backward(
                kind, xs.AsSpan(start, length), ys.AsSpan(start, length), dy.AsSpan(start, length), dx.AsSpan(start, length), fresh));
        }
    }

    private static class ActivationKernels<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private const double InvSqrt2 = 0.70710678118654752440;
        private const double InvSqrt2Pi = 0.39894228040143267794;

        public static void Forward(Activation kind, ReadOnlySpan<T> x, Span<T> y)
        {
            switch (kind)
            {
                case Activation.ReLU:
                    TP.Max(x, T.Zero, y);
                    break;
                case Activation.Tanh:
                    TP.Tanh(x, y);
                    break;
                case Activation.Sigmoid:
                    TP.Sigmoid(x, y);
                    break;
                case Activation.Exp:
                    TP.Exp(x, y);
                    break;
                default:
                    for (int i = 0; i < x.Length; i++)
                    {
                        double v = double.CreateTruncating(x[i]);
                        y[i] = T.CreateTruncating(v * 0.5 * (1.0 + Erf(v * InvSqrt2)));
                    }
                    break;
            }
        }

        public static void Backward(Activation kind, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, bool fresh)
        {
            T one = T.One;
            switch (kind)
            {
                case Activation.ReLU:
                    ReLUBackward(x, dy, dx, fresh);
                    return;
                case Activation.Exp:
                    if (fresh)
                    {
                        TP.Multiply(y, dy, dx);
                    }
                    else
                    {
                        TP.MultiplyAdd(y, dy, dx, dx);
                    }
                    return;
            }
            for (int i = 0; i < x.Length; i++)
            {
                T d = kind switch
                {
                    Activation.Tanh => (one - (y[i] * y[i])) * dy[i],
                    Activation.Sigmoid => y[i] * (one - y[i]) * dy[i],
                    _ => GeluDerivative(x[i]) * dy[i],
                };
                dx[i] = fresh ? d : dx[i] + d;
            }
        }

        private static T GeluDerivative(T xi)
        {
            double v = double.CreateTruncating(xi);
            double cdf = 0.5 * (1.0 + Erf(v * InvSqrt2));
            double pdf = InvSqrt2Pi * Math.Exp(-0.5 * v * v);
            return T.CreateTruncating(cdf + (v * pdf));
        }

        private static void ReLUBackward(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, bool fresh)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                // dy where x > 0, else 0: a compare mask and a select, no branch per element.
                int w = Vector<T>.Count;
                for (; i <= x.Length - w; i += w)
                {
                    var xv = new Vector<T>(x[i..]);
                    Vector<T> d = Vector.ConditionalSelect(Vector.GreaterThan(xv, Vector<T>.Zero), new Vector<T>(dy[i..]), Vector<T>.Zero);
                    if (!fresh)
                    {
                        d += new Vector<T>(dx[i..]);
                    }
                    d.CopyTo(dx[i..]);
                }
            }
            for (; i < x.Length; i++)
            {
                T d = x[i] > T.Zero ? dy[i] : T.Zero;
                dx[i] = fresh ? d : dx[i] + d;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double Erf(double v) => typeof(T) == typeof(double) ? MathNet.Numerics.SpecialFunctions.Erf(v) : FastErf(v);
    }

    /// <summary>
    /// erf(x) from the Chebyshev fit of erfc in Press et al., Numerical Recipes (2nd ed., §6.2), fractional error
    /// below 1.2e-7: enough for float32, not for float64.
    /// </summary>
    internal static double FastErf(double x)
    {
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + (0.5 * z));
        double poly = -0.82215223 + (t * 0.17087277);
        poly = 1.48851587 + (t * poly);
        poly = -1.13520398 + (t * poly);
        poly = 0.27886807 + (t * poly);
        poly = -0.18628806 + (t * poly);
        poly = 0.09678418 + (t * poly);
        poly = 0.37409196 + (t * poly);
        poly = 1.00002368 + (t * poly);
        poly = -1.26551223 + (t * poly);
        double erfc = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? 1.0 - erfc : erfc - 1.0;
    }
}
