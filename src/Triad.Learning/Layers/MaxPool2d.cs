using Triad.Numerics.Kernels;
using Triad.Numerics.Tensors;
using Triad.Numerics.Threading;

namespace Triad.Learning.Layers;

/// <summary>
/// Max pooling over K×K windows with stride S (no padding): y[b, c, i, j] = max over 0 ≤ u, v &lt; K of x[b, c, i·S + u, j·S + v].
/// Backward routes each ∂y to the input element that was the maximum (the first one on ties).
/// </summary>
public sealed class MaxPool2d : Layer
{
    private int[]? _argMax;
    private int[]? _lastInputShape;

    /// <summary>Creates the layer for [C, H, W] inputs.</summary>
    /// <exception cref="ModelSpecException">The window does not fit the input.</exception>
    public MaxPool2d(int[] inputShape, int size, int stride)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length != 3)
        {
            throw new ModelSpecException(
                $"maxpool2d needs [channels, height, width] input, got {Tensor<double>.ShapeToString(inputShape)}");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        if (size > inputShape[1] || size > inputShape[2])
        {
            throw new ModelSpecException(
                $"maxpool2d window {size} does not fit input {Tensor<double>.ShapeToString(inputShape)}");
        }
        Size = size;
        Stride = stride;
        InputShape = (int[])inputShape.Clone();
        OutputShape = [inputShape[0], Im2Col.OutputSize(inputShape[1], size, stride, 0), Im2Col.OutputSize(inputShape[2], size, stride, 0)];
    }

    /// <inheritdoc />
    public override string Kind => "maxpool2d";

    /// <summary>Window side K.</summary>
    public int Size { get; }

    /// <summary>Stride S.</summary>
    public int Stride { get; }

    /// <inheritdoc />
    public override Tensor<double> Forward(Tensor<double> input, LayerContext context)
    {
        CheckInput(input);
        int batch = input.Dim(0);
        int channels = InputShape[0], h = InputShape[1], w = InputShape[2];
        int oh = OutputShape[1], ow = OutputShape[2];
        var output = new Tensor<double>(BatchOutputShape(batch));
        int[] argMax = new int[output.Length];
        double[] x = input.Data, y = output.Data;
        int size = Size, stride = Stride;
        ThreadSettings.For(batch, b =>
        {
            for (int c = 0; c < channels; c++)
            {
                int plane = ((b * channels) + c) * h * w;
                int outPlane = ((b * channels) + c) * oh * ow;
                for (int i = 0; i < oh; i++)
                {
                    for (int j = 0; j < ow; j++)
                    {
                        int best = plane + (i * stride * w) + (j * stride);
                        double max = x[best];
                        for (int u = 0; u < size; u++)
                        {
                            int rowStart = plane + (((i * stride) + u) * w) + (j * stride);
                            for (int v = 0; v < size; v++)
                            {
                                if (x[rowStart + v] > max)
                                {
                                    max = x[rowStart + v];
                                    best = rowStart + v;
                                }
                            }
                        }
                        y[outPlane + (i * ow) + j] = max;
                        argMax[outPlane + (i * ow) + j] = best;
                    }
                }
            }
        });
        _argMax = argMax;
        _lastInputShape = input.Shape.ToArray();
        return output;
    }

    /// <inheritdoc />
    public override Tensor<double> Backward(Tensor<double> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_argMax is null || _lastInputShape is null)
        {
            throw new InvalidOperationException("maxpool2d layer: Backward called before Forward");
        }
        if (outputGradient.Length != _argMax.Length)
        {
            throw new ShapeMismatchException($"maxpool2d layer: output gradient has shape {outputGradient.ShapeString}");
        }
        var inputGradient = new Tensor<double>(_lastInputShape);
        double[] dx = inputGradient.Data, dy = outputGradient.Data;
        int[] argMax = _argMax;
        int perSample = _lastInputShape[0] == 0 ? 0 : argMax.Length / _lastInputShape[0];
        // Windows of one sample may overlap (stride < size), so each sample is one piece of work.
        ThreadSettings.For(_lastInputShape[0], b =>
        {
            for (int k = b * perSample, end = k + perSample; k < end; k++)
            {
                dx[argMax[k]] += dy[k];
            }
        });
        return inputGradient;
    }

    /// <inheritdoc />
    public override LayerSpec ToSpec() => new("maxpool2d", new Dictionary<string, double> { ["size"] = Size, ["stride"] = Stride });
}
