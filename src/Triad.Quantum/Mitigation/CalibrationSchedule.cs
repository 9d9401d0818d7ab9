namespace Triad.Quantum.Mitigation;

/// <summary>
/// Recalibrates a mitigator every <see cref="Interval"/> steps (a training callback calls <see cref="Step"/> once
/// per step): the first call calibrates, and so does every call whose step index is a multiple of K after it. Drift
/// between calibrations is what a longer interval trades for fewer calibration circuits.
/// </summary>
/// <typeparam name="T">What a calibration produces, e.g. a <see cref="ReadoutMitigator"/>.</typeparam>
public sealed class CalibrationSchedule<T>
    where T : class
{
    private readonly Func<int, T> _calibrate;
    private int _lastStep = int.MinValue;

    /// <summary>A schedule that runs <paramref name="calibrate"/>(step) every <paramref name="interval"/> steps.</summary>
    public CalibrationSchedule(int interval, Func<int, T> calibrate)
    {
        ArgumentNullException.ThrowIfNull(calibrate);
        if (interval < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, $"the recalibration interval is at least 1 step, not {interval}");
        }
        Interval = interval;
        _calibrate = calibrate;
    }

    /// <summary>K: steps between calibrations.</summary>
    public int Interval { get; }

    /// <summary>The latest calibration (null before the first step).</summary>
    public T? Current { get; private set; }

    /// <summary>Calibrations run so far.</summary>
    public int Calibrations { get; private set; }

    /// <summary>Called at step <paramref name="step"/> (0, 1, 2, …): recalibrates when due and returns the calibration in force.</summary>
    public T Step(int step)
    {
        if (Current is null || step - _lastStep >= Interval || step < _lastStep)
        {
            Current = _calibrate(step);
            _lastStep = step;
            Calibrations++;
        }
        return Current;
    }
}
