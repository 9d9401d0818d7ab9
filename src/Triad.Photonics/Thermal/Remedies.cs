using Triad.Numerics.Random;

namespace Triad.Photonics.Thermal;

/// <summary>
/// Offset correction from monitor MZIs: two spare MZIs, in the middle column beside the top and the bottom mode,
/// are held at quadrature (θ = π/2) and read every <see cref="IntervalSeconds"/>; their phase drift κ·ΔT (plus
/// Gaussian read noise σ) is averaged and that one offset is taken off every phase of the mesh until the next read.
/// It removes the uniform part of the drift (and the mean of a gradient across the modes), not the rest of a
/// gradient nor crosstalk. Power: the two monitor heaters at P_π/2 each (their photodiodes' readout is not counted).
/// On a chip with balanced arms (<see cref="ThermalArms.Balanced"/>) a monitor MZI (on modes 0–1 and N−2–N−1 of the
/// middle column) reads its own δθ (<see cref="ThermalDrift.BalancedThetaDrift"/>: imbalance and arm-gradient terms),
/// and the mean of the two is taken off every θ only; φ and α, which a uniform ΔT leaves alone there, are not touched.
/// </summary>
public sealed class MonitorOffsetCorrection(double intervalSeconds, double noiseRadians = 0, ulong seed = 1) : ThermalRemedy
{
    private SeededRandom _random = new(seed);
    private double _offset;
    private double _nextRead;

    /// <summary>Time between monitor reads (s).</summary>
    public double IntervalSeconds { get; } = Check(intervalSeconds, nameof(intervalSeconds), 0, strict: true);

    /// <summary>Read noise σ (rad).</summary>
    public double NoiseRadians { get; } = Check(noiseRadians, nameof(noiseRadians), 0, strict: false);

    /// <inheritdoc/>
    public override string Name => "monitor";

    /// <inheritdoc/>
    public override void Reset(ThermalContext context)
    {
        _random = new SeededRandom(seed);
        _offset = 0;
        _nextRead = 0;
    }

    /// <inheritdoc/>
    public override void Correct(ThermalContext context, int step, double chipAmbientKelvin, ReadOnlySpan<double> drift, Span<double> correction)
    {
        ArgumentNullException.ThrowIfNull(context);
        double t = step * context.StepSeconds;
        if (t >= _nextRead - (1e-9 * context.StepSeconds))
        {
            var layout = context.Phases.Layout;
            double middle = Math.Max(0, layout.ColumnCount - 1) / 2.0, kappa = context.Chip.PhasePerKelvin;
            double top = context.Chip.Arms == ThermalArms.Balanced
                ? ThermalDrift.BalancedThetaDrift(context.Chip, layout, chipAmbientKelvin, middle, 0)
                : kappa * ThermalDrift.LocalDelta(context.Chip, layout, chipAmbientKelvin, middle, 0);
            double bottom = context.Chip.Arms == ThermalArms.Balanced
                ? ThermalDrift.BalancedThetaDrift(context.Chip, layout, chipAmbientKelvin, middle, Math.Max(0, layout.Modes - 2))
                : kappa * ThermalDrift.LocalDelta(context.Chip, layout, chipAmbientKelvin, middle, 1);
            top += NoiseRadians * _random.NextGaussian();
            bottom += NoiseRadians * _random.NextGaussian();
            _offset = (top + bottom) / 2;
            _nextRead += IntervalSeconds;
        }
        if (context.Chip.Arms == ThermalArms.Balanced)
        {
            correction.Clear();
            correction[..context.Phases.Layout.Count].Fill(_offset);
        }
        else
        {
            correction.Fill(_offset);
        }
    }

    /// <inheritdoc/>
    public override double PowerWatts(ThermalContext context, double ambientKelvin, ReadOnlySpan<double> correction)
    {
        ArgumentNullException.ThrowIfNull(context);
        return 2 * (context.Heater.PiPowerMilliwatts / 2) * 1e-3;
    }
}

/// <summary>
/// Periodic full recalibration: every <see cref="IntervalSeconds"/> every phase is measured afresh (drift plus
/// Gaussian error σ per phase) and the heaters are reset to cancel it; the correction then holds until the next one.
/// The mesh is out of service for <see cref="CalibrationSeconds"/> per calibration (downtime t_cal/interval);
/// no extra static power.
/// </summary>
public sealed class PeriodicRecalibration(double intervalSeconds, double calibrationSeconds = 0, double noiseRadians = 0, ulong seed = 1) : ThermalRemedy
{
    private SeededRandom _random = new(seed);
    private double[] _held = [];
    private double _next;

    /// <summary>Time between calibrations (s).</summary>
    public double IntervalSeconds { get; } = Check(intervalSeconds, nameof(intervalSeconds), 0, strict: true);

    /// <summary>Time one calibration takes (s).</summary>
    public double CalibrationSeconds { get; } = Check(calibrationSeconds, nameof(calibrationSeconds), 0, strict: false);

    /// <summary>Error σ of each calibrated phase (rad).</summary>
    public double NoiseRadians { get; } = Check(noiseRadians, nameof(noiseRadians), 0, strict: false);

    /// <inheritdoc/>
    public override string Name => "recalibrate";

    /// <inheritdoc/>
    public override double Downtime => Math.Min(1, CalibrationSeconds / IntervalSeconds);

    /// <inheritdoc/>
    public override void Reset(ThermalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _random = new SeededRandom(seed);
        _held = new double[ThermalDrift.Length(context.Phases.Layout)];
        _next = 0;
    }

