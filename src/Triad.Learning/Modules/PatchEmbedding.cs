using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Random;

namespace Triad.Learning.Modules;

/// <summary>
/// ViT patch embedding: cuts [C, H, W] images into P×P patches (<see cref="Ops.Patches{T}"/>) and maps each patch
/// linearly to <c>dim</c> features ("projection"), giving [(H/P)·(W/P), dim] tokens.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class PatchEmbedding<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dense<T> _projection;

    /// <summary>Creates the embedding for [C, H, W] inputs; P must divide H and W.</summary>
    public PatchEmbedding(int[] inputShape, int patch, int dim, SeededRandom random) : base("patch-embedding", inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(random);
        if (inputShape.Length != 3 || patch < 1 || inputShape[1] % patch != 0 || inputShape[2] % patch != 0)
        {
            throw new ArgumentException($"patch size {patch} must divide the image [{string.Join(", ", inputShape)}]");
        }
        Patch = patch;
        int tokens = (inputShape[1] / patch) * (inputShape[2] / patch);
        _projection = AddModule("projection", new Dense<T>([tokens, inputShape[0] * patch * patch], dim, random, init: "xavier"));
        OutputShape = [tokens, dim];
    }

    /// <summary>Patch side P.</summary>
    public int Patch { get; }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input) => _projection.Forward(Ops.Patches(input, Patch));
}

/// <summary>Spec kind "patch-embedding": patch, dim.</summary>
internal sealed class PatchEmbeddingFactory : IModuleFactory
{
    public string Kind => "patch-embedding";

    public string Summary => "[C, H, W] → [patches, dim] tokens; patch, dim";

    public Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ModuleSettings s = context.Settings;
        int patch = s.PositiveInt("patch"), dim = s.PositiveInt("dim");
        s.RejectUnknown("patch", "dim");
        int[] input = context.InputOfRank(3, "[channels, height, width]");
        if (input[1] % patch != 0 || input[2] % patch != 0)
        {
            throw s.Error($"patch {patch} does not divide the image {input[1]}×{input[2]}");
        }
        return new PatchEmbedding<T>(input, patch, dim, context.Random);
    }
}
