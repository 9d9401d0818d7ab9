using Triad.Numerics.Random;
using Triad.Photonics.Components;
using Triad.Photonics.Meshes;

namespace Triad.Photonics.Detection;

/// <summary>
/// Direct detection of mesh outputs through a photodetector, TIA and ADC. A field of |E|² = 1 carries the full-scale
/// optical power P_fs (W) to its detector; the photocurrent is I = R·P_fs·|E|² + I_d plus Gaussian shot and TIA noise
/// (<see cref="Photodetector.Sample"/>); the ADC quantises I over [0, R·P_fs + I_d] with <see cref="Quantizer"/>
/// bits; the reading is converted back to intensity as (q(I) − I_d)/(R·P_fs). Intensities above 1 clip at full scale.
/// </summary>
public sealed class DirectReadout
{
    private readonly Quantizer _adc;

    /// <summary>A readout at full-scale power <paramref name="fullScaleWatts"/> with <paramref name="adcBits"/> bits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A power that is not positive and finite, or bits outside 1–32.</exception>
    public DirectReadout(Photodetector detector, double fullScaleWatts, int adcBits)
    {
        Detector = detector ?? throw new ArgumentNullException(nameof(detector));
        FullScaleWatts = double.IsFinite(fullScaleWatts) && fullScaleWatts > 0
            ? fullScaleWatts
            : throw new ArgumentOutOfRangeException(nameof(fullScaleWatts), fullScaleWatts, "full-scale optical power must be a positive finite number of watts");
        _adc = new Quantizer(adcBits, 0, (detector.ResponsivityAmpsPerWatt * fullScaleWatts) + detector.DarkCurrentAmps);
    }

    /// <summary>The detector and TIA.</summary>
    public Photodetector Detector { get; }

    /// <summary>P_fs (W) at |E|² = 1.</summary>
    public double FullScaleWatts { get; }

    /// <summary>ADC bits.</summary>
    public int AdcBits => _adc.Bits;

    /// <summary>One reading of intensity <paramref name="intensity"/> (|E|², at least 0).</summary>
    public double Read(double intensity, SeededRandom random)
    {
        double current = Detector.Sample(Math.Max(intensity, 0) * FullScaleWatts, random);
        return (_adc.Quantize(current) - Detector.DarkCurrentAmps) / (Detector.ResponsivityAmpsPerWatt * FullScaleWatts);
    }

    /// <summary>Readings of every output intensity of <paramref name="fields"/> (modes × batch, row-major), from <paramref name="random"/>.</summary>
    public double[] Read(FieldBatch fields, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(random);
        var result = new double[fields.Re.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Read((fields.Re[i] * fields.Re[i]) + (fields.Im[i] * fields.Im[i]), random);
        }
        return result;
    }
}
