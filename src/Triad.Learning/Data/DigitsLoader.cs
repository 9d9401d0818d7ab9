using System.Globalization;

namespace Triad.Learning.Data;

/// <summary>
/// Loads the UCI "Optical Recognition of Handwritten Digits" data (data/digits.csv.gz, gzip): one row per
/// 8×8 image, 64 integer pixel counts 0..16 in row-major order, then the digit 0..9.
/// Result: features [N, 64] scaled to [0, 1] by x = count / 16 (use <see cref="Dataset.WithSampleShape"/>
/// with (1, 8, 8) for a convolutional network), labels 0..9 named "0".."9".
/// </summary>
/// <remarks>
/// Every row must have 65 fields, every pixel must be a whole number in [0, 16] and every label in 0..9;
/// a fault is a <see cref="DataFormatException"/> naming the line.
/// Reference: E. Alpaydin, C. Kaynak, UCI Machine Learning Repository, 1998, doi:10.24432/C50P49.
/// </remarks>
public static class DigitsLoader
{
    /// <summary>Pixels per image (8 × 8).</summary>
    public const int PixelCount = 64;

    /// <summary>Largest pixel count; features are divided by it.</summary>
    public const int MaxPixelValue = 16;

    /// <summary>Loads the digits file at <paramref name="path"/> (gzip or plain).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file breaks the format; the message names the line.</exception>
    public static Dataset Load(string path)
    {
        var options = new CsvLoadOptions
        {
            Name = "digits",
            FieldCount = PixelCount + 1,
            ClassNames = Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray(),
            FeatureMinimum = 0,
            FeatureMaximum = MaxPixelValue,
            IntegerFeatures = true,
        };
        Dataset raw = CsvDatasetLoader.Load(path, options);
        Span<double> pixels = raw.Features.Span;
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] /= MaxPixelValue;
        }
        return raw;
    }
}
