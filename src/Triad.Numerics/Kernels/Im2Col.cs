namespace Triad.Numerics.Kernels;

/// <summary>
/// Image-to-column lowering for 2-D convolution (Chellapilla, Puri and Simard, "High performance
/// convolutional neural networks for document processing", 2006).
/// <para>
/// Layout: one image is [C, H, W] row-major. Its column matrix has one row per output position
/// (oh, ow) in row-major order and C·K·K columns ordered (c, kh, kw), so that
/// cols[(oh·OW + ow), (c·K + kh)·K + kw] = x[c, oh·S − P + kh, ow·S − P + kw], zero outside the image.
/// Then convolution is cols · Wᵀ with W of shape [F, C·K·K].
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

    /// <summary>Writes the column matrix of one image into <paramref name="cols"/> (OH·OW × C·K·K).</summary>
    public static void Lower(
        ReadOnlySpan<double> image, int channels, int height, int width,
        int kernel, int stride, int padding, Span<double> cols)
    {
        int oh = OutputSize(height, kernel, stride, padding);
        int ow = OutputSize(width, kernel, stride, padding);
        int rowLength = channels * kernel * kernel;
        if (image.Length != channels * height * width || cols.Length != oh * ow * rowLength)
        {
            throw new ArgumentException(
                $"im2col buffers do not fit a [{channels}, {height}, {width}] image with kernel {kernel}");
        }
        for (int y = 0; y < oh; y++)
        {
            for (int x = 0; x < ow; x++)
            {
                Span<double> row = cols.Slice(((y * ow) + x) * rowLength, rowLength);
                int k = 0;
                for (int c = 0; c < channels; c++)
                {
                    for (int ky = 0; ky < kernel; ky++)
                    {
                        int iy = (y * stride) - padding + ky;
                        bool rowInside = (uint)iy < (uint)height;
                        int baseIndex = ((c * height) + iy) * width;
                        for (int kx = 0; kx < kernel; kx++)
                        {
                            int ix = (x * stride) - padding + kx;
                            row[k++] = rowInside && (uint)ix < (uint)width ? image[baseIndex + ix] : 0.0;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The adjoint of <see cref="Lower"/>: adds each column entry back onto the image position it came
    /// from, image[c, iy, ix] += Σ cols[…]. Used for the input gradient of a convolution.
    /// </summary>
    public static void Raise(
        ReadOnlySpan<double> cols, int channels, int height, int width,
        int kernel, int stride, int padding, Span<double> image)
    {
        int oh = OutputSize(height, kernel, stride, padding);
        int ow = OutputSize(width, kernel, stride, padding);
        int rowLength = channels * kernel * kernel;
        if (image.Length != channels * height * width || cols.Length != oh * ow * rowLength)
        {
            throw new ArgumentException(
                $"col2im buffers do not fit a [{channels}, {height}, {width}] image with kernel {kernel}");
        }
        for (int y = 0; y < oh; y++)
        {
            for (int x = 0; x < ow; x++)
            {
                ReadOnlySpan<double> row = cols.Slice(((y * ow) + x) * rowLength, rowLength);
                int k = 0;
                for (int c = 0; c < channels; c++)
                {
                    for (int ky = 0; ky < kernel; ky++)
                    {
                        int iy = (y * stride) - padding + ky;
                        if ((uint)iy >= (uint)height)
                        {
                            k += kernel;
                            continue;
                        }
                        int baseIndex = ((c * height) + iy) * width;
                        for (int kx = 0; kx < kernel; kx++, k++)
                        {
                            int ix = (x * stride) - padding + kx;
                            if ((uint)ix < (uint)width)
                            {
                                image[baseIndex + ix] += row[k];
                            }
                        }
                    }
                }
            }
        }
    }
}
