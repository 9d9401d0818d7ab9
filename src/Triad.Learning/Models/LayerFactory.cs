using Triad.Learning.Layers;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Models;

/// <summary>Builds layers from their specs, checking each setting and that the input shape fits.</summary>
public static class LayerFactory
{
    /// <summary>Layer types a spec may name.</summary>
    public static IReadOnlyList<string> KnownTypes { get; } =
        ["conv2d", "dense", "dropout", "flatten", "gelu", "maxpool2d", "relu", "sigmoid", "tanh"];

    /// <summary>
    /// Creates the layer described by <paramref name="spec"/> for samples of <paramref name="inputShape"/>.
    /// <paramref name="where"/> names the layer in error messages (e.g. "spec.json layer 3").
    /// </summary>
    /// <exception cref="ModelSpecException">Unknown type, bad or unknown setting, or a shape that does not fit.</exception>
    public static Layer Create(LayerSpec spec, int[] inputShape, SeededRandom random, string where)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(inputShape);
        try
        {
            switch (spec.Type)
            {
                case "dense":
                    spec.RejectUnknown(where, "units");
                    if (inputShape.Length != 1)
                    {
                        throw new ModelSpecException(
                            $"{where}: dense needs a flat input, got {Tensor<double>.ShapeToString(inputShape)} (add a flatten layer before it)");
                    }
                    return new Dense(inputShape[0], spec.PositiveInt("units", where), random);
                case "conv2d":
                    spec.RejectUnknown(where, "filters", "kernel", "stride", "padding");
                    RequireImage(inputShape, "conv2d", where);
                    return new Conv2d(inputShape, spec.PositiveInt("filters", where), spec.PositiveInt("kernel", where),
                        spec.IntOr("stride", 1, 1, where), spec.IntOr("padding", 0, 0, where), random);
                case "maxpool2d":
                    spec.RejectUnknown(where, "size", "stride");
                    RequireImage(inputShape, "maxpool2d", where);
                    int size = spec.PositiveInt("size", where);
                    return new MaxPool2d(inputShape, size, spec.IntOr("stride", size, 1, where));
                case "flatten":
                    spec.RejectUnknown(where);
                    return new Flatten(inputShape);
                case "dropout":
                    spec.RejectUnknown(where, "rate");
                    return new Dropout(inputShape, spec.DoubleOr("rate", 0.5, 0.0, 1.0, where));
                case "relu":
                    spec.RejectUnknown(where);
                    return new ReLU(inputShape);
                case "gelu":
                    spec.RejectUnknown(where);
                    return new GELU(inputShape);
                case "tanh":
                    spec.RejectUnknown(where);
                    return new Tanh(inputShape);
                case "sigmoid":
                    spec.RejectUnknown(where);
                    return new Sigmoid(inputShape);
                default:
                    throw new ModelSpecException(
                        $"{where}: unknown layer type '{spec.Type}' (known: {string.Join(", ", KnownTypes)})");
            }
        }
        catch (ModelSpecException e) when (!e.Message.StartsWith(where, StringComparison.Ordinal))
        {
            throw new ModelSpecException($"{where}: {e.Message}", e);
        }
    }

    private static void RequireImage(int[] inputShape, string type, string where)
    {
        if (inputShape.Length != 3)
        {
            throw new ModelSpecException(
                $"{where}: {type} needs [channels, height, width] input, got {Tensor<double>.ShapeToString(inputShape)}");
        }
    }
}
