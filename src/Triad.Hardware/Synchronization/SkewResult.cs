namespace Triad.Hardware.Synchronization;

/// <summary>Residual skew of a locked loop and what it does to the samples.</summary>
/// <param name="RmsSkewSeconds">Root-mean-square of the sampling-instant error after lock, s.</param>
/// <param name="MaxSkewSeconds">Largest absolute error after lock, s.</param>
/// <param name="MaxCycleFraction">Largest error as a fraction of the sampling clock period.</param>
/// <param name="SnrDecibels">Signal-to-noise ratio of a full-scale sinusoid at the signal frequency sampled with this rms
/// error, −20·log10(2π·f·δ_rms) (aperture-jitter limit; W. Kester, Analog Devices MT-008), or +∞ for no error.</param>
/// <param name="EffectiveBits">(SNR − 1.76) / 6.02.</param>
/// <param name="WithinThreshold">Whether <see cref="MaxCycleFraction"/> stays under the chosen fraction.</param>
/// <param name="SettleSeconds">Time discarded as the lock-in transient before measuring, s.</param>
public sealed record SkewResult(double RmsSkewSeconds, double MaxSkewSeconds, double MaxCycleFraction, double SnrDecibels,
    double EffectiveBits, bool WithinThreshold, double SettleSeconds);
