using MathNet.Numerics;

namespace Triad.Learning.Layers;

/// <summary>
/// Gaussian error linear unit, exact form (Hendrycks and Gimpel, arXiv:1606.08415):
/// y = x·Φ(x) with Φ(x) = ½(1 + erf(x/√2)); f′(x) = Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π).
/// </summary>
public sealed class GELU : Activation
{
    private const double InvSqrt2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794;

    /// <summary>Creates the layer for samples of the given shape.</summary>
    public GELU(int[] inputShape) : base(inputShape)
    {
    }

    /// <inheritdoc />
    public override string Kind => "gelu";

    /// <inheritdoc />
    protected override void Apply(ReadOnlySpan<double> x, Span<double> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] * 0.5 * (1.0 + SpecialFunctions.Erf(x[i] * InvSqrt2));
        }
    }

    /// <inheritdoc />
    protected override void ApplyDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double xi = x[i];
            double cdf = 0.5 * (1.0 + SpecialFunctions.Erf(xi * InvSqrt2));
            double pdf = InvSqrt2Pi * Math.Exp(-0.5 * xi * xi);
            destination[i] = (cdf + (xi * pdf)) * dy[i];
        }
    }
}
