using System.Numerics;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Training;
using Triad.Photonics.Components;
using Triad.Photonics.Energy;
using Triad.Photonics.Meshes;
using Triad.Photonics.Thermal;

namespace Triad.Learning.Modules.Photonic;

/// <summary>One remedy over one ambient trace on a trained photonic model: test accuracy at the scored samples and the cost.</summary>
/// <param name="Remedy">The remedy's name.</param>
/// <param name="Steps">The trace samples at which the test set was scored.</param>
/// <param name="Accuracy">Test accuracy at each of <paramref name="Steps"/>.</param>
/// <param name="MeanPowerWatts">Mean electrical power the remedy drew over the whole trace, all meshes together (W).</param>
/// <param name="Downtime">Fraction of time out of service.</param>
public sealed record DriftAccuracyRun(string Remedy, int[] Steps, double[] Accuracy, double MeanPowerWatts, double Downtime)
{
    /// <summary>Lowest accuracy over the scored samples.</summary>
    public double MinAccuracy => Accuracy.Min();

    /// <summary>Mean accuracy over the scored samples.</summary>
    public double MeanAccuracy => Accuracy.Average();
}

/// <summary>
/// Thermal drift and its remedies on a trained photonic network (the accuracy version of
/// <see cref="DriftSimulation"/>): every <see cref="PhotonicLinear{T}"/> mesh of the model sits on the same
/// <see cref="ThermalChip"/> and sees the same ambient trace. Each remedy gets one instance per mesh (its own monitors,
/// calibration, PID loops; <see cref="ThermalRemedy.Reset"/> with that mesh's <see cref="ThermalContext"/>), and at every
/// sample of the trace, exactly as <see cref="DriftSimulation.Run"/> does per mesh: the chip ambient after the remedy's
/// cooling gives each mesh's drift (<see cref="ThermalDrift.Compute"/>, Δφ = 2π·L·(dn/dT)·ΔT/λ plus gradients and
/// crosstalk), the remedy writes its correction, and the residual drift − correction is what the mesh's phases carry
/// (<see cref="PhotonicLinear{T}.PhaseOffsets"/>). At the scored samples the test set runs through the model.
/// Power: the sum over meshes of each remedy's power, except cooled operation, whose one thermoelectric cooler holds
/// the whole chip: its power is computed once, with the heater power of all meshes together.
/// Only the meshes drift; the electro-optic activation and the detectors are taken as temperature-independent.
/// </summary>
public static class PhotonicDriftAccuracy
{
    /// <summary>
    /// Runs each remedy made by <paramref name="remedies"/> (called once per mesh) over <paramref name="trace"/>, scoring
    /// <paramref name="test"/> every <paramref name="scoreEvery"/> samples and at the last. The model's phase offsets
    /// are cleared afterwards.
    /// </summary>
    /// <exception cref="ArgumentException">The model has no photonic-linear layer, or <paramref name="scoreEvery"/> is below 1.</exception>
    public static IReadOnlyList<DriftAccuracyRun> Run<T>(
        Model<T> model, Dataset test, ThermalChip chip, AmbientTrace trace, IReadOnlyList<Func<ThermalRemedy>> remedies,
        int scoreEvery = 1, ThermoOpticPhaseShifter? heater = null, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(remedies);
        ArgumentOutOfRangeException.ThrowIfLessThan(scoreEvery, 1);
        chip.Validate();
        IReadOnlyList<PhotonicLinear<T>> layers = PhotonicChip.Layers(model);
        if (layers.Count == 0)
        {
            throw new ArgumentException($"model '{model.Spec.Name}' has no photonic-linear mesh to drift");
        }
        ThermoOpticPhaseShifter h = heater ?? new ThermoOpticPhaseShifter();
        var contexts = new ThermalContext[layers.Count];
        for (int l = 0; l < layers.Count; l++)
        {
            MeshPhases phases = Phases(layers[l]);
            contexts[l] = new ThermalContext(phases, chip, trace.StepSeconds, h, EnergyModel.HeaterPowerWatts(phases, h));
        }
        var allHeaters = contexts[0] with { HeaterWatts = contexts.Sum(c => c.HeaterWatts) };
        int[] steps = [.. Enumerable.Range(0, trace.Count).Where(s => s % scoreEvery == 0 || s == trace.Count - 1)];
        var runs = new List<DriftAccuracyRun>(remedies.Count);
        try
        {
            foreach (Func<ThermalRemedy> make in remedies)
            {
                ThermalRemedy[] perMesh = [.. layers.Select(_ => make())];
                int length(int l) => ThermalDrift.Length(layers[l].Layout);
                double[][] drift = [.. layers.Select((_, l) => new double[length(l)])];
                double[][] correction = [.. layers.Select((_, l) => new double[length(l)])];
                for (int l = 0; l < layers.Count; l++)
                {
                    perMesh[l].Reset(contexts[l]);
                }
                bool cooled = perMesh[0] is CooledOperation;
                double power = 0;
                double[] accuracy = new double[steps.Length];
                int next = 0;
                for (int s = 0; s < trace.Count; s++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    double ambient = trace.DeltaKelvin[s];
                    for (int l = 0; l < layers.Count; l++)
                    {
                        double chipAmbient = perMesh[l].ChipAmbient(ambient);
                        ThermalDrift.Compute(contexts[l].Phases, chip, chipAmbient, drift[l]);
                        perMesh[l].Correct(contexts[l], s, chipAmbient, drift[l], correction[l]);
                        if (!cooled)
                        {
                            power += perMesh[l].PowerWatts(contexts[l], ambient, correction[l]);
                        }
                    }
                    if (cooled)
                    {
                        power += perMesh[0].PowerWatts(allHeaters, ambient, correction[0]);
                    }
                    if (next < steps.Length && steps[next] == s)
                    {
                        for (int l = 0; l < layers.Count; l++)
                        {
                            double[] residual = new double[drift[l].Length];
                            for (int i = 0; i < residual.Length; i++)
                            {
                                residual[i] = drift[l][i] - correction[l][i];
                            }
                            layers[l].PhaseOffsets = residual;
                        }
                        accuracy[next++] = Evaluator.Evaluate(model, test).Accuracy;
                    }
                }
                runs.Add(new DriftAccuracyRun(perMesh[0].Name, steps, accuracy, power / trace.Count, perMesh[0].Downtime));
            }
        }
        finally
        {
            foreach (PhotonicLinear<T> layer in layers)
            {
                layer.PhaseOffsets = null;
            }
        }
        return runs;
    }

    /// <summary>
    /// The five remedies as <c>triad photonic drift</c> runs them: none, monitor-MZI offset correction and periodic
    /// recalibration every <paramref name="intervalSeconds"/> (recalibration out of service min(interval, 0.1 s) each
    /// time), PID heater control with the default gains, cooled operation with the default TEC.
    /// </summary>
    public static IReadOnlyList<Func<ThermalRemedy>> DefaultRemedies(double intervalSeconds) =>
    [
        () => new NoRemedy(),
        () => new MonitorOffsetCorrection(intervalSeconds),
        () => new PeriodicRecalibration(intervalSeconds, calibrationSeconds: Math.Min(intervalSeconds, 0.1)),
        () => new PidHeaterControl(),
        () => new CooledOperation(),
    ];

    private static MeshPhases Phases<T>(PhotonicLinear<T> layer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        static double[] D(Autograd.Parameter<T> p)
        {
            double[] d = new double[p.Length];
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = double.CreateTruncating(p.Span[i]);
            }
            return d;
        }
        return new MeshPhases(layer.Layout, D(layer.Theta), D(layer.Phi), D(layer.Alpha));
    }
}
