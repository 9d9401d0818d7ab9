namespace Triad.Photonics.Meshes;

/// <summary>
/// The drawn defects of one mesh (see <see cref="MeshDefects"/>): per MZI k the phase offsets δθ_k, δφ_k, the splitting
/// errors ε₁,k and ε₂,k of its couplers and its field transmission a_k; per mode the output phase offset δα_m; and the
/// phase DAC resolution. The realised MZI is T_k = a_k·B(ε₂)·P(q(θ_k) + δθ_k)·B(ε₁)·P(q(φ_k) + δφ_k), q the DAC rounding.
/// </summary>
public sealed class MeshImperfections
{
    /// <summary>No defects for <paramref name="mzis"/> MZIs on <paramref name="modes"/> modes.</summary>
    public MeshImperfections(int mzis, int modes)
    {
        ThetaOffset = new double[mzis];
        PhiOffset = new double[mzis];
        AlphaOffset = new double[modes];
        FirstCouplerError = new double[mzis];
        SecondCouplerError = new double[mzis];
        Amplitude = new double[mzis];
        Array.Fill(Amplitude, 1.0);
    }

    /// <summary>δθ_k (radians).</summary>
    public double[] ThetaOffset { get; }

    /// <summary>δφ_k (radians).</summary>
    public double[] PhiOffset { get; }

    /// <summary>δα_m (radians).</summary>
    public double[] AlphaOffset { get; }

    /// <summary>ε₁,k of the coupler light meets first.</summary>
    public double[] FirstCouplerError { get; }

    /// <summary>ε₂,k of the coupler light meets second.</summary>
    public double[] SecondCouplerError { get; }

    /// <summary>Field transmission a_k = 10^(−L_k/20).</summary>
    public double[] Amplitude { get; }

    /// <summary>Phase DAC bits, or null for continuous phases.</summary>
    public int? PhaseBits { get; init; }
}
