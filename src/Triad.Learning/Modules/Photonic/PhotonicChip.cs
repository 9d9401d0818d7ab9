using System.Numerics;
using Triad.Learning.Models;
using Triad.Numerics.Random;
using Triad.Photonics.Meshes;
using Triad.Photonics.Thermal;

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

    /// <summary>
    /// Sets every photonic layer's <see cref="PhotonicLinear{T}.PhaseOffsets"/> to the thermal drift of its programmed
    /// phases on <paramref name="chip"/> at ambient change <paramref name="deltaKelvin"/> (K; 0 clears them), by
    /// <see cref="ThermalDrift.Compute"/>: Δφ = 2π·L·(dn/dT)·ΔT/λ per phase shifter, plus the chip's gradients and
    /// crosstalk. Returns how many layers there are.
    /// </summary>
    public static int SetThermalDrift<T>(Model<T> model, ThermalChip chip, double deltaKelvin) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(chip);
        chip.Validate();
        IReadOnlyList<PhotonicLinear<T>> layers = Layers(model);
        foreach (PhotonicLinear<T> layer in layers)
        {
            if (deltaKelvin == 0 && chip.GradientAcrossModesKelvin == 0 && chip.GradientAlongColumnsKelvin == 0 && chip.CrosstalkFraction == 0)
            {
                layer.PhaseOffsets = null;
                continue;
            }
            var phases = new MeshPhases(layer.Layout, ToDouble(layer.Theta), ToDouble(layer.Phi), ToDouble(layer.Alpha));
            double[] drift = new double[ThermalDrift.Length(layer.Layout)];
            ThermalDrift.Compute(phases, chip, deltaKelvin, drift);
            layer.PhaseOffsets = drift;
        }
        return layers.Count;
    }

    private static double[] ToDouble<T>(Autograd.Parameter<T> p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> s = p.Span;
        double[] d = new double[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            d[i] = double.CreateTruncating(s[i]);
        }
        return d;
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