    /// <inheritdoc/>
    public override void Correct(ThermalContext context, int step, double chipAmbientKelvin, ReadOnlySpan<double> drift, Span<double> correction)
    {
        ArgumentNullException.ThrowIfNull(context);
        double t = step * context.StepSeconds;
        if (t >= _next - (1e-9 * context.StepSeconds))
        {
            for (int i = 0; i < _held.Length; i++)
            {
                _held[i] = drift[i] + (NoiseRadians * _random.NextGaussian());
            }
            _next += IntervalSeconds;
        }
        _held.CopyTo(correction);
    }

    /// <inheritdoc/>
    public override double PowerWatts(ThermalContext context, double ambientKelvin, ReadOnlySpan<double> correction) => 0;
}

/// <summary>
/// Closed-loop (PID) heater control: every phase has its own sensor (a tap and photodiode reading its phase error
/// with Gaussian noise σ) and a discrete PID loop per step: e_k = drift_k − c_{k−1} + noise,
/// I_k = I_{k−1} + K_i·e_k, c_k = K_p·e_k + I_k + K_d·(e_k − e_{k−1}). The heater settles in τ ≈ 1.2 µs, far inside a
/// step, so the correction is applied at once. Extra power: moving each phase by |c| costs P_π·|c|/π.
/// </summary>
public sealed class PidHeaterControl(double kp = 0.3, double ki = 0.5, double kd = 0, double noiseRadians = 0, ulong seed = 1) : ThermalRemedy
{
    private SeededRandom _random = new(seed);
    private double[] _integral = [];
    private double[] _previousError = [];
    private double[] _previousCorrection = [];

    /// <summary>Proportional gain.</summary>
    public double Kp { get; } = Check(kp, nameof(kp), 0, strict: false);

    /// <summary>Integral gain per step.</summary>
    public double Ki { get; } = Check(ki, nameof(ki), 0, strict: false);

    /// <summary>Derivative gain per step.</summary>
    public double Kd { get; } = Check(kd, nameof(kd), 0, strict: false);

    /// <summary>Sensor noise σ (rad).</summary>
    public double NoiseRadians { get; } = Check(noiseRadians, nameof(noiseRadians), 0, strict: false);

    /// <inheritdoc/>
    public override string Name => "pid";

    /// <inheritdoc/>
    public override void Reset(ThermalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int length = ThermalDrift.Length(context.Phases.Layout);
        _random = new SeededRandom(seed);
        _integral = new double[length];
        _previousError = new double[length];
        _previousCorrection = new double[length];
    }

    /// <inheritdoc/>
    public override void Correct(ThermalContext context, int step, double chipAmbientKelvin, ReadOnlySpan<double> drift, Span<double> correction)
    {
        for (int i = 0; i < _integral.Length; i++)
        {
            double e = drift[i] - _previousCorrection[i] + (NoiseRadians * _random.NextGaussian());
            _integral[i] += Ki * e;
            double c = (Kp * e) + _integral[i] + (Kd * (e - _previousError[i]));
            _previousError[i] = e;
            _previousCorrection[i] = c;
            correction[i] = c;
        }
    }

    /// <inheritdoc/>
    public override double PowerWatts(ThermalContext context, double ambientKelvin, ReadOnlySpan<double> correction) => CorrectionPower(context, correction);
}

/// <summary>
/// Cooled operation: a thermoelectric cooler (TEC) holds the chip, which then sees only the fraction
/// <see cref="ResidualFraction"/> of the room's ΔT. The TEC pumps the heat the heaters dissipate plus the leak
/// G·|ΔT| through the package, at coefficient of performance COP: P = (P_heaters + G·|ΔT|)/COP.
/// COP 0.5: single-stage TECs run at COP 0.3–0.7 in typical use ("COP of a Thermoelectric Cooler (TEC)",
/// https://thermallm.com/cop-of-a-thermoelectric-cooler-tec/, a vendor's note: "Typically, the COP is between 0.3
/// and 0.7 for single-stage applications"); 0.5 is the middle of that range. The residual fraction 0.01 and
/// G = 0.1 W/K are assumptions of the package, no source found.
/// </summary>
public sealed class CooledOperation(double residualFraction = 0.01, double coefficientOfPerformance = 0.5, double conductanceWattsPerKelvin = 0.1) : ThermalRemedy
{
    /// <summary>Fraction of the room's ΔT that reaches the chip.</summary>
    public double ResidualFraction { get; } = residualFraction is >= 0 and <= 1
        ? residualFraction
        : throw new ArgumentOutOfRangeException(nameof(residualFraction), residualFraction, "the residual fraction must lie in [0, 1]");

    /// <summary>Coefficient of performance (heat pumped per electrical watt).</summary>
    public double CoefficientOfPerformance { get; } = Check(coefficientOfPerformance, nameof(coefficientOfPerformance), 0, strict: true);

    /// <summary>Package thermal conductance G (W/K).</summary>
    public double ConductanceWattsPerKelvin { get; } = Check(conductanceWattsPerKelvin, nameof(conductanceWattsPerKelvin), 0, strict: false);

    /// <inheritdoc/>
    public override string Name => "cooled";

    /// <inheritdoc/>
    public override double ChipAmbient(double ambientKelvin) => ResidualFraction * ambientKelvin;

    /// <inheritdoc/>
    public override void Correct(ThermalContext context, int step, double chipAmbientKelvin, ReadOnlySpan<double> drift, Span<double> correction) => correction.Clear();

    /// <inheritdoc/>
    public override double PowerWatts(ThermalContext context, double ambientKelvin, ReadOnlySpan<double> correction)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (context.HeaterWatts + (ConductanceWattsPerKelvin * Math.Abs(ambientKelvin))) / CoefficientOfPerformance;
    }
}
