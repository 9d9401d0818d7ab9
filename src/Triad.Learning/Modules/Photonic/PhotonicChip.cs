using System.Numerics;
using Triad.Learning.Models;
using Triad.Numerics.Random;
using Triad.Photonics.Meshes;

namespace Triad.Learning.Modules.Photonic;

/// <summary>
/// Puts a trained model's photonic layers on a chip: every <see cref="PhotonicLinear{T}"/> of the model gets the same
/// kind of defects, each layer its own draw (layer i, in the model's order, draws from <c>defects.Seed</c> forked by i),
/// so one seed stands for one chip.
/// </summary>
public static class PhotonicChip
{
    /// <summary>The photonic-linear layers of <paramref name="model"/>, in order.</summary>
    public static IReadOnlyList<PhotonicLinear<T>> Layers<T>(Model<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return [.. model.NodeModules.SelectMany(m => m.NamedModules()).Select(m => m.Value).OfType<PhotonicLinear<T>>().Distinct()];
    }

    /// <summary>Sets the static defects of every photonic layer (see the class summary); returns how many layers there are.</summary>
    public static int SetDefects<T>(Model<T> model, MeshDefects defects) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(defects);
        IReadOnlyList<PhotonicLinear<T>> layers = Layers(model);
        var root = new SeededRandom(defects.Seed);
        for (int i = 0; i < layers.Count; i++)
        {
            layers[i].Defects = defects with { Seed = root.Fork((ulong)i).NextUInt64() };
        }
        return layers.Count;
    }

    /// <summary>Sets σ (rad) of the training-time phase noise of every photonic layer; returns how many layers there are.</summary>
    public static int SetTrainingPhaseNoise<T>(Model<T> model, double sigma) where T : unmanaged, IFloatingPointIeee754<T>
    {
        IReadOnlyList<PhotonicLinear<T>> layers = Layers(model);
        foreach (PhotonicLinear<T> layer in layers)
        {
            layer.TrainingPhaseNoise = sigma;
        }
        return layers.Count;
    }
}
