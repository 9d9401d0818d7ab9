using Triad.Numerics.Tensors;
using Triad.Numerics.Threading;

namespace Triad.Learning.Data;

/// <summary>
/// Grey images read from an IDX file by <see cref="IdxReader.ReadImages"/>: <see cref="Count"/> images of
/// <see cref="Rows"/> × <see cref="Columns"/> unsigned-byte pixels, stored image after image, row-major:
/// pixel (n, r, c) is <c>Pixels[(n · Rows + r) · Columns + c]</c>.
/// </summary>
public sealed class IdxImages
{
    // Pixels converted per parallel piece (1 Mi, about 1,300 images): a tuning choice; the result does not depend on it.
    private const int PieceLength = 1 << 20;
    private static readonly double[] UnitScale = CreateUnitScale();

    /// <summary>Wraps <paramref name="pixels"/> (not copied) as <paramref name="count"/> images of the given size.</summary>
    /// <exception cref="ArgumentException">The pixel count is not count · rows · columns.</exception>
    public IdxImages(int count, int rows, int columns, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if ((long)count * rows * columns != pixels.Length)
        {
            throw new ArgumentException($"{pixels.Length} pixels cannot form {count} images of {rows}x{columns}", nameof(pixels));
        }
        Count = count;
        Rows = rows;
        Columns = columns;
        Pixels = pixels;
    }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Rows of each image.</summary>
    public int Rows { get; }

    /// <summary>Columns of each image.</summary>
    public int Columns { get; }

    /// <summary>Pixel values 0..255, image after image, row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>
    /// The images as a tensor of shape [Count, 1, Rows, Columns] (one channel) with values x = pixel / 255
    /// in [0, 1].
    /// </summary>
    public Tensor<double> ToTensor()
    {
        // Uninitialised: every element is written below. Above a size, pieces run on several threads;
        // most of the cost is the first touch of fresh pages, which then also runs in parallel.
        double[] result = GC.AllocateUninitializedArray<double>(Pixels.Length);
        byte[] pixels = Pixels;
        int pieces = (int)Math.Max(1, (pixels.LongLength + PieceLength - 1) / PieceLength);
        ThreadSettings.For(pieces, piece =>
        {
            int start = piece * PieceLength;
            int end = Math.Min(pixels.Length, start + PieceLength);
            ReadOnlySpan<double> scale = UnitScale;
            // A 256-entry table gives exactly pixel / 255 with a load instead of a division.
            for (int i = start; i < end; i++)
            {
                result[i] = scale[pixels[i]];
            }
        });
        return new Tensor<double>(result, Count, 1, Rows, Columns);
    }

    private static double[] CreateUnitScale()
    {
        var table = new double[256];
        for (int v = 0; v < table.Length; v++)
        {
            table[v] = v / 255.0;
        }
        return table;
    }
}
