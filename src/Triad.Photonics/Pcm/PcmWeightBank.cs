using Triad.Numerics.Random;
using Triad.Photonics.Components;

namespace Triad.Photonics.Pcm;

/// <summary>
/// A column of <see cref="PcmCell"/>s holding field weights a_i ∈ [0, 1] (the Σ′ of <see cref="Meshes.PhotonicMatrix"/>).
/// A weight a is realised as the power transmission T = a²·T_a, so the field weight read back is √(T/T_a) (the 1/√T_a
/// is kept electronically with the matrix scale). Programming clamps T to [T_c, T_a] (weights below √(T_c/T_a) cannot
/// be reached), rounds it to the nearest level and adds the programming noise; the cells then hold with zero static
/// power and drift as <see cref="PcmCell"/> describes.
/// </summary>
public sealed class PcmWeightBank
{
    private readonly double[] _programmed;
    private readonly double[] _amorphous;

    private PcmWeightBank(PcmCell cell, double[] programmed)
    {
        Cell = cell;
        _programmed = programmed;
        _amorphous = programmed.Select(cell.AmorphousFraction).ToArray();
    }

    /// <summary>The cell model.</summary>
    public PcmCell Cell { get; }

    /// <summary>Number of cells.</summary>
    public int Count => _programmed.Length;

    /// <summary>Power transmissions just after programming.</summary>
    public ReadOnlySpan<double> ProgrammedTransmission => _programmed;

    /// <summary>Static power to hold the weights (W): zero, the cells are non-volatile.</summary>
    public const double StaticPowerWatts = 0;

    /// <summary>Programs <paramref name="fieldWeights"/> (each in [0, 1]); <paramref name="random"/> draws the noise (needed when σ > 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A weight outside [0, 1] or NaN, or a cell figure out of range.</exception>
    public static PcmWeightBank Program(PcmCell cell, ReadOnlySpan<double> fieldWeights, SeededRandom? random = null)
    {
        ArgumentNullException.ThrowIfNull(cell);
        cell.Validate();
        if (cell.ProgrammingNoise > 0 && random is null)
        {
            throw new ArgumentNullException(nameof(random), "programming noise needs a seeded random source");
        }
        var t = new double[fieldWeights.Length];
        for (int i = 0; i < t.Length; i++)
        {
            double a = fieldWeights[i];
            if (!(a is >= 0 and <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(fieldWeights), a, $"weight {i} is {a}; a PCM attenuator holds field weights in [0, 1]");
            }
            double target = Math.Clamp(a * a * cell.AmorphousTransmission, cell.CrystallineTransmission, cell.AmorphousTransmission);
            int level = (int)Math.Round((target - cell.CrystallineTransmission) / cell.LevelStep, MidpointRounding.AwayFromZero);
            double programmed = cell.Level(level);
            if (cell.ProgrammingNoise > 0)
            {
                programmed += cell.ProgrammingNoise * random!.NextGaussian();
            }
            t[i] = Math.Clamp(programmed, cell.CrystallineTransmission, cell.AmorphousTransmission);
        }
        return new PcmWeightBank(cell, t);
    }

    /// <summary>Power transmissions <paramref name="seconds"/> after programming (drift of the amorphous fraction).</summary>
    public double[] Transmission(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "time after programming must be a finite number of seconds, at least 0");
        }
        if (seconds <= Cell.DriftOnsetSeconds)
        {
            return (double[])_programmed.Clone();
        }
        double dc = -Math.Log(Cell.CrystallineTransmission);
        double da = -Math.Log(Cell.AmorphousTransmission) * Math.Pow(seconds / Cell.DriftOnsetSeconds, -Cell.DriftExponent);
        var result = new double[_programmed.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Math.Exp(-(((1 - _amorphous[i]) * dc) + (_amorphous[i] * da)));
        }
        return result;
    }

    /// <summary>Field weights read back <paramref name="seconds"/> after programming: √(T/T_a).</summary>
    public double[] FieldWeights(double seconds) => Transmission(seconds).Select(t => Math.Sqrt(t / Cell.AmorphousTransmission)).ToArray();

    /// <summary>
    /// Static power (W) that thermo-optic MZI attenuators would draw to hold the same field weights: an MZI passes
    /// |T₀₀| = sin(θ/2) on its bar port, so a = sin(θ/2), θ = 2·asin(a), and its heater holds P_π·θ/π.
    /// </summary>
    public static double HeaterHoldPowerWatts(ReadOnlySpan<double> fieldWeights, ThermoOpticPhaseShifter heater)
    {
        ArgumentNullException.ThrowIfNull(heater);
        double mw = 0;
        foreach (double a in fieldWeights)
        {
            mw += heater.HeaterPowerMilliwatts(2 * Math.Asin(Math.Clamp(a, 0, 1)));
        }
        return mw * 1e-3;
    }
}
