using System.Numerics;
using Triad.Numerics.Random;
using Triad.Photonics.Components;
using Triad.Photonics.Meshes;
using Triad.Photonics.Thermal;

namespace Triad.Photonics.Wdm;

/// <summary>What K channels through one mesh give: the throughput gain and the accuracy cost.</summary>
/// <param name="Channels">K.</param>
/// <param name="SpanMeters">λ_{K−1} − λ_0 (m).</param>
/// <param name="ChannelFidelity">Fidelity of each channel's matrix against the programmed one.</param>
/// <param name="IntensityError">‖I′ − I‖/‖I‖ over all channels and test vectors: I = |U·x|² programmed, I′ with each channel's matrix and the adjacent channels' leak.</param>
public sealed record WdmResult(int Channels, double SpanMeters, double[] ChannelFidelity, double IntensityError)
{
    /// <summary>Vectors per pass: K.</summary>
    public int ThroughputGain => Channels;

    /// <summary>Mean channel fidelity.</summary>
    public double MeanFidelity => ChannelFidelity.Average();

    /// <summary>Lowest channel fidelity.</summary>
    public double MinFidelity => ChannelFidelity.Min();
}

/// <summary>K wavelengths through one programmed mesh (see <see cref="WdmChannels"/> for the model).</summary>
public static class WdmMesh
{
    /// <summary>The phases channel <paramref name="k"/> sees: wrap(φ)·λ_0/λ_k for every θ, φ and α.</summary>
    public static MeshPhases ChannelPhases(MeshPhases phases, WdmChannels channels, int k)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(channels);
        double r = channels.CenterMeters / channels.Wavelength(k);
        MeshPhases p = phases.Clone();
        Scale(p.Theta, r);
        Scale(p.Phi, r);
        Scale(p.Alpha, r);
        return p;
    }

    /// <summary>Coupler splitting error ε at channel <paramref name="k"/>: −sin((π/2)·D·(λ_k − λ_0) in nm).</summary>
    public static double CouplerError(WdmChannels channels, int k)
    {
        ArgumentNullException.ThrowIfNull(channels);
        double offsetNm = (channels.Wavelength(k) - channels.CenterMeters) * 1e9;
        return -Math.Sin(Math.PI / 2 * channels.CouplerDispersionPerNm * offsetNm);
    }

    /// <summary>The N×N matrix channel <paramref name="k"/> sees.</summary>
    public static Complex[] ChannelMatrix(MeshPhases phases, WdmChannels channels, int k)
    {
        ArgumentNullException.ThrowIfNull(phases);
        MeshPhases p = ChannelPhases(phases, channels, k);
        double eps = CouplerError(channels, k);
        var imperfections = new MeshImperfections(p.Layout.Count, p.Layout.Modes);
        Array.Fill(imperfections.FirstCouplerError, eps);
        Array.Fill(imperfections.SecondCouplerError, eps);
        return new MziMesh(p, imperfections).Matrix();
    }

    /// <summary>
    /// Adds the adjacent channels' leak to detected powers: I′_k = I_k + ε·(I_{k−1} + I_{k+1}) element by element,
    /// ε = 10^(−X/10); <paramref name="powers"/>[k] holds channel k's detector powers.
    /// </summary>
    public static double[][] WithCrosstalk(double[][] powers, double leakFraction)
    {
        ArgumentNullException.ThrowIfNull(powers);
        var result = new double[powers.Length][];
        for (int k = 0; k < powers.Length; k++)
        {
            result[k] = (double[])powers[k].Clone();
            foreach (int j in new[] { k - 1, k + 1 })
            {
                if (j >= 0 && j < powers.Length)
                {
                    for (int i = 0; i < result[k].Length; i++)
                    {
                        result[k][i] += leakFraction * powers[j][i];
                    }
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Sends <paramref name="vectors"/> seeded complex Gaussian vectors per channel through the mesh on every channel
    /// at once and compares with the programmed mesh at λ_0 and no crosstalk.
    /// </summary>
    public static WdmResult Run(MeshPhases phases, WdmChannels channels, int vectors = 16, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(channels);
        channels.Validate();
        if (vectors < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(vectors), vectors, "at least one test vector per channel");
        }
        int n = phases.Layout.Modes, kCount = channels.Count;
        Complex[] target = new MziMesh(phases).Matrix();
        var random = new SeededRandom(seed);
        var fidelity = new double[kCount];
        var ideal = new double[kCount][];
        var actual = new double[kCount][];
        for (int k = 0; k < kCount; k++)
        {
            Complex[] u = ChannelMatrix(phases, channels, k);
            fidelity[k] = ThermalDrift.Fidelity(target, u, n);
            ideal[k] = new double[vectors * n];
            actual[k] = new double[vectors * n];
            var x = new Complex[n];
            for (int s = 0; s < vectors; s++)
            {
                for (int i = 0; i < n; i++)
                {
                    x[i] = new Complex(random.NextGaussian(), random.NextGaussian());
                }
                for (int r = 0; r < n; r++)
                {
                    Complex a = Complex.Zero, b = Complex.Zero;
                    for (int c = 0; c < n; c++)
                    {
                        a += target[(r * n) + c] * x[c];
                        b += u[(r * n) + c] * x[c];
                    }
                    ideal[k][(s * n) + r] = (a.Real * a.Real) + (a.Imaginary * a.Imaginary);
                    actual[k][(s * n) + r] = (b.Real * b.Real) + (b.Imaginary * b.Imaginary);
                }
            }
        }
        double[][] detected = WithCrosstalk(actual, channels.LeakFraction);
        double num = 0, den = 0;
        for (int k = 0; k < kCount; k++)
        {
            for (int i = 0; i < ideal[k].Length; i++)
            {
                double d = detected[k][i] - ideal[k][i];
                num += d * d;
                den += ideal[k][i] * ideal[k][i];
            }
        }
        return new WdmResult(kCount, channels.Wavelength(kCount - 1) - channels.Wavelength(0), fidelity, Math.Sqrt(num / den));
    }

    private static void Scale(double[] phases, double r)
    {
        for (int i = 0; i < phases.Length; i++)
        {
            phases[i] = ThermoOpticPhaseShifter.Wrap(phases[i]) * r;
        }
    }
}
