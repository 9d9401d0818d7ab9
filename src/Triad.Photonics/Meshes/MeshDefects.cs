using Triad.Numerics.Random;

namespace Triad.Photonics.Meshes;

/// <summary>
/// Fabrication and control defects of a mesh, each switched off by its zero (or null) value, drawn from
/// <see cref="Seed"/> by <see cref="Realize"/>:
/// <list type="bullet">
/// <item>static phase error: θ, φ and α each get a fixed offset δ ~ N(0, σ_φ²) rad (<see cref="PhaseErrorStdRadians"/>);</item>
/// <item>coupler error: each of an MZI's two couplers gets a splitting error ε ~ N(0, σ_BS²), clipped to [−1, 1]
/// (<see cref="CouplerErrorStd"/>; see <see cref="Components.DirectionalCoupler"/>);</item>
/// <item>loss: each MZI loses L ~ N(mean, spread²) dB, clipped at 0 (<see cref="LossDbMean"/>, <see cref="LossDbSpread"/>);</item>
/// <item>DAC phase quantisation: each programmed phase is rounded to the nearest k·2π/2^bits before the static
/// error adds (<see cref="PhaseBits"/>); gradients pass straight through the rounding.</item>
/// </list>
/// Each kind of defect draws from its own stream (<see cref="SeededRandom.Fork(ulong)"/>) in MZI order, so switching
/// one on or off leaves the others' draws unchanged, and scaling a σ scales the same draws.
/// </summary>
/// <param name="PhaseErrorStdRadians">σ_φ in radians, at least 0.</param>
/// <param name="CouplerErrorStd">σ_BS, dimensionless, at least 0.</param>
/// <param name="LossDbMean">Mean loss per MZI in dB, at least 0.</param>
/// <param name="LossDbSpread">Standard deviation of the loss per MZI in dB, at least 0.</param>
/// <param name="PhaseBits">Phase DAC resolution in bits (1–32), or null for continuous phases.</param>
/// <param name="Seed">Seed of the draws.</param>
public sealed record MeshDefects(
    double PhaseErrorStdRadians = 0, double CouplerErrorStd = 0, double LossDbMean = 0, double LossDbSpread = 0, int? PhaseBits = null, ulong Seed = 0)
{
    /// <summary>No defects.</summary>
    public static MeshDefects None { get; } = new();

    /// <summary>Whether any defect is switched on.</summary>
    public bool Any => PhaseErrorStdRadians != 0 || CouplerErrorStd != 0 || LossDbMean != 0 || LossDbSpread != 0 || PhaseBits is not null;

    /// <summary>Draws the defects of every MZI of <paramref name="layout"/>.</summary>
    /// <exception cref="ArgumentException">A σ, mean or spread is negative or not finite, or the bits are out of range (one line naming it).</exception>
    public MeshImperfections Realize(MeshLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        NonNegative(PhaseErrorStdRadians, "phase error σ_φ (rad)");
        NonNegative(CouplerErrorStd, "coupler error σ_BS");
        NonNegative(LossDbMean, "loss per MZI (dB)");
        NonNegative(LossDbSpread, "loss spread per MZI (dB)");
        if (PhaseBits is { } b and (< 1 or > 32))
        {
            throw new ArgumentException($"phase DAC bits must lie in 1..32, got {b}");
        }
        int k = layout.Count, n = layout.Modes;
        var result = new MeshImperfections(k, n) { PhaseBits = PhaseBits };
        var root = new SeededRandom(Seed);
        if (PhaseErrorStdRadians > 0)
        {
            SeededRandom r = root.Fork(1);
            r.FillGaussian(result.ThetaOffset, 0, PhaseErrorStdRadians);
            r.FillGaussian(result.PhiOffset, 0, PhaseErrorStdRadians);
            r.FillGaussian(result.AlphaOffset, 0, PhaseErrorStdRadians);
        }
        if (CouplerErrorStd > 0)
        {
            SeededRandom r = root.Fork(2);
            r.FillGaussian(result.FirstCouplerError, 0, CouplerErrorStd);
            r.FillGaussian(result.SecondCouplerError, 0, CouplerErrorStd);
            for (int i = 0; i < k; i++)
            {
                result.FirstCouplerError[i] = Math.Clamp(result.FirstCouplerError[i], -1, 1);
                result.SecondCouplerError[i] = Math.Clamp(result.SecondCouplerError[i], -1, 1);
            }
        }
        if (LossDbMean > 0 || LossDbSpread > 0)
        {
            SeededRandom r = root.Fork(3);
            for (int i = 0; i < k; i++)
            {
                double db = Math.Max(0, LossDbMean + (LossDbSpread * r.NextGaussian()));
                result.Amplitude[i] = Math.Pow(10, -db / 20);
            }
        }
        return result;
    }

    private static void NonNegative(double value, string what)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentException(FormattableString.Invariant($"{what} must be a finite number at least 0, got {value}"));
        }
    }
}
