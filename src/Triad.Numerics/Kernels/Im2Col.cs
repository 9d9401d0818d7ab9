using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics;
using System.Numerics.Tensors;

namespace Triad.Numerics.Kernels;

/// <summary>
/// Image-to-column lowering for 2-D convolution (Chellapilla, Puri and Simard, "High performance
/// convolutional neural networks for document processing", 2006), for float and double.
/// <para>
/// Layout: one image is [C, H, W] row-major. Its column matrix has one row per output position
/// (oh, ow) in row-major order and C·K·K columns ordered (c, kh, kw), so that
/// cols[(oh·OW + ow), (c·K + kh)·K + kw] = x[c, oh·S − P + kh, ow·S − P + kw], zero outside the image.
/// Then convolution is cols · Wᵀ with W of shape [F, C·K·K].
/// </para>
/// <para>
/// For one output position and one (c, kh), the K entries kw = 0 … K − 1 read K consecutive pixels of one image
/// row, whatever the stride, so both directions move whole runs (a block copy or a vector add) and only the
/// parts of a run that fall in the padding are handled apart.
/// </para>
/// </summary>
public static class Im2Col
{
    /// <summary>Output extent of a convolution or pooling axis: ⌊(n + 2P − K) / S⌋ + 1, computed without overflow.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The stride is not positive, or the kernel does not fit the padded input.</exception>
    public static int OutputSize(int inputSize, int kernel, int stride, int padding)
    {
        long padded = inputSize + (2L * padding);
        if (stride < 1 || kernel < 1 || padding < 0 || kernel > padded)
        {
            throw new ArgumentOutOfRangeException(nameof(kernel),
                $"kernel {kernel} with stride {stride} does not fit an input of {inputSize} with padding {padding}");
        }
        return (int)(((padded - kernel) / stride) + 1);
    }

    /// <summary>Writes the column matrix of one image into <paramref name="cols"/> (OH·OW × C·K·K); every entry is written.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The kernel, stride or padding does not fit the image.</exception>
    /// <exception cref="ArgumentException">A buffer's length does not match the image or its column matrix.</exception>
    public static void Lower<T>(
        ReadOnlySpan<T> image, int channels, int height, int width,
        int kernel, int stride, int padding, Span<T> cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (oh, ow, rowLength) = Check(image.Length, cols.Length, channels, height, width, kernel, stride, padding, "im2col");
        if (stride == 1 && padding == 0)
        {
            LowerDense(image, channels, height, width, kernel, oh, ow, rowLength, cols);
            return;
        }
        for (int y = 0; y < oh; y++)
        {
            for (int x = 0; x < ow; x++)
            {
                Span<T> row = cols.Slice(((y * ow) + x) * rowLength, rowLength);
                int x0 = (x * stride) - padding;
                // Columns kw in [lo, hi) fall inside the image; the same for every channel and kernel row.
                int lo = Math.Max(0, -x0), hi = Math.Min(kernel, width - x0);
                int k = 0;
                for (int c = 0; c < channels; c++)
                {
                    for (int ky = 0; ky < kernel; ky++, k += kernel)
                    {
                        Span<T> run = row.Slice(k, kernel);
                        int iy = (y * stride) - padding + ky;
                        if ((uint)iy >= (uint)height || lo >= hi)
                        {
                            run.Clear();
                            continue;
                        }
                        run[..lo].Clear();
                        CopyRun(image.Slice((((c * height) + iy) * width) + x0 + lo, hi - lo), run[lo..hi]);
                        run[hi..].Clear();
                    }
                }
            }
        }
    }

