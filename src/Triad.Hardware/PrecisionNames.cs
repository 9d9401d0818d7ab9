namespace Triad.Hardware;

/// <summary>The lower-case names of <see cref="Precision"/> used in data files ("bf16") and their sizes.</summary>
public static class PrecisionNames
{
    /// <summary>Every precision with its file name, in declaration order.</summary>
    public static IReadOnlyList<(Precision Precision, string Name)> All { get; } =
    [
        (Precision.Fp64, "fp64"), (Precision.Fp32, "fp32"), (Precision.Tf32, "tf32"), (Precision.Bf16, "bf16"),
        (Precision.Fp16, "fp16"), (Precision.Fp8, "fp8"), (Precision.Int8, "int8"),
    ];

    /// <summary>The name used in files, e.g. "bf16".</summary>
    public static string Name(Precision precision) => All.First(p => p.Precision == precision).Name;

    /// <summary>Parses a file name such as "bf16"; false when unknown.</summary>
    public static bool TryParse(string? name, out Precision precision)
    {
        foreach ((Precision p, string n) in All)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                precision = p;
                return true;
            }
        }
        precision = default;
        return false;
    }

    /// <summary>Bytes one element occupies in memory (TF32 is stored as FP32).</summary>
    public static int BytesPerElement(Precision precision) => precision switch
    {
        Precision.Fp64 => 8,
        Precision.Fp32 or Precision.Tf32 => 4,
        Precision.Bf16 or Precision.Fp16 => 2,
        _ => 1,
    };
}
