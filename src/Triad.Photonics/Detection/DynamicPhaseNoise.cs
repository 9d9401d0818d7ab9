using Triad.Numerics.Random;
using Triad.Photonics.Meshes;

namespace Triad.Photonics.Detection;

/// <summary>
/// Dynamic phase noise: every θ, φ and α gets a fresh Gaussian offset N(0, σ²) on every pass (one call of
/// <see cref="Forward"/>), on top of the mesh's static defects. A pass of a batch at GS/s lasts well under the
/// heater's response time (τ ≈ 1.2 µs, <see cref="Components.ThermoOpticPhaseShifter"/>), so the noise (heater drive
/// noise, vibration, fast thermal fluctuation) is taken as constant within a pass and independent between passes.
/// The offsets come from one seeded stream, so the same seed and the same sequence of calls give the same numbers.
/// </summary>
public sealed class DynamicPhaseNoise
{
    private readonly SeededRandom _random;

    /// <summary>Noise of σ <paramref name="sigmaRadians"/> drawn from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">σ negative or not finite.</exception>
    public DynamicPhaseNoise(double sigmaRadians, ulong seed)
    {
        SigmaRadians = double.IsFinite(sigmaRadians) && sigmaRadians >= 0
            ? sigmaRadians
            : throw new ArgumentOutOfRangeException(nameof(sigmaRadians), sigmaRadians, "dynamic phase noise σ must be a finite number of radians, at least 0");
        _random = new SeededRandom(seed);
    }

    /// <summary>σ (rad).</summary>
    public double SigmaRadians { get; }

    /// <summary>
    /// One pass: output ← U′·input, U′ the mesh of <paramref name="phases"/> with <paramref name="staticDefects"/>
    /// (if any) and a fresh draw of the dynamic offsets.
    /// </summary>
    public void Forward(MeshPhases phases, MeshImperfections? staticDefects, FieldBatch input, FieldBatch output)
    {
        ArgumentNullException.ThrowIfNull(phases);
        int k = phases.Layout.Count, n = phases.Layout.Modes;
        var drawn = new MeshImperfections(k, n) { PhaseBits = staticDefects?.PhaseBits };
        if (staticDefects is not null)
        {
            staticDefects.ThetaOffset.CopyTo(drawn.ThetaOffset, 0);
            staticDefects.PhiOffset.CopyTo(drawn.PhiOffset, 0);
            staticDefects.AlphaOffset.CopyTo(drawn.AlphaOffset, 0);
            staticDefects.FirstCouplerError.CopyTo(drawn.FirstCouplerError, 0);
            staticDefects.SecondCouplerError.CopyTo(drawn.SecondCouplerError, 0);
            staticDefects.Amplitude.CopyTo(drawn.Amplitude, 0);
        }
        if (SigmaRadians > 0)
        {
            Add(drawn.ThetaOffset);
            Add(drawn.PhiOffset);
            Add(drawn.AlphaOffset);
        }
        new MziMesh(phases, drawn).Forward(input, output);
    }

    private void Add(double[] offsets)
    {
        for (int i = 0; i < offsets.Length; i++)
        {
            offsets[i] += SigmaRadians * _random.NextGaussian();
        }
    }
}
