using Triad.Numerics.Kernels;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Triad.Numerics.Threading;

namespace Triad.Learning.Layers;

/// <summary>
/// 2-D convolution (cross-correlation, as in PyTorch): input [B, C, H, W], weight [F, C, K, K], bias [F],
/// y[b, f, i, j] = b_f + Σ_{c,u,v} W[f, c, u, v] · x[b, c, i·S − P + u, j·S − P + v] (zero outside the image).
/// Computed as one matrix product over the whole batch after <see cref="Im2Col"/> lowering:
/// Y_cols = X_cols · Wᵀ; backward ∂W += ∂Y_colsᵀ · X_cols, ∂X_cols = ∂Y_cols · W, then col2im.
/// Initialisation: W ~ N(0, 2/(C·K·K)) (He et al., 2015), b = 0.
/// </summary>
public sealed class Conv2d : Layer
{
    private readonly Parameter _weight;
    private readonly Parameter _bias;
    private Tensor<double>? _input;
    private double[]? _cols;
    private double[]? _outCols;
    private double[]? _dyCols;
    private double[]? _dCols;

    /// <summary>Creates the layer for [C, H, W] inputs.</summary>
    /// <exception cref="ModelSpecException">The kernel does not fit the padded input.</exception>
    public Conv2d(int[] inputShape, int filters, int kernel, int stride, int padding, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(random);
        if (inputShape.Length != 3)
        {
            throw new ModelSpecException(
                $"conv2d needs [channels, height, width] input, got {Tensor<double>.ShapeToString(inputShape)}");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(filters, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        int c = inputShape[0], h = inputShape[1], w = inputShape[2];
        if (padding >= kernel)
        {
            // Padding of K or more only adds output rows and columns that see nothing but zeros.
            throw new ModelSpecException($"conv2d padding {padding} must be less than the kernel size {kernel}");
        }
        if (kernel > h + (2L * padding) || kernel > w + (2L * padding))
        {
            throw new ModelSpecException(
                $"conv2d kernel {kernel} does not fit input {Tensor<double>.ShapeToString(inputShape)} with padding {padding}");
        }
        LayerShapes.CheckSampleSize("conv2d", [filters, Im2Col.OutputSize(h, kernel, stride, padding), Im2Col.OutputSize(w, kernel, stride, padding)]);
        LayerShapes.CheckSampleSize("conv2d", [Im2Col.OutputSize(h, kernel, stride, padding), Im2Col.OutputSize(w, kernel, stride, padding), c, kernel, kernel]);
        Filters = filters;
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        InputShape = (int[])inputShape.Clone();
        OutputShape = [filters, Im2Col.OutputSize(h, kernel, stride, padding), Im2Col.OutputSize(w, kernel, stride, padding)];
        var weight = new Tensor<double>(filters, c, kernel, kernel);
        random.FillGaussian(weight.Span, 0.0, Math.Sqrt(2.0 / (c * kernel * kernel)));
        _weight = new Parameter("weight", weight);
        _bias = new Parameter("bias", new Tensor<double>(filters));
    }

    /// <inheritdoc />
    public override string Kind => "conv2d";

    /// <summary>Output channels F.</summary>
    public int Filters { get; }

    /// <summary>Kernel side K.</summary>
    public int Kernel { get; }

    /// <summary>Stride S.</summary>
    public int Stride { get; }

    /// <summary>Zero padding P on each side.</summary>
    public int Padding { get; }

    /// <summary>The kernels [F, C, K, K].</summary>
    public Parameter Weight => _weight;

    /// <summary>The bias [F].</summary>
    public Parameter Bias => _bias;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => [_weight, _bias];

    private int PatchLength => InputShape[0] * Kernel * Kernel;

    private int Positions => OutputShape[1] * OutputShape[2];

    /// <inheritdoc />
    public override long MultiplyAccumulatesPerSample => (long)Positions * Filters * PatchLength;

    /// <inheritdoc />
    public override Tensor<double> Forward(Tensor<double> input, LayerContext context)
    {
        CheckInput(input);
        _input = input;
        int batch = input.Dim(0);
        int c = InputShape[0], h = InputShape[1], w = InputShape[2];
        int imageLength = c * h * w, patch = PatchLength, positions = Positions;
        int rows = batch * positions;
        // Work buffers are kept between batches (they exceed the large-object threshold, and a new one per
        // step would mean a full garbage collection every few steps); every use overwrites them whole.
        double[] cols = Reuse(ref _cols, rows * patch);
        double[] x = input.Data;
        ThreadSettings.For(batch, b => Im2Col.Lower(
            x.AsSpan(b * imageLength, imageLength), c, h, w, Kernel, Stride, Padding,
            cols.AsSpan(b * positions * patch, positions * patch)));

        double[] outCols = Reuse(ref _outCols, rows * Filters);
        Gemm.Multiply(false, true, rows, Filters, patch, 1.0, cols, patch, _weight.Value.Data, patch, 0.0, outCols, Filters);

        var output = new Tensor<double>(BatchOutputShape(batch));
        double[] y = output.Data;
        double[] bias = _bias.Value.Data;
        int filters = Filters;
        ThreadSettings.For(batch, b =>
        {
            for (int p = 0; p < positions; p++)
            {
                int src = ((b * positions) + p) * filters;
                for (int f = 0; f < filters; f++)
                {
                    y[(((b * filters) + f) * positions) + p] = outCols[src + f] + bias[f];
                }
            }
        });
        return output;
    }

    /// <inheritdoc />
    public override Tensor<double> Backward(Tensor<double> outputGradient) => Backpropagate(outputGradient, inputGradient: true)!;

    /// <inheritdoc />
    public override void BackwardParametersOnly(Tensor<double> outputGradient) => Backpropagate(outputGradient, inputGradient: false);

    private Tensor<double>? Backpropagate(Tensor<double> outputGradient, bool inputGradient)
    {
        CheckGradient(_input, outputGradient);
        int batch = _input!.Dim(0);
        int c = InputShape[0], h = InputShape[1], w = InputShape[2];
        int imageLength = c * h * w, patch = PatchLength, positions = Positions, filters = Filters;
        int rows = batch * positions;
        double[] dy = outputGradient.Data;
        double[] dyCols = Reuse(ref _dyCols, rows * filters);
        ThreadSettings.For(batch, b =>
        {
            for (int f = 0; f < filters; f++)
            {
                int src = ((b * filters) + f) * positions;
                for (int p = 0; p < positions; p++)
                {
                    dyCols[(((b * positions) + p) * filters) + f] = dy[src + p];
                }
            }
        });

        Gemm.Multiply(true, false, filters, patch, rows, 1.0, dyCols, filters, _cols!, patch, 1.0, _weight.Gradient.Data, patch);
        RowKernels.AddColumnSums(dyCols, _bias.Gradient.Span);
        if (!inputGradient)
        {
            return null;
        }

        double[] dCols = Reuse(ref _dCols, rows * patch);
        Gemm.Multiply(false, false, rows, patch, filters, 1.0, dyCols, filters, _weight.Value.Data, patch, 0.0, dCols, patch);
        var result = new Tensor<double>(_input.Shape.ToArray());
        double[] dx = result.Data;
        ThreadSettings.For(batch, b => Im2Col.Raise(
            dCols.AsSpan(b * positions * patch, positions * patch), c, h, w, Kernel, Stride, Padding,
            dx.AsSpan(b * imageLength, imageLength)));
        return result;
    }

    private static double[] Reuse(ref double[]? buffer, int length) =>
        buffer is { } b && b.Length == length ? b : buffer = new double[length];

    /// <inheritdoc />
    public override LayerSpec ToSpec() => new("conv2d", new Dictionary<string, double>
    {
        ["filters"] = Filters,
        ["kernel"] = Kernel,
        ["stride"] = Stride,
        ["padding"] = Padding,
    });
}
