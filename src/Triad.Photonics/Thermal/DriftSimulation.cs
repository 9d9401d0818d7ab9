using System.Numerics;
using Triad.Photonics.Components;
using Triad.Photonics.Energy;
using Triad.Photonics.Meshes;

namespace Triad.Photonics.Thermal;

/// <summary>One remedy over one ambient trace: fidelity at every sample and what the remedy cost.</summary>
/// <param name="Remedy">The remedy's name.</param>
/// <param name="Fidelity">F at every sample of the trace.</param>
/// <param name="MeanPowerWatts">Mean electrical power the remedy drew (W).</param>
/// <param name="Downtime">Fraction of time out of service.</param>
public sealed record DriftRun(string Remedy, double[] Fidelity, double MeanPowerWatts, double Downtime)
{
    /// <summary>Lowest fidelity over the trace.</summary>
    public double MinFidelity => Fidelity.Min();

    /// <summary>Mean fidelity over the trace.</summary>
    public double MeanFidelity => Fidelity.Average();
}

/// <summary>
/// Runs a programmed mesh through an ambient temperature trace on a <see cref="ThermalChip"/> with a
/// <see cref="ThermalRemedy"/>: at every sample the chip ambient (after the remedy's cooling) gives the drift vector
/// (<see cref="ThermalDrift.Compute"/>), the remedy writes its correction, and the mesh's matrix with the residual
/// drift is compared with the programmed one by <see cref="ThermalDrift.Fidelity"/>.
/// </summary>
public static class DriftSimulation
{
    /// <summary>The run of <paramref name="remedy"/> over <paramref name="trace"/>.</summary>
    public static DriftRun Run(MeshPhases phases, ThermalChip chip, AmbientTrace trace, ThermalRemedy remedy, ThermoOpticPhaseShifter? heater = null)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(remedy);
        chip.Validate();
        ThermoOpticPhaseShifter h = heater ?? new ThermoOpticPhaseShifter();
        var context = new ThermalContext(phases, chip, trace.StepSeconds, h, EnergyModel.HeaterPowerWatts(phases, h));
        int n = phases.Layout.Modes, length = ThermalDrift.Length(phases.Layout);
        Complex[] target = new MziMesh(phases).Matrix();
        double[] drift = new double[length], correction = new double[length], residual = new double[length];
        double[] fidelity = new double[trace.Count];
        double power = 0;
        remedy.Reset(context);
        for (int s = 0; s < trace.Count; s++)
        {
            double ambient = trace.DeltaKelvin[s], chipAmbient = remedy.ChipAmbient(ambient);
            ThermalDrift.Compute(phases, chip, chipAmbient, drift);
            remedy.Correct(context, s, chipAmbient, drift, correction);
            for (int i = 0; i < length; i++)
            {
                residual[i] = drift[i] - correction[i];
            }
            fidelity[s] = ThermalDrift.Fidelity(target, ThermalDrift.DriftedMatrix(phases, residual), n);
            power += remedy.PowerWatts(context, ambient, correction);
        }
        return new DriftRun(remedy.Name, fidelity, power / trace.Count, remedy.Downtime);
    }

    /// <summary>Fidelity with no remedy at each uniform ambient ΔT of <paramref name="deltasKelvin"/> (the chip's gradients and crosstalk on top).</summary>
    public static double[] FidelityAgainstDelta(MeshPhases phases, ThermalChip chip, IReadOnlyList<double> deltasKelvin)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(deltasKelvin);
        chip.Validate();
        int n = phases.Layout.Modes;
        Complex[] target = new MziMesh(phases).Matrix();
        double[] drift = new double[ThermalDrift.Length(phases.Layout)];
        var result = new double[deltasKelvin.Count];
        for (int i = 0; i < result.Length; i++)
        {
            ThermalDrift.Compute(phases, chip, deltasKelvin[i], drift);
            result[i] = ThermalDrift.Fidelity(target, ThermalDrift.DriftedMatrix(phases, drift), n);
        }
        return result;
    }
}