    /// <summary>
    /// The adjoint of <see cref="Lower{T}"/>: adds each column entry back onto the image position it came
    /// from, image[c, iy, ix] += Σ cols[…], in the order of the column rows. Used for the input gradient of a
    /// convolution; ⟨Lower(x), y⟩ = ⟨x, Raise(y)⟩ for an image that starts at zero.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The kernel, stride or padding does not fit the image.</exception>
    /// <exception cref="ArgumentException">A buffer's length does not match the image or its column matrix.</exception>
    public static void Raise<T>(
        ReadOnlySpan<T> cols, int channels, int height, int width,
        int kernel, int stride, int padding, Span<T> image)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (oh, ow, rowLength) = Check(image.Length, cols.Length, channels, height, width, kernel, stride, padding, "col2im");
        if (stride == 1 && padding == 0)
        {
            RaiseDense(cols, channels, height, width, kernel, oh, ow, rowLength, image);
            return;
        }
        for (int y = 0; y < oh; y++)
        {
            for (int x = 0; x < ow; x++)
            {
                ReadOnlySpan<T> row = cols.Slice(((y * ow) + x) * rowLength, rowLength);
                int x0 = (x * stride) - padding;
                int lo = Math.Max(0, -x0), hi = Math.Min(kernel, width - x0);
                if (lo >= hi)
                {
                    continue;
                }
                int k = 0;
                for (int c = 0; c < channels; c++)
                {
                    for (int ky = 0; ky < kernel; ky++, k += kernel)
                    {
                        int iy = (y * stride) - padding + ky;
                        if ((uint)iy >= (uint)height)
                        {
                            continue;
                        }
                        AddRun(row.Slice(k + lo, hi - lo), image.Slice((((c * height) + iy) * width) + x0 + lo, hi - lo));
                    }
                }
            }
        }
    }

    // Stride 1 without padding: every window lies inside the image, so no bounds are checked per run, and the
    // K values of a kernel row are moved one by one (K is 3 to 7: a general copy per run would cost more than the run).
    private static void LowerDense<T>(ReadOnlySpan<T> image, int channels, int height, int width, int kernel, int oh, int ow, int rowLength, Span<T> cols)
        where T : unmanaged
    {
        ref T src = ref MemoryMarshal.GetReference(image);
        ref T dst = ref MemoryMarshal.GetReference(cols);
        for (int y = 0; y < oh; y++)
        {
            for (int x = 0; x < ow; x++)
            {
                ref T row = ref Unsafe.Add(ref dst, ((y * ow) + x) * rowLength);
                int k = 0;
                for (int c = 0; c < channels; c++)
                {
                    int plane = c * height * width;
                    for (int ky = 0; ky < kernel; ky++, k += kernel)
                    {
                        ref T run = ref Unsafe.Add(ref src, plane + ((y + ky) * width) + x);
                        for (int kx = 0; kx < kernel; kx++)
                        {
                            Unsafe.Add(ref row, k + kx) = Unsafe.Add(ref run, kx);
                        }
                    }
                }
            }
        }
    }

    private static void RaiseDense<T>(ReadOnlySpan<T> cols, int channels, int height, int width, int kernel, int oh, int ow, int rowLength, Span<T> image)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T src = ref MemoryMarshal.GetReference(cols);
        ref T dst = ref MemoryMarshal.GetReference(image);
        for (int y = 0; y < oh; y++)
        {
            for (int x = 0; x < ow; x++)
            {
                ref T row = ref Unsafe.Add(ref src, ((y * ow) + x) * rowLength);
                int k = 0;
                for (int c = 0; c < channels; c++)
                {
                    int plane = c * height * width;
                    for (int ky = 0; ky < kernel; ky++, k += kernel)
                    {
                        ref T run = ref Unsafe.Add(ref dst, plane + ((y + ky) * width) + x);
                        for (int kx = 0; kx < kernel; kx++)
                        {
                            Unsafe.Add(ref run, kx) += Unsafe.Add(ref row, k + kx);
                        }
                    }
                }
            }
        }
    }

    // Kernel rows are short (3 to 7 values): a call to a general copy or add per run costs more than the run itself,
    // so short runs are moved element by element and only long ones go to the vectorised routines.
    private const int ShortRun = 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRun<T>(ReadOnlySpan<T> source, Span<T> destination) where T : unmanaged
    {
        if (source.Length > ShortRun)
        {
            source.CopyTo(destination);
            return;
        }
        ref T s = ref MemoryMarshal.GetReference(source);
        ref T d = ref MemoryMarshal.GetReference(destination);
        for (int i = 0; i < source.Length; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref s, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRun<T>(ReadOnlySpan<T> source, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (source.Length > ShortRun)
        {
            TensorPrimitives.Add(destination, source, destination);
            return;
        }
        ref T s = ref MemoryMarshal.GetReference(source);
        ref T d = ref MemoryMarshal.GetReference(destination);
        for (int i = 0; i < source.Length; i++)
        {
            Unsafe.Add(ref d, i) += Unsafe.Add(ref s, i);
        }
    }

    private static (int Oh, int Ow, int RowLength) Check(
        int imageLength, int colsLength, int channels, int height, int width, int kernel, int stride, int padding, string what)
    {
        if (channels < 1 || height < 1 || width < 1)
        {
            throw new ArgumentException($"{what}: a [{channels}, {height}, {width}] image has no pixels");
        }
        int oh = OutputSize(height, kernel, stride, padding);
        int ow = OutputSize(width, kernel, stride, padding);
        long rowLength = (long)channels * kernel * kernel;
        long imageNeeded = (long)channels * height * width, colsNeeded = (long)oh * ow * rowLength;
        if (imageLength != imageNeeded || colsLength != colsNeeded)
        {
            throw new ArgumentException(
                $"{what}: a [{channels}, {height}, {width}] image with kernel {kernel}, stride {stride} and padding {padding} " +
                $"needs {imageNeeded} image values and {colsNeeded} column values, not {imageLength} and {colsLength}");
        }
        return (oh, ow, (int)rowLength);
    }
}
