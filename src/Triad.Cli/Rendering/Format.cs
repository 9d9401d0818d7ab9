using System.Globalization;

namespace Triad.Cli.Rendering;

/// <summary>How numbers are written in tables: invariant culture; a missing value (NaN) is "–".</summary>
internal static class Format
{
    /// <summary>Written for a value that does not exist.</summary>
    public const string Missing = "–";

    /// <summary>A fraction as a percentage with two decimals, e.g. 0.97778 → "97.78%".</summary>
    public static string Percent(double fraction) =>
        double.IsFinite(fraction) ? (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : Missing;

    /// <summary>A value with four decimals, e.g. a loss; from 10⁶ up, four significant digits with an exponent.</summary>
    public static string Fixed4(double value) =>
        !double.IsFinite(value) ? Missing
        : Math.Abs(value) >= 1e6 ? value.ToString("0.000E+0", CultureInfo.InvariantCulture)
        : value.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>A value with <paramref name="decimals"/> decimals.</summary>
    public static string Fixed(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : Missing;

    /// <summary>A whole number with thousands separators, e.g. 12,042.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A rate rounded to a whole number with thousands separators.</summary>
    public static string Rate(double value) =>
        double.IsFinite(value) ? Math.Round(value).ToString("N0", CultureInfo.InvariantCulture) : Missing;

    /// <summary>A duration in seconds, e.g. "12.3 s".</summary>
    public static string Seconds(double seconds) =>
        double.IsFinite(seconds) ? seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : Missing;
}
