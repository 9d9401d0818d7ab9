using Triad.Numerics.Tensors;

namespace Triad.Learning.Losses;

/// <summary>
/// A loss L(prediction, target) averaged over the batch, with its gradient ∂L/∂prediction.
/// Targets have the prediction's shape (one-hot rows for classification).
/// </summary>
public abstract class Loss
{
    /// <summary>Name as written in model specs.</summary>
    public abstract string Name { get; }

    /// <summary>Returns the mean loss and writes ∂L/∂prediction into <paramref name="gradient"/>.</summary>
    public abstract double Evaluate(Tensor<double> prediction, Tensor<double> target, Tensor<double> gradient);

    /// <summary>Known loss names.</summary>
    public static IReadOnlyList<string> KnownNames { get; } = ["softmax-cross-entropy", "mse"];

    /// <summary>Creates a loss by name.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="KnownNames"/>.</exception>
    public static Loss Create(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "softmax-cross-entropy" or "cross-entropy" => new SoftmaxCrossEntropy(),
        "mse" => new MeanSquaredError(),
        _ => throw new ArgumentException($"unknown loss '{name}' (known: {string.Join(", ", KnownNames)})", nameof(name)),
    };

    /// <summary>Checks that prediction, target and gradient share one [batch, …] shape.</summary>
    protected static void CheckShapes(Tensor<double> prediction, Tensor<double> target, Tensor<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        prediction.EnsureSameShape(target, "target");
        prediction.EnsureSameShape(gradient, "gradient");
        if (prediction.Rank < 1 || prediction.Dim(0) == 0)
        {
            throw new ShapeMismatchException($"loss needs a non-empty batch, got {prediction.ShapeString}");
        }
    }
}
