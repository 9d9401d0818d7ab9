using Triad.Cli.Rendering;

namespace Triad.Cli.Tests;

public sealed class FormatTests
{
    [Theory]
    [InlineData(0.12345, "0.1235")]
    [InlineData(1.66e282, "1.660E+282")]
    [InlineData(double.NaN, "–")]
    [InlineData(double.PositiveInfinity, "–")]
    public void Fixed4_Value_IsShortAndInvariant(double value, string expected) => Assert.Equal(expected, Format.Fixed4(value));

    [Theory]
    [InlineData(0.97778, "97.78%")]
    [InlineData(1.0, "100.00%")]
    [InlineData(double.NaN, "–")]
    public void Percent_Fraction_HasTwoDecimals(double fraction, string expected) => Assert.Equal(expected, Format.Percent(fraction));
}
