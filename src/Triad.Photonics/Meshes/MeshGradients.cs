namespace Triad.Photonics.Meshes;

/// <summary>
/// Gradients of a real loss L with respect to a mesh's phases (radians⁻¹ of L): ∂L/∂θ_k, ∂L/∂φ_k and ∂L/∂α_m,
/// summed over the batch. Filled by <see cref="MziMesh.Backward"/>.
/// </summary>
public sealed class MeshGradients
{
    /// <summary>Zero gradients shaped for <paramref name="layout"/>.</summary>
    public MeshGradients(MeshLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        Theta = new double[layout.Count];
        Phi = new double[layout.Count];
        Alpha = new double[layout.Modes];
    }

    /// <summary>The mesh these gradients belong to.</summary>
    public MeshLayout Layout { get; }

    /// <summary>∂L/∂θ_k.</summary>
    public double[] Theta { get; }

    /// <summary>∂L/∂φ_k.</summary>
    public double[] Phi { get; }

    /// <summary>∂L/∂α_m.</summary>
    public double[] Alpha { get; }
}
