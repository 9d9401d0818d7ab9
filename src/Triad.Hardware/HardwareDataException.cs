namespace Triad.Hardware;

/// <summary>
/// A device file, model file, graph or request that Triad.Hardware cannot use. The message is one line that
/// names the input (file and field, task, device or option), the value and what was expected, e.g.
/// <c>h100-sxm.json: memoryBandwidthGigabytesPerSecond.value -3350: must be positive</c>.
/// It derives from <see cref="ArgumentException"/> (the input handed to Triad.Hardware is unusable), so the CLI
/// reports it as bad input, exit code 2.
/// </summary>
public sealed class HardwareDataException : ArgumentException
{
    /// <summary>Creates the exception with a message that names the input.</summary>
    public HardwareDataException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public HardwareDataException() : base("invalid hardware data")
    {
    }

    /// <summary>Creates the exception wrapping an inner one.</summary>
    public HardwareDataException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
