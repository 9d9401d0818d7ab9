using Triad.Numerics.Random;

namespace Triad.Learning.Layers;

/// <summary>
/// What a forward pass needs besides its input: whether it is training (dropout on) and a random
/// stream that belongs to this layer and this mini-batch alone, so results never depend on threads.
/// </summary>
/// <param name="Training">True while training; false for evaluation.</param>
/// <param name="Random">The layer's own random stream for this pass.</param>
public sealed record LayerContext(bool Training, SeededRandom Random)
{
    /// <summary>An evaluation context (no dropout); its random stream is never used by deterministic layers.</summary>
    public static LayerContext Inference { get; } = new(false, new SeededRandom(0));
}
