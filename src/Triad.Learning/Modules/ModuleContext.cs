using Triad.Learning.Models;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Modules;

/// <summary>What a factory needs to build one module: input sample shapes, settings and an initialisation stream.</summary>
/// <param name="InputShapes">Shape of one sample of each input (without the batch axis).</param>
/// <param name="Settings">The module's settings from the spec.</param>
/// <param name="Random">The stream that initialises this module's parameters.</param>
public sealed record ModuleContext(IReadOnlyList<int[]> InputShapes, ModuleSettings Settings, SeededRandom Random)
{
    /// <summary>Where the module is, for messages.</summary>
    public string Where => Settings.Where;

    /// <summary>The single input's sample shape.</summary>
    /// <exception cref="ModelSpecException">The module was given another number of inputs.</exception>
    public int[] Input
    {
        get
        {
            if (InputShapes.Count != 1)
            {
                throw Settings.Error($"takes one input, got {InputShapes.Count}");
            }
            return InputShapes[0];
        }
    }

    /// <summary>The single input's sample shape, checked to have <paramref name="rank"/> axes (<paramref name="what"/> names them).</summary>
    public int[] InputOfRank(int rank, string what)
    {
        int[] shape = Input;
        if (shape.Length != rank)
        {
            throw Settings.Error($"needs {what} input, got {Tensor<double>.ShapeToString(shape)}");
        }
        return shape;
    }
}
