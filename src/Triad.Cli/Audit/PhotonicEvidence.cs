using System.Globalization;
using Triad.Hardware.Audit;
using Triad.Numerics.Random;
using Triad.Photonics.Components;
using Triad.Photonics.Energy;
using Triad.Photonics.Meshes;
using Triad.Photonics.Pcm;
using Triad.Photonics.Thermal;
using Triad.Photonics.Wdm;

namespace Triad.Cli.Audit;

/// <summary>
/// The claims Triad.Photonics answers: latency (<see cref="EnergyModel"/>), wavelength multiplexing
/// (<see cref="WdmMesh"/>), phase-change weights (<see cref="PcmWeightBank"/>) and thermal remedies
/// (<see cref="DriftSimulation"/>). Each mesh holds the phases of a seeded Haar-random unitary, as the
/// <c>triad photonic</c> commands do.
/// </summary>
internal static class PhotonicEvidence
{
    private static MeshPhases HaarPhases(int modes, ulong seed) =>
        MeshDecomposition.Decompose(MeshKind.Clements, UnitaryMatrix.Haar(modes, new SeededRandom(seed)), modes);

    /// <summary>
    /// Latency of one vector through an N-mode Clements mesh: time of flight depth·L_MZI·n_g/c plus one DAC and one
    /// ADC sample at the stated rate (<see cref="EnergyModel.Estimate"/> with <see cref="EnergyComponents.Default"/>).
    /// </summary>
    public static ClaimEvidence Latency(EvidenceSettings s)
    {
        int modes = s.Count("modes", 2), bits = s.Count("bits");
        double rate = s.Number("rateGigasamplesPerSecond") * 1e9;
        ulong seed = s.Seed("seed");
        EnergyComponents c = EnergyComponents.Default;
        EnergyBreakdown e = EnergyModel.Estimate(HaarPhases(modes, seed), bits, rate, c);
        return new ClaimEvidence(
            [
                new("propagationSeconds", "time of flight through the mesh", "s", e.PropagationSeconds),
                new("latencySeconds", "latency of one vector (flight + DAC + ADC)", "s", e.LatencySeconds),
                new("conversionSeconds", "DAC + ADC latency", "s", e.ConversionSeconds),
            ],
            [
                $"{modes}-mode Clements mesh (depth {modes} MZIs), phases of a Haar-random unitary (seed {seed}), {bits}-bit converters at {G(rate / 1e9)} GS/s",
                $"time of flight = depth × {G(c.MziLengthMeters * 1e6)} µm per MZI × group index {G(c.GroupIndex)} / c = {G(e.PropagationSeconds * 1e12)} ps (MZI length and group index are assumptions of the usual SOI platform, EnergyComponents)",
                $"conversion = ({G(c.DacLatencySamples)} DAC + {G(c.AdcLatencySamples)} ADC samples) / {G(rate / 1e9)} GS/s = {G(e.ConversionSeconds * 1e12)} ps",
            ]);
    }

    /// <summary>K wavelengths through one programmed mesh (<see cref="WdmMesh.Run"/>): channel fidelity and detected-intensity error.</summary>
    public static ClaimEvidence Wdm(EvidenceSettings s)
    {
        int modes = s.Count("modes", 2), channels = s.Count("channels"), vectors = s.Count("vectors");
        ulong seed = s.Seed("seed");
        var wdm = new WdmChannels(channels) { SpacingMeters = s.Number("spacingNanometers") * 1e-9, IsolationDb = s.Number("isolationDb") };
        WdmResult r = WdmMesh.Run(HaarPhases(modes, seed), wdm, vectors, seed);
        return new ClaimEvidence(
            [
                new("minFidelity", $"lowest channel fidelity, {channels} wavelengths", "", r.MinFidelity),
                new("meanFidelity", $"mean channel fidelity, {channels} wavelengths", "", r.MeanFidelity),
                new("intensityError", $"detected-intensity error, {channels} wavelengths", "", r.IntensityError),
            ],
            [
                $"{modes}-mode Clements mesh, phases of a Haar-random unitary (seed {seed}), programmed at λ0 = {G(wdm.CenterMeters * 1e9)} nm",
                $"{channels} channels {G(wdm.SpacingMeters * 1e9)} nm apart (span {G(r.SpanMeters * 1e9)} nm): a heater phase φ set at λ0 is φ·λ0/λ at λ; couplers 50:50 at every λ (no dispersion given)",
                $"each detector catches 10^(−{G(wdm.IsolationDb)}/10) of each neighbouring channel's power (demultiplexer isolation, WdmChannels' default)",
                $"{vectors} seeded complex Gaussian test vectors per channel; throughput gain {r.ThroughputGain}× (vectors per pass); mean fidelity {G(r.MeanFidelity)}",
            ]);
    }

