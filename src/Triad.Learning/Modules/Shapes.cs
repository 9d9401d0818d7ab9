using Triad.Numerics.Tensors;

namespace Triad.Learning.Modules;

/// <summary>Checks on the sizes modules derive from their input shapes.</summary>
internal static class Shapes
{
    /// <summary>
    /// The number of values in one sample of <paramref name="shape"/>, computed in 64 bits; a sample too large for one
    /// array is an error naming the module, not an overflow later on.
    /// </summary>
    public static int CheckSize(ModuleSettings settings, ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            n *= d;
            if (n > Array.MaxLength)
            {
                throw settings.Error($"would need {Tensor<double>.ShapeToString(shape)} values per sample, more than one array holds ({Array.MaxLength})");
            }
        }
        return (int)n;
    }
}
