namespace Triad.Photonics.Components;

/// <summary>
/// Insertion loss of a passive device in dB: the power transmission is 10^(−dB/10) and the field (amplitude)
/// transmission 10^(−dB/20). A typical silicon MZI loses 0.1–0.3 dB (a rule of thumb, not sourced); the
/// thermo-optic phase shifter of Harris et al., Opt. Express 22, 10487 (2014) measured 0.23 ± 0.13 dB (see
/// <see cref="ThermoOpticPhaseShifter"/>).
/// </summary>
/// <param name="LossDb">Loss in dB, at least 0.</param>
public sealed record InsertionLoss(double LossDb)
{
    /// <summary>No loss.</summary>
    public static InsertionLoss None { get; } = new(0.0);

    /// <summary>Loss in dB; a negative or non-finite value is refused.</summary>
    public double LossDb { get; } = double.IsFinite(LossDb) && LossDb >= 0
        ? LossDb
        : throw new ArgumentOutOfRangeException(nameof(LossDb), LossDb, "an insertion loss must be a finite number of dB, at least 0");

    /// <summary>Power transmission 10^(−dB/10).</summary>
    public double PowerTransmission => Math.Pow(10, -LossDb / 10);

    /// <summary>Field transmission 10^(−dB/20).</summary>
    public double AmplitudeTransmission => Math.Pow(10, -LossDb / 20);
}
