using System.Numerics;
using Triad.Numerics.Random;
using Triad.Photonics.Meshes;

namespace Triad.Photonics.Tests.Meshes;

/// <summary>W = s·U·Σ′·V† on two meshes and attenuators: exact when ideal, degraded by defects, bad input refused.</summary>
public class PhotonicMatrixTests
{
    private const ulong Seed = 12_000_501;

    [Theory]
    [InlineData(5, 3, true, MeshKind.Clements)]
    [InlineData(4, 6, false, MeshKind.Reck)]
    [InlineData(7, 7, true, MeshKind.Reck)]
    [InlineData(1, 1, false, MeshKind.Clements)]
    public void Map_AnyShape_RealisesTheMatrixCoherently(int rows, int cols, bool complex, MeshKind kind)
    {
        var rng = new SeededRandom(Seed);
        Complex[] w = Enumerable.Range(0, rows * cols).Select(_ => new Complex(rng.NextGaussian(), complex ? rng.NextGaussian() : 0)).ToArray();
        PhotonicMatrix hw = PhotonicMatrix.Map(w, rows, cols, kind);
        Assert.Equal(Math.Max(rows, cols), hw.Modes);
        Assert.All(hw.Attenuation.ToArray(), a => Assert.InRange(a, 0, 1));
        double err = UnitaryMatrix.FrobeniusDistance(w, hw.Matrix());
        double norm = Math.Sqrt(w.Sum(v => v.Magnitude * v.Magnitude));
        Assert.True(err <= 1e-12 * norm * hw.Modes, $"‖W − realised‖_F = {err:E3}");

        // Direct detection reads |W·x|².
        Complex[] x = Enumerable.Range(0, cols * 2).Select(_ => new Complex(rng.NextGaussian(), rng.NextGaussian())).ToArray();
        double[] intensity = hw.MultiplyIntensity(x, 2);
        for (int i = 0; i < rows; i++)
        {
            for (int s = 0; s < 2; s++)
            {
                Complex y = Complex.Zero;
                for (int j = 0; j < cols; j++)
                {
                    y += w[(i * cols) + j] * x[(j * 2) + s];
                }
                Assert.Equal(y.Magnitude * y.Magnitude, intensity[(i * 2) + s], 1e-9 * (1 + (y.Magnitude * y.Magnitude)));
            }
        }
    }

    [Fact]
    public void Map_WithPhaseErrors_DeviatesMoreForLargerSigma()
    {
        var rng = new SeededRandom(Seed + 1);
        Complex[] w = Enumerable.Range(0, 64).Select(_ => new Complex(rng.NextGaussian(), 0)).ToArray();
        double small = UnitaryMatrix.FrobeniusDistance(w, PhotonicMatrix.Map(w, 8, 8, defects: new MeshDefects(0.01, Seed: 2)).Matrix());
        double large = UnitaryMatrix.FrobeniusDistance(w, PhotonicMatrix.Map(w, 8, 8, defects: new MeshDefects(0.1, Seed: 2)).Matrix());
        Assert.InRange(small, 1e-4, large / 3);
    }

    [Fact]
    public void Map_BadInput_Refused()
    {
        Assert.Throws<ArgumentException>(() => PhotonicMatrix.Map([], 0, 3));
        Assert.Throws<ArgumentException>(() => PhotonicMatrix.Map(new Complex[5], 2, 3));
        var e = Assert.Throws<ArgumentException>(() => PhotonicMatrix.Map([1, double.NaN], 1, 2));
        Assert.Contains("weight (0, 1)", e.Message, StringComparison.Ordinal);
    }
}
