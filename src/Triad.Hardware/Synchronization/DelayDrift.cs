namespace Triad.Hardware.Synchronization;

/// <summary>
/// How the opto-electronic conversion delay moves: τ(t) = τ₀ + r·t + A·sin(2π f_w t), and the phase detector reads it
/// with white timing noise of standard deviation σ per update.
/// </summary>
/// <param name="RateSecondsPerSecond">Drift rate r (s of delay per s), e.g. from a temperature ramp.</param>
/// <param name="WanderAmplitudeSeconds">Amplitude A of a slow periodic wander, s.</param>
/// <param name="WanderFrequencyHertz">Frequency f_w of the wander, Hz.</param>
/// <param name="DetectorNoiseSeconds">Standard deviation σ of the phase detector's timing noise, s.</param>
public sealed record DelayDrift(double RateSecondsPerSecond, double WanderAmplitudeSeconds = 0, double WanderFrequencyHertz = 0,
    double DetectorNoiseSeconds = 0);
