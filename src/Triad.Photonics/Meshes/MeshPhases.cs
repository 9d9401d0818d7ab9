namespace Triad.Photonics.Meshes;

/// <summary>
/// The programmed phases of a mesh (radians): θ and φ of every MZI in the order of its <see cref="MeshLayout"/>,
/// and the output phase screen α (one per mode). The mesh's matrix is U = diag(e^{iα})·T_K ⋯ T_1,
/// T_k = T(θ_k, φ_k) on modes (top_k, top_k + 1) (see <see cref="Components.MachZehnderInterferometer"/>).
/// The arrays are the phases themselves (not copies), so an optimiser may update them in place.
/// </summary>
public sealed class MeshPhases
{
    /// <summary>Phases for <paramref name="layout"/>, all zero.</summary>
    public MeshPhases(MeshLayout layout)
        : this(layout, new double[(layout ?? throw new ArgumentNullException(nameof(layout))).Count], new double[layout.Count], new double[layout.Modes])
    {
    }

    /// <summary>Phases for <paramref name="layout"/> from arrays (kept, not copied).</summary>
    /// <exception cref="ArgumentException">An array's length does not fit the layout.</exception>
    public MeshPhases(MeshLayout layout, double[] theta, double[] phi, double[] alpha)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(theta);
        ArgumentNullException.ThrowIfNull(phi);
        ArgumentNullException.ThrowIfNull(alpha);
        if (theta.Length != layout.Count || phi.Length != layout.Count || alpha.Length != layout.Modes)
        {
            throw new ArgumentException(
                $"a {layout.Kind} mesh of {layout.Modes} modes needs {layout.Count} θ, {layout.Count} φ and {layout.Modes} α; got {theta.Length}, {phi.Length} and {alpha.Length}");
        }
        Layout = layout;
        Theta = theta;
        Phi = phi;
        Alpha = alpha;
    }

    /// <summary>Where the MZIs sit.</summary>
    public MeshLayout Layout { get; }

    /// <summary>Internal phases θ_k (radians).</summary>
    public double[] Theta { get; }

    /// <summary>External phases φ_k (radians).</summary>
    public double[] Phi { get; }

    /// <summary>Output phases α_m (radians).</summary>
    public double[] Alpha { get; }

    /// <summary>Uniform random phases in [0, 2π) (θ in [0, π]) from <paramref name="random"/>.</summary>
    public static MeshPhases Random(MeshLayout layout, Triad.Numerics.Random.SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var p = new MeshPhases(layout);
        random.FillUniform(p.Theta, 0, Math.PI);
        random.FillUniform(p.Phi, 0, 2 * Math.PI);
        random.FillUniform(p.Alpha, 0, 2 * Math.PI);
        return p;
    }

    /// <summary>A deep copy.</summary>
    public MeshPhases Clone() => new(Layout, (double[])Theta.Clone(), (double[])Phi.Clone(), (double[])Alpha.Clone());
}
