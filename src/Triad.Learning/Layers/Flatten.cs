using Triad.Numerics.Tensors;

namespace Triad.Learning.Layers;

/// <summary>Reshapes [B, d1, d2, …] to [B, d1·d2·…]; the gradient is reshaped back. Shares storage.</summary>
public sealed class Flatten : Layer
{
    /// <summary>Creates the layer for samples of the given shape.</summary>
    public Flatten(int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        InputShape = (int[])inputShape.Clone();
        OutputShape = [LayerShapes.CheckSampleSize("flatten", inputShape)];
    }

    /// <inheritdoc />
    public override string Kind => "flatten";

    /// <inheritdoc />
    public override Tensor<double> Forward(Tensor<double> input, LayerContext context)
    {
        CheckInput(input);
        return input.Reshape(input.Dim(0), OutputShape[0]);
    }

    /// <inheritdoc />
    public override Tensor<double> Backward(Tensor<double> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (outputGradient.Rank != 2 || outputGradient.Dim(1) != OutputShape[0])
        {
            throw new ShapeMismatchException($"flatten layer: output gradient has shape {outputGradient.ShapeString}, expected [batch, {OutputShape[0]}]");
        }
        return outputGradient.Reshape([outputGradient.Dim(0), .. InputShape]);
    }

    /// <inheritdoc />
    public override LayerSpec ToSpec() => new("flatten");
}
