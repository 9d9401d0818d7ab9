using Triad.Numerics.Tensors;
using Triad.Numerics.Threading;

namespace Triad.Learning.Layers;

/// <summary>
/// An element-wise activation y = f(x) with ∂x = f′(x) ⊙ ∂y. Subclasses give f and f′ over spans;
/// large batches are cut into fixed chunks so the work spreads over threads with identical results.
/// </summary>
public abstract class Activation : Layer
{
    // 16 Ki doubles (128 KiB) per piece: large enough that starting a piece costs little beside its work,
    // small enough that a batch of conv activations spreads over the threads. A tuning choice, not a result.
    private const int Chunk = 1 << 14;
    private Tensor<double>? _input;
    private Tensor<double>? _output;

    /// <summary>Creates the activation for samples of the given shape.</summary>
    protected Activation(int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        InputShape = (int[])inputShape.Clone();
        OutputShape = (int[])inputShape.Clone();
    }

    /// <summary>destination[i] = f(x[i]).</summary>
    protected abstract void Apply(ReadOnlySpan<double> x, Span<double> destination);

    /// <summary>destination[i] = f′(x[i]) · dy[i]; <paramref name="y"/> holds f(x) for activations that reuse it.</summary>
    protected abstract void ApplyDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> destination);

    /// <inheritdoc />
    public override Tensor<double> Forward(Tensor<double> input, LayerContext context)
    {
        CheckInput(input);
        var output = new Tensor<double>(input.Shape.ToArray());
        double[] x = input.Data, y = output.Data;
        ForChunks(x.Length, (start, length) => Apply(x.AsSpan(start, length), y.AsSpan(start, length)));
        _input = input;
        _output = output;
        return output;
    }

    /// <inheritdoc />
    public override Tensor<double> Backward(Tensor<double> outputGradient)
    {
        CheckGradient(_input, outputGradient);
        var inputGradient = new Tensor<double>(outputGradient.Shape.ToArray());
        double[] x = _input!.Data, y = _output!.Data, dy = outputGradient.Data, dx = inputGradient.Data;
        ForChunks(x.Length, (start, length) => ApplyDerivative(
            x.AsSpan(start, length), y.AsSpan(start, length), dy.AsSpan(start, length), dx.AsSpan(start, length)));
        return inputGradient;
    }

    /// <inheritdoc />
    public override LayerSpec ToSpec() => new(Kind);

    private static void ForChunks(int length, Action<int, int> body)
    {
        int pieces = (length + Chunk - 1) / Chunk;
        ThreadSettings.For(pieces, p =>
        {
            int start = p * Chunk;
            body(start, Math.Min(Chunk, length - start));
        });
    }
}
