using Triad.Numerics.Tensors;

namespace Triad.Learning.Layers;

/// <summary>
/// Inverted dropout (Srivastava et al., JMLR 15, 2014): while training, each element is kept with
/// probability 1 − p and scaled by 1/(1 − p), so evaluation is the identity. The mask comes from the
/// layer's own random stream for the mini-batch, so it does not depend on the thread count.
/// </summary>
public sealed class Dropout : Layer
{
    private double[]? _mask;
    private Tensor<double>? _input;

    /// <summary>Creates the layer with drop probability <paramref name="rate"/> in [0, 1).</summary>
    public Dropout(int[] inputShape, double rate)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (!(rate >= 0.0 && rate < 1.0))
        {
            throw new ModelSpecException($"dropout rate {rate} must lie in [0, 1)");
        }
        Rate = rate;
        InputShape = (int[])inputShape.Clone();
        OutputShape = (int[])inputShape.Clone();
    }

    /// <inheritdoc />
    public override string Kind => "dropout";

    /// <summary>Drop probability p.</summary>
    public double Rate { get; }

    /// <inheritdoc />
    public override Tensor<double> Forward(Tensor<double> input, LayerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        CheckInput(input);
        _input = input;
        if (!context.Training || Rate == 0.0)
        {
            _mask = null;
            return input;
        }
        double keep = 1.0 - Rate, scale = 1.0 / keep;
        double[] mask = new double[input.Length];
        var output = new Tensor<double>(input.Shape.ToArray());
        ReadOnlySpan<double> x = input.ReadOnlySpan;
        Span<double> y = output.Span;
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = context.Random.NextDouble() < keep ? scale : 0.0;
            y[i] = x[i] * mask[i];
        }
        _mask = mask;
        return output;
    }

    /// <inheritdoc />
    public override Tensor<double> Backward(Tensor<double> outputGradient)
    {
        CheckGradient(_input, outputGradient);
        if (_mask is null)
        {
            return outputGradient;
        }
        var inputGradient = new Tensor<double>(outputGradient.Shape.ToArray());
        System.Numerics.Tensors.TensorPrimitives.Multiply(outputGradient.ReadOnlySpan, _mask, inputGradient.Span);
        return inputGradient;
    }

    /// <inheritdoc />
    public override LayerSpec ToSpec() => new("dropout", new Dictionary<string, double> { ["rate"] = Rate });
}
