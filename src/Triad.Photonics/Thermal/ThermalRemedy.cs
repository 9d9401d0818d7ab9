using Triad.Photonics.Components;
using Triad.Photonics.Meshes;

namespace Triad.Photonics.Thermal;

/// <summary>What a remedy may know about the run: the programmed mesh, the chip, the time step and the heaters.</summary>
/// <param name="Phases">The programmed phases.</param>
/// <param name="Chip">The chip.</param>
/// <param name="StepSeconds">Time between samples (s).</param>
/// <param name="Heater">The heater model (P_π).</param>
/// <param name="HeaterWatts">Static power of the heaters holding the programmed phases (W).</param>
public sealed record ThermalContext(MeshPhases Phases, ThermalChip Chip, double StepSeconds, ThermoOpticPhaseShifter Heater, double HeaterWatts);

/// <summary>
/// A remedy for thermal drift, switched on by passing it to <see cref="DriftSimulation"/>. Each step it sees the
/// chip's ambient and the true drift vector (it may use only what its sensors would see) and writes the correction
/// the heaters apply; the mesh then runs with residual = drift − correction. Its cost is the electrical power it
/// draws and the fraction of time it takes the mesh out of service.
/// </summary>
public abstract class ThermalRemedy
{
    /// <summary>Short name for tables.</summary>
    public abstract string Name { get; }

    /// <summary>Fraction of time the mesh is out of service for this remedy.</summary>
    public virtual double Downtime => 0;

    /// <summary>Chip ambient ΔT when the room's is <paramref name="ambientKelvin"/> (a cooler changes it).</summary>
    public virtual double ChipAmbient(double ambientKelvin) => ambientKelvin;

    /// <summary>Called once before a run.</summary>
    public virtual void Reset(ThermalContext context)
    {
    }

    /// <summary>Writes the heaters' correction at step <paramref name="step"/>.</summary>
    public abstract void Correct(ThermalContext context, int step, double chipAmbientKelvin, ReadOnlySpan<double> drift, Span<double> correction);

    /// <summary>Electrical power drawn at this step (W).</summary>
    public abstract double PowerWatts(ThermalContext context, double ambientKelvin, ReadOnlySpan<double> correction);

    /// <summary>P_π/π · Σ|c_i|: the heater power that moves each phase by |c_i| (W).</summary>
    protected static double CorrectionPower(ThermalContext context, ReadOnlySpan<double> correction)
    {
        ArgumentNullException.ThrowIfNull(context);
        double sum = 0;
        foreach (double c in correction)
        {
            sum += Math.Abs(c);
        }
        return sum * context.Heater.PiPowerMilliwatts * 1e-3 / Math.PI;
    }

    /// <summary>Refuses an interval or σ that is not finite, or below the given floor.</summary>
    protected static double Check(double value, string name, double floor, bool strict)
    {
        bool ok = double.IsFinite(value) && (strict ? value > floor : value >= floor);
        return ok ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number {(strict ? "above" : "at least")} {floor}");
    }
}

/// <summary>No remedy: the heaters hold the programmed phases whatever the temperature.</summary>
public sealed class NoRemedy : ThermalRemedy
{
    /// <inheritdoc/>
    public override string Name => "none";

    /// <inheritdoc/>
    public override void Correct(ThermalContext context, int step, double chipAmbientKelvin, ReadOnlySpan<double> drift, Span<double> correction) => correction.Clear();

    /// <inheritdoc/>
    public override double PowerWatts(ThermalContext context, double ambientKelvin, ReadOnlySpan<double> correction) => 0;
}
