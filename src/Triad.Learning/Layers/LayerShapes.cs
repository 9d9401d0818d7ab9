using Triad.Numerics.Tensors;

namespace Triad.Learning.Layers;

/// <summary>Checks on the sizes layers derive from their input shapes.</summary>
internal static class LayerShapes
{
    /// <summary>
    /// Returns the number of values in one sample of <paramref name="shape"/>, computed in 64 bits; a sample too
    /// large for one array is a <see cref="ModelSpecException"/> naming the layer, not an overflow later on.
    /// </summary>
    public static int CheckSampleSize(string layer, ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            n *= d;
            if (n > Array.MaxLength)
            {
                throw new ModelSpecException(
                    $"{layer} would need {Tensor<double>.ShapeToString(shape)} values per sample, more than one array holds ({Array.MaxLength})");
            }
        }
        return (int)n;
    }
}
