using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Models;

/// <summary>The losses a spec may name, computed on the tape as scalars averaged over the batch.</summary>
public static class LossFunctions
{
    /// <summary>Known loss names.</summary>
    public static IReadOnlyList<string> KnownNames { get; } = ["softmax-cross-entropy", "mse"];

    /// <summary>
    /// The loss <paramref name="name"/> of a batch: softmax-cross-entropy takes class indices [B] or probability rows
    /// (see <see cref="Ops.SoftmaxCrossEntropy{T}"/>); mse takes targets of the prediction's shape.
    /// </summary>
    public static Variable<T> Compute<T>(string name, Variable<T> prediction, Tensor<T> targets) where T : unmanaged, IFloatingPointIeee754<T> => name switch
    {
        "softmax-cross-entropy" => Ops.SoftmaxCrossEntropy(prediction, targets),
        "mse" => Ops.MeanSquaredError(prediction, targets),
        _ => throw new ArgumentException($"unknown loss '{name}' (known: {string.Join(", ", KnownNames)})", nameof(name)),
    };

    /// <summary>Whether the loss trains a classifier (targets are class indices).</summary>
    public static bool IsClassification(string name) => name == "softmax-cross-entropy";
}
