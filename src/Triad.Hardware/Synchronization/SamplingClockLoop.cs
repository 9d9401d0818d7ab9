using Triad.Numerics.Random;

namespace Triad.Hardware.Synchronization;

/// <summary>
/// Simulates the loop that keeps the ADC sampling instant aligned with the optical output while the conversion delay
/// drifts (<see cref="DelayDrift"/>), and reports the residual skew (<see cref="SkewResult"/>).
/// </summary>
/// <remarks>
/// Update k (period T = 1/f_u): the detector reads e_k = τ_k − τ̂_k + n_k (n_k ~ N(0, σ²)); the loop moves its estimate
/// τ̂_{k+1} = τ̂_k + K_p·e_k + I_k with, for order 2, the integrator I_k = I_{k−1} + K_i·e_k (I = 0 for order 1).
/// Gains from the continuous loop (Gardner, "Phaselock Techniques", 3rd ed., 2005, ch. 2): order 1, K_p = 1 − e^(−ω_L T)
/// with ω_L = 2π f_L; order 2, ω_n = ω_L / √(1 + 2ζ² + √((1 + 2ζ²)² + 1)) (the −3 dB bandwidth of the type-2 loop),
/// K_p = 2ζω_n T, K_i = (ω_n T)². Steady state under a ramp r: order 1 lags by r·T/K_p ≈ r/ω_L; order 2 does not lag.
/// The skew is the true error τ_k − τ̂_k (without the detector noise), measured after a lock-in of 20 loop time
/// constants (1/ω_L for order 1, 1/(ζω_n) for order 2).
/// </remarks>
public static class SamplingClockLoop
{
    /// <summary>Most updates one run simulates (lock-in included), about a second of work.</summary>
    public const long MaxUpdates = 200_000_000;

    /// <summary>Runs the loop for <paramref name="updates"/> updates after the lock-in.</summary>
    /// <param name="settings">The loop.</param>
    /// <param name="drift">The delay's drift and the detector noise.</param>
    /// <param name="clockHertz">Sampling clock frequency, for the cycle fraction.</param>
    /// <param name="signalHertz">Frequency of the sampled signal, for the SNR.</param>
    /// <param name="threshold">Largest allowed skew as a fraction of a clock cycle (the article's claim A21: 0.1).</param>
    /// <param name="updates">Updates measured after the lock-in.</param>
    /// <param name="seed">Seed of the detector noise.</param>
    /// <exception cref="HardwareDataException">A setting or input is out of range.</exception>
    public static SkewResult Run(LoopSettings settings, DelayDrift drift, double clockHertz, double signalHertz, double threshold,
        int updates, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(drift);
        settings.Validate();
        if (!(clockHertz > 0) || !(signalHertz > 0) || !(threshold > 0) || updates < 1)
        {
            throw new HardwareDataException(
                $"clock {clockHertz} Hz, signal {signalHertz} Hz, threshold {threshold} and updates {updates} must all be positive");
        }
        double t = 1 / settings.UpdateRateHertz, omegaL = 2 * Math.PI * settings.BandwidthHertz;
        double kp, ki, timeConstant;
        if (settings.Order == 1)
        {
            kp = 1 - Math.Exp(-omegaL * t);
            ki = 0;
            timeConstant = 1 / omegaL;
        }
        else
        {
            double z2 = 1 + 2 * settings.Damping * settings.Damping;
            double omegaN = omegaL / Math.Sqrt(z2 + Math.Sqrt(z2 * z2 + 1));
            kp = 2 * settings.Damping * omegaN * t;
            ki = omegaN * t * (omegaN * t);
            timeConstant = 1 / (settings.Damping * omegaN);
        }
        long settle = (long)Math.Ceiling(20 * timeConstant / t);
        if (settle + updates > MaxUpdates)
        {
            throw new HardwareDataException(
                $"loop bandwidth {settings.BandwidthHertz} Hz at {settings.UpdateRateHertz} updates/s needs {settle + updates} updates to lock and measure; " +
                $"the most is {MaxUpdates}: lower the update rate or raise the bandwidth");
        }
        var random = new SeededRandom(seed);
        double estimate = 0, integrator = 0, sumSquares = 0, max = 0;
        double wanderOmega = 2 * Math.PI * drift.WanderFrequencyHertz;
        for (long k = 0; k < settle + updates; k++)
        {
            double time = k * t;
            double delay = drift.RateSecondsPerSecond * time + drift.WanderAmplitudeSeconds * Math.Sin(wanderOmega * time);
            double error = delay - estimate;
            if (k >= settle)
            {
                sumSquares += error * error;
                max = Math.Max(max, Math.Abs(error));
            }
            double measured = error + (drift.DetectorNoiseSeconds > 0 ? drift.DetectorNoiseSeconds * random.NextGaussian() : 0);
            integrator += ki * measured;
            estimate += kp * measured + integrator;
        }
        double rms = Math.Sqrt(sumSquares / updates);
        double snr = rms > 0 ? -20 * Math.Log10(2 * Math.PI * signalHertz * rms) : double.PositiveInfinity;
        double fraction = max * clockHertz;
        return new SkewResult(rms, max, fraction, snr, (snr - 1.76) / 6.02, fraction < threshold, settle * t);
    }
}
