using System.Globalization;
using System.Text;
using Triad.Numerics.Random;

namespace Triad.Cli.Tests.TestSupport;

/// <summary>Small synthetic data files.</summary>
public static class TestData
{
    /// <summary>
    /// Three well-separated 2-D Gaussian blobs (centres (0,0), (4,0), (0,4), σ = 0.5) as CSV rows "x,y,label",
    /// class by class, drawn from <paramref name="seed"/>.
    /// </summary>
    public static string BlobsCsv(int rowsPerClass, ulong seed)
    {
        var rng = new SeededRandom(seed);
        (double X, double Y)[] centres = [(0, 0), (4, 0), (0, 4)];
        var text = new StringBuilder();
        for (int c = 0; c < centres.Length; c++)
        {
            for (int i = 0; i < rowsPerClass; i++)
            {
                double x = centres[c].X + (0.5 * rng.NextGaussian());
                double y = centres[c].Y + (0.5 * rng.NextGaussian());
                text.Append(CultureInfo.InvariantCulture, $"{x:R},{y:R},{c}\n");
            }
        }
        return text.ToString();
    }
}