    /// <summary>
    /// A column of GST cells (<see cref="PcmWeightBank"/>) holding seeded uniform field weights in [0, 1]: read-back
    /// error after programming and after the stated years of drift, and the static power (zero) against what
    /// thermo-optic MZI attenuators would burn for the same weights.
    /// </summary>
    public static ClaimEvidence Pcm(EvidenceSettings s)
    {
        int count = s.Count("weights"), levels = s.Count("levels", 2);
        double sigma = s.Number("programmingNoise"), years = s.Number("years");
        ulong seed = s.Seed("seed");
        var random = new SeededRandom(seed);
        double[] weights = new double[count];
        for (int i = 0; i < count; i++)
        {
            weights[i] = random.NextDouble();
        }
        PcmCell cell = PcmCell.Rios2015 with { Levels = levels, ProgrammingNoise = sigma };
        PcmWeightBank bank = PcmWeightBank.Program(cell, weights, new SeededRandom(seed + 1));
        double seconds = years * 365.25 * 86_400;
        double[] programmed = bank.FieldWeights(0), later = bank.FieldWeights(seconds);
        double rmsProgrammed = Rms(weights, programmed), rmsLater = Rms(weights, later), drift = Rms(programmed, later);
        double heaters = PcmWeightBank.HeaterHoldPowerWatts(weights, new ThermoOpticPhaseShifter());
        return new ClaimEvidence(
            [
                new("staticPowerWatts", "static power holding the weights", "W", PcmWeightBank.StaticPowerWatts),
                new("driftRmsAfterYears", $"RMS change of the read-back weights over {G(years)} years", "", drift),
                new("rmsErrorProgrammed", "RMS weight error just after programming", "", rmsProgrammed),
                new("rmsErrorAfterYears", $"RMS weight error after {G(years)} years", "", rmsLater),
            ],
            [
                $"{count} field weights uniform in [0, 1] (seed {seed}) in GST cells of {levels} levels (Ríos et al., Nat. Photonics 9, 725 (2015)), T_a {G(cell.AmorphousTransmission)}, T_c {G(cell.CrystallineTransmission)} (a stated cell design), programming noise σ = {G(sigma)} (noise seed {seed + 1})",
                $"drift: amorphous optical density ∝ (t/{G(cell.DriftOnsetSeconds)} s)^−{G(cell.DriftExponent)} (Ielmini et al. 2007's resistance-drift exponent applied to absorption, an assumption), {G(years)} years = {G(seconds)} s",
                $"RMS weight error: {G(rmsProgrammed)} after programming (levels and the reachable floor √(T_c/T_a)), {G(rmsLater)} after {G(years)} years",
                $"static power: 0 W in GST, against {G(heaters)} W for thermo-optic MZI attenuators holding the same weights (P_π {G(new ThermoOpticPhaseShifter().PiPowerMilliwatts)} mW)",
            ]);
    }

    /// <summary>
    /// A mesh under a seeded random-walk ambient trace plus a gradient across the modes (<see cref="DriftSimulation.Run"/>)
    /// with each remedy: none, PID heater control, a cooled chip, periodic recalibration and monitor correction.
    /// </summary>
    public static ClaimEvidence Remedies(EvidenceSettings s)
    {
        int modes = s.Count("modes", 2);
        double duration = s.Number("durationSeconds"), dt = s.Number("stepSeconds"), sigma = s.Number("walkKelvinPerRootSecond");
        double gradient = s.Number("gradientKelvin"), interval = s.Number("intervalSeconds");
        ulong seed = s.Seed("seed");
        var chip = new ThermalChip { GradientAcrossModesKelvin = gradient };
        MeshPhases phases = HaarPhases(modes, seed);
        AmbientTrace trace = AmbientTrace.RandomWalk(duration, dt, sigma, seed);
        var pid = new PidHeaterControl();
        var cooled = new CooledOperation();
        ThermalRemedy[] remedies =
        [
            new NoRemedy(),
            pid,
            cooled,
            new PeriodicRecalibration(interval, calibrationSeconds: Math.Min(interval, 0.1)),
            new MonitorOffsetCorrection(interval),
        ];
        DriftRun[] runs = [.. remedies.Select(r => DriftSimulation.Run(phases, chip, trace, r))];
        DriftRun Get(string name) => runs.Single(r => r.Remedy == name);
        return new ClaimEvidence(
            [
                new("noneMeanFidelity", "mean fidelity, no remedy", "", Get("none").MeanFidelity),
                new("pidMeanFidelity", "mean fidelity, PID heater control", "", Get("pid").MeanFidelity),
                new("cooledMeanFidelity", "mean fidelity, cooled chip", "", Get("cooled").MeanFidelity),
            ],
            [
                $"{modes}-mode Clements mesh, phases of a Haar-random unitary (seed {seed}), on the stated silicon chip: heater {G(chip.HeaterLengthMeters * 1e6)} µm, λ {G(chip.WavelengthMeters * 1e9)} nm, dn/dT {G(chip.ThermoOpticPerKelvin)} K⁻¹ ({G(chip.PhasePerKelvin)} rad/K), {G(gradient)} K across the modes",
                $"ambient: random walk of {G(sigma)} K/√s for {G(duration)} s in steps of {G(dt)} s (seed {seed}); fidelity |Tr(U†V)|²/(N‖V‖²)",
                .. runs.Select(r => $"{r.Remedy}: mean F {G(r.MeanFidelity)}, lowest {G(r.MinFidelity)}, mean power {G(r.MeanPowerWatts)} W, downtime {G(r.Downtime * 100)} %"),
                $"remedy settings: PID kp {G(pid.Kp)}, ki {G(pid.Ki)}, kd {G(pid.Kd)} per heater, paying P_π/π per radian moved; cooled: a TEC passing {G(cooled.ResidualFraction * 100)} % of ΔT, power (heaters + G·|ΔT|)/COP with COP {G(cooled.CoefficientOfPerformance)}, G {G(cooled.ConductanceWattsPerKelvin)} W/K (Remedies' stated defaults); recalibration (0.1 s each) and monitor reads every {G(interval)} s",
            ]);
    }

    private static double Rms(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.Sqrt(sum / a.Length);
    }

    private static string G(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
