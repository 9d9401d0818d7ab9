namespace Triad.Hardware;

/// <summary>Number formats an op can run in and a device can quote a peak rate for.</summary>
public enum Precision
{
    /// <summary>IEEE 754 binary64, 8 bytes.</summary>
    Fp64,

    /// <summary>IEEE 754 binary32, 4 bytes.</summary>
    Fp32,

    /// <summary>NVIDIA TensorFloat-32: stored as 4 bytes, multiplied with a 10-bit mantissa.</summary>
    Tf32,

    /// <summary>bfloat16, 2 bytes.</summary>
    Bf16,

    /// <summary>IEEE 754 binary16, 2 bytes.</summary>
    Fp16,

    /// <summary>8-bit floating point (E4M3/E5M2), 1 byte.</summary>
    Fp8,

    /// <summary>8-bit integer, 1 byte.</summary>
    Int8,
}
