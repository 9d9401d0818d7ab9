using System.Numerics;

namespace Triad.Photonics.Components;

/// <summary>
/// A directional coupler (or MMI) that should split power 50:50, with a splitting-ratio error ε.
/// <para>
/// Transfer matrix (neurophox's beamsplitter-error model, Pai et al., "Matrix optimization on universal unitary
/// photonic devices", Phys. Rev. Applied 11, 064044 (2019)):
/// B(ε) = (1/√2)·[[√(1+ε), i√(1−ε)], [i√(1−ε), √(1+ε)]], unitary for |ε| ≤ 1. The bar port gets the power
/// fraction (1+ε)/2 and the cross port (1−ε)/2; ε = 0 is the ideal B = (1/√2)[[1, i], [i, 1]].
/// </para>
/// </summary>
/// <param name="SplittingError">ε, dimensionless, in [−1, 1].</param>
public sealed record DirectionalCoupler(double SplittingError = 0.0)
{
    /// <summary>The ideal 50:50 coupler B.</summary>
    public static DirectionalCoupler Ideal { get; } = new();

    /// <summary>Fraction of the input power that stays in its waveguide: (1+ε)/2.</summary>
    public double BarPowerFraction => (1 + Checked) / 2;

    /// <summary>The coupler's transfer matrix B(ε).</summary>
    public Transfer2x2 Transfer() => Matrix(Checked);

    /// <summary>B(ε) for a splitting error <paramref name="epsilon"/> in [−1, 1].</summary>
    internal static Transfer2x2 Matrix(double epsilon)
    {
        double bar = Math.Sqrt((1 + epsilon) / 2), cross = Math.Sqrt((1 - epsilon) / 2);
        return new Transfer2x2(bar, new Complex(0, cross), new Complex(0, cross), bar);
    }

    private double Checked => SplittingError is >= -1 and <= 1
        ? SplittingError
        : throw new ArgumentOutOfRangeException(nameof(SplittingError), SplittingError, "a coupler's splitting error must lie in [-1, 1]");
}
