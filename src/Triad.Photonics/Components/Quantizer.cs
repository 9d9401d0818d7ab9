namespace Triad.Photonics.Components;

/// <summary>
/// A DAC or ADC of <see cref="Bits"/> bits: 2^bits evenly spaced levels over [<see cref="Minimum"/>, <see cref="Maximum"/>]
/// (step Δ = (max − min)/(2^bits − 1)); a value is clamped to the range and rounded to the nearest level,
/// q(x) = min + round((x − min)/Δ)·Δ, ties away from zero. Default 8 bits: the bit width the energy figures use.
/// </summary>
/// <param name="Bits">Resolution in bits, 1 to 32.</param>
/// <param name="Minimum">Lowest level.</param>
/// <param name="Maximum">Highest level, above <paramref name="Minimum"/>.</param>
public sealed record Quantizer(int Bits = 8, double Minimum = 0.0, double Maximum = 1.0)
{
    /// <summary>Resolution in bits, 1 to 32.</summary>
    public int Bits { get; } = Bits is >= 1 and <= 32 ? Bits : throw new ArgumentOutOfRangeException(nameof(Bits), Bits, "a converter needs 1 to 32 bits");

    /// <summary>Number of levels 2^bits.</summary>
    public double Levels => Math.Pow(2, Bits);

    /// <summary>Step between levels (same unit as the range).</summary>
    public double Step => (Maximum - Minimum) / (Levels - 1);

    /// <summary>The level nearest to <paramref name="x"/> after clamping to the range; NaN stays NaN.</summary>
    public double Quantize(double x)
    {
        if (!(Maximum > Minimum))
        {
            throw new InvalidOperationException($"quantizer range [{Minimum}, {Maximum}] is empty");
        }
        double c = Math.Clamp(x, Minimum, Maximum);
        return Minimum + (Math.Round((c - Minimum) / Step, MidpointRounding.AwayFromZero) * Step);
    }

    /// <summary>
    /// A phase DAC: <paramref name="phaseRadians"/> taken into [0, 2π) and rounded to the nearest of the 2^bits
    /// phases k·2π/2^bits (the circle has no end points, so the step is 2π/2^bits and 2π wraps to 0).
    /// </summary>
    public static double QuantizePhase(double phaseRadians, int bits)
    {
        double step = 2 * Math.PI / Math.Pow(2, bits);
        double q = Math.Round(ThermoOpticPhaseShifter.Wrap(phaseRadians) / step, MidpointRounding.AwayFromZero) * step;
        return q >= 2 * Math.PI ? q - (2 * Math.PI) : q;
    }
}
