using Triad.Hardware.Audit;

namespace Triad.Cli.Audit;

/// <summary>
/// The <see cref="IClaimEvidence"/> of <c>triad audit</c>: runs each named simulation on Triad's engines when the
/// auditor asks for it (photonics: <see cref="PhotonicEvidence"/>; quantum: <see cref="QuantumEvidence"/>; learning:
/// <see cref="LearningEvidence"/>). With <paramref name="quick"/> the sizes with a <c>quick…</c> twin in the claim's
/// settings (epochs, draws, samples, steps) shrink to it, for tests; the assumptions say which sizes ran.
/// <paramref name="starting"/> is told the name of each simulation as it starts (for a progress display).
/// </summary>
internal sealed class EngineEvidence(bool quick, Action<string>? starting = null, CancellationToken cancellation = default) : IClaimEvidence
{
    private static readonly Dictionary<string, Func<EvidenceSettings, ClaimEvidence>> s_simulations = new(StringComparer.Ordinal)
    {
        ["photonic-latency"] = PhotonicEvidence.Latency,
        ["wdm-crosstalk"] = PhotonicEvidence.Wdm,
        ["pcm-weights"] = PhotonicEvidence.Pcm,
        ["thermal-remedies"] = PhotonicEvidence.Remedies,
        ["pec-recalibration"] = QuantumEvidence.PecRecalibration,
        ["onn-thermal-slope"] = LearningEvidence.ThermalSlope,
        ["noise-injection-robustness"] = LearningEvidence.NoiseInjection,
        ["hybrid-convolution"] = LearningEvidence.HybridConvolution,
    };

    /// <summary>The simulations this source runs.</summary>
    public static IReadOnlyCollection<string> Simulations => s_simulations.Keys;

    /// <inheritdoc />
    public bool CanRun(string simulation) => s_simulations.ContainsKey(simulation);

    /// <inheritdoc />
    public ClaimEvidence Run(string simulation, IReadOnlyDictionary<string, double> settings)
    {
        cancellation.ThrowIfCancellationRequested();
        starting?.Invoke(simulation);
        var read = new EvidenceSettings(simulation, settings, quick);
        ClaimEvidence evidence = s_simulations[simulation](read);
        read.RejectUnread();
        return evidence;
    }
}
