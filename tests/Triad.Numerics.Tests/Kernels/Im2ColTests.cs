using System.Numerics;
using Triad.Numerics.Kernels;
using Triad.Numerics.Random;
using Triad.Numerics.Tests.TestSupport;
using Xunit.Abstractions;

namespace Triad.Numerics.Tests.Kernels;

/// <summary>
/// Im2Col against its defining formula and Raise as its adjoint, run once per element type by thin subclasses.
/// Lowering only copies, so it must match exactly; raising adds in a fixed order, so it must match a naive
/// scatter exactly, and the adjoint identity holds to the rounding of the two inner products.
/// </summary>
public abstract class Im2ColTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const ulong Seed = 7_100_101;

    protected Im2ColTests(ITestOutputHelper output) => output.WriteLine($"seed {Seed}, element type {typeof(T).Name}");

    // channels, height, width, kernel, stride, padding: the CNN's layers, odd and non-square images, strides that
    // skip pixels, padding wider than the kernel reaches (whole runs in the padding), a kernel as wide as the image.
    public static TheoryData<int, int, int, int, int, int> Geometries() => new()
    {
        { 1, 28, 28, 3, 1, 0 }, { 16, 13, 13, 3, 1, 0 }, { 2, 5, 8, 3, 1, 0 }, { 3, 7, 9, 3, 1, 1 }, { 2, 9, 7, 3, 2, 1 },
        { 1, 5, 5, 1, 1, 2 }, { 2, 6, 5, 4, 3, 2 }, { 1, 4, 4, 4, 1, 0 }, { 3, 1, 8, 1, 2, 0 }, { 1, 3, 3, 5, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Lower_AnyGeometry_MatchesDefinition(int channels, int height, int width, int kernel, int stride, int padding)
    {
        var rng = new SeededRandom(Seed);
        T[] image = Reference.RandomArray<T>(rng, channels * height * width);
        int oh = Im2Col.OutputSize(height, kernel, stride, padding), ow = Im2Col.OutputSize(width, kernel, stride, padding);
        int rowLength = channels * kernel * kernel;
        T[] cols = Enumerable.Repeat(T.NaN, oh * ow * rowLength).ToArray();

        Im2Col.Lower<T>(image, channels, height, width, kernel, stride, padding, cols);

        for (int y = 0; y < oh; y++)
        {
            for (int x = 0; x < ow; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    for (int ky = 0; ky < kernel; ky++)
                    {
                        for (int kx = 0; kx < kernel; kx++)
                        {
                            int iy = (y * stride) - padding + ky, ix = (x * stride) - padding + kx;
                            T expected = iy >= 0 && iy < height && ix >= 0 && ix < width
                                ? image[(((c * height) + iy) * width) + ix] : T.Zero;
                            T actual = cols[(((y * ow) + x) * rowLength) + (((c * kernel) + ky) * kernel) + kx];
                            Assert.True(expected == actual, $"position ({y}, {x}), (c, ky, kx) = ({c}, {ky}, {kx}): {actual}, expected {expected}");
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Raise_AnyGeometry_MatchesNaiveScatterOntoExistingImage(int channels, int height, int width, int kernel, int stride, int padding)
    {
        var rng = new SeededRandom(Seed + 1);
        int oh = Im2Col.OutputSize(height, kernel, stride, padding), ow = Im2Col.OutputSize(width, kernel, stride, padding);
        int rowLength = channels * kernel * kernel;
        T[] cols = Reference.RandomArray<T>(rng, oh * ow * rowLength);
        T[] image = Reference.RandomArray<T>(rng, channels * height * width);
        T[] expected = (T[])image.Clone();
        int k = 0;
        for (int y = 0; y < oh; y++)
        {
            for (int x = 0; x < ow; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    for (int ky = 0; ky < kernel; ky++)
                    {
                        for (int kx = 0; kx < kernel; kx++, k++)
                        {
                            int iy = (y * stride) - padding + ky, ix = (x * stride) - padding + kx;
                            if (iy >= 0 && iy < height && ix >= 0 && ix < width)
                            {
                                expected[(((c * height) + iy) * width) + ix] += cols[k];
                            }
                        }
                    }
                }
            }
        }

        Im2Col.Raise<T>(cols, channels, height, width, kernel, stride, padding, image);

        for (int p = 0; p < image.Length; p++)
        {
            Assert.True(expected[p] == image[p], $"image[{p}] = {image[p]}, expected {expected[p]}");
        }
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Raise_AnyGeometry_IsAdjointOfLower(int channels, int height, int width, int kernel, int stride, int padding)
    {
        // ⟨Lower(x), y⟩ = ⟨x, Raise(y)⟩; both inner products are taken in double over values rounded to T,
        // so the only difference is Raise's own rounding, at most (terms per pixel)·ε of Σ|x||y|.
        var rng = new SeededRandom(Seed + 2);
        int oh = Im2Col.OutputSize(height, kernel, stride, padding), ow = Im2Col.OutputSize(width, kernel, stride, padding);
        T[] x = Reference.RandomArray<T>(rng, channels * height * width);
        T[] y = Reference.RandomArray<T>(rng, oh * ow * channels * kernel * kernel);
        var lowered = new T[y.Length];
        var raised = new T[x.Length];

        Im2Col.Lower<T>(x, channels, height, width, kernel, stride, padding, lowered);
        Im2Col.Raise<T>(y, channels, height, width, kernel, stride, padding, raised);

        double left = 0, right = 0, scale = 0;
        for (int p = 0; p < y.Length; p++)
        {
            left += double.CreateTruncating(lowered[p]) * double.CreateTruncating(y[p]);
            scale += Math.Abs(double.CreateTruncating(lowered[p]) * double.CreateTruncating(y[p]));
        }
        for (int p = 0; p < x.Length; p++)
        {
            right += double.CreateTruncating(x[p]) * double.CreateTruncating(raised[p]);
        }
        double allowed = (oh * ow) * Reference.Epsilon<T>() * scale;
        Assert.True(Math.Abs(left - right) <= allowed, $"⟨Lower(x), y⟩ = {left}, ⟨x, Raise(y)⟩ = {right}, allowed {allowed:G3}");
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    public void Lower_BufferLengthWrong_ThrowsNamingBoth(int extraImage, int extraCols)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Im2Col.Lower<T>(new T[(2 * 5 * 5) + extraImage], 2, 5, 5, 3, 1, 0, new T[(9 * 18) + extraCols]));

        Assert.Contains("needs 50 image values and 162 column values", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(28, 3, 1, 0, 26)]
    [InlineData(28, 3, 1, 1, 28)]
    [InlineData(13, 3, 2, 0, 6)]
    [InlineData(4, 4, 1, 0, 1)]
    [InlineData(1, 5, 1, 2, 1)]
    public void OutputSize_KnownCases_FloorFormula(int input, int kernel, int stride, int padding, int expected)
    {
        Assert.Equal(expected, Im2Col.OutputSize(input, kernel, stride, padding));
    }

    [Theory]
    [InlineData(4, 7, 1, 1)]
    [InlineData(4, 3, 0, 0)]
    [InlineData(4, 3, 1, -1)]
    public void OutputSize_KernelDoesNotFit_ThrowsArgumentOutOfRange(int input, int kernel, int stride, int padding)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Im2Col.OutputSize(input, kernel, stride, padding));
    }
}
