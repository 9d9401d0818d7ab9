using Triad.Numerics.Random;

namespace Triad.Photonics.Thermal;

/// <summary>
/// Ambient temperature change ΔT (K, from the temperature at which the mesh was calibrated) sampled every
/// <see cref="StepSeconds"/> from t = 0: a step, a ramp, or a seeded random walk (ΔT_{k+1} = ΔT_k + σ·√Δt·N(0, 1)).
/// </summary>
public sealed class AmbientTrace
{
    /// <summary>Most samples a trace may hold.</summary>
    public const int MaxSamples = 1_000_000;

    private AmbientTrace(double step, double[] delta)
    {
        StepSeconds = step;
        DeltaKelvin = delta;
    }

    /// <summary>Time between samples (s).</summary>
    public double StepSeconds { get; }

    /// <summary>ΔT at t = k·Δt (K).</summary>
    public IReadOnlyList<double> DeltaKelvin { get; }

    /// <summary>Number of samples.</summary>
    public int Count => DeltaKelvin.Count;

    /// <summary>Time of sample <paramref name="k"/> (s).</summary>
    public double Time(int k) => k * StepSeconds;

    /// <summary>ΔT = 0 before <paramref name="atSeconds"/>, <paramref name="heightKelvin"/> from then on.</summary>
    public static AmbientTrace Step(double durationSeconds, double stepSeconds, double atSeconds, double heightKelvin)
    {
        Finite(atSeconds, nameof(atSeconds));
        Finite(heightKelvin, nameof(heightKelvin));
        return Build(durationSeconds, stepSeconds, (k, t) => t >= atSeconds ? heightKelvin : 0);
    }

    /// <summary>ΔT = slope·t.</summary>
    public static AmbientTrace Ramp(double durationSeconds, double stepSeconds, double kelvinPerSecond)
    {
        Finite(kelvinPerSecond, nameof(kelvinPerSecond));
        return Build(durationSeconds, stepSeconds, (k, t) => kelvinPerSecond * t);
    }

    /// <summary>A random walk from 0 with diffusion σ (K/√s), from <paramref name="seed"/>.</summary>
    public static AmbientTrace RandomWalk(double durationSeconds, double stepSeconds, double kelvinPerRootSecond, ulong seed)
    {
        if (!double.IsFinite(kelvinPerRootSecond) || kelvinPerRootSecond < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kelvinPerRootSecond), kelvinPerRootSecond, "a random-walk σ must be a finite number of K/√s, at least 0");
        }
        var random = new SeededRandom(seed);
        double s = kelvinPerRootSecond * Math.Sqrt(stepSeconds), value = 0;
        return Build(durationSeconds, stepSeconds, (k, t) => k == 0 ? 0 : value += s * random.NextGaussian());
    }

    private static AmbientTrace Build(double duration, double step, Func<int, double, double> at)
    {
        if (!double.IsFinite(step) || step <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "the time step must be a positive finite number of seconds");
        }
        if (!double.IsFinite(duration) || duration < step)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "the duration must be a finite number of seconds, at least one time step");
        }
        double count = Math.Floor((duration / step) + 1e-9) + 1;
        if (count > MaxSamples)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"duration/step gives {count} samples; at most {MaxSamples}");
        }
        var values = new double[(int)count];
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = at(k, k * step);
        }
        return new AmbientTrace(step, values);
    }

    private static void Finite(double v, string name)
    {
        if (!double.IsFinite(v))
        {
            throw new ArgumentOutOfRangeException(name, v, $"{name} must be finite");
        }
    }
}
