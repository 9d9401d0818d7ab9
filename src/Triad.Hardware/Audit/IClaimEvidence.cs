namespace Triad.Hardware.Audit;

/// <summary>
/// Where the figures of a claim checked by simulation come from. Triad.Hardware depends on Triad.Numerics only, so a
/// claim whose check is <c>simulation</c> names a simulation and its settings, and the auditor asks this source to run
/// it; a caller that references the engines supplies it (the CLI's <c>Triad.Cli.Audit.EngineEvidence</c> runs
/// Triad.Photonics, Triad.Quantum and Triad.Learning). Every figure is computed when the audit runs, never stored.
/// </summary>
public interface IClaimEvidence
{
    /// <summary>Whether this source can run <paramref name="simulation"/>.</summary>
    bool CanRun(string simulation);

    /// <summary>
    /// Runs <paramref name="simulation"/> with <paramref name="settings"/> (numbers from the claim's <c>settings</c>,
    /// e.g. epochs, channels, seeds) and returns its named values and every assumption behind them.
    /// </summary>
    /// <exception cref="HardwareDataException">A setting the simulation needs is missing or out of range (the message names it).</exception>
    ClaimEvidence Run(string simulation, IReadOnlyDictionary<string, double> settings);
}
