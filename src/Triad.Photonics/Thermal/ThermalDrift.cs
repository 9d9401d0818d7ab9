using System.Numerics;
using Triad.Photonics.Components;
using Triad.Photonics.Meshes;

namespace Triad.Photonics.Thermal;

/// <summary>
/// Phase drift of a programmed mesh on a <see cref="ThermalChip"/>, and the fidelity of the drifted matrix. The drift
/// vector holds 2K + N entries: δθ_0..δθ_{K−1}, δφ_0..δφ_{K−1}, δα_0..δα_{N−1} (radians), each
/// κ·ΔT_local (κ = 2π·L·(dn/dT)/λ) plus the thermal crosstalk from neighbouring heaters.
/// Fidelity F = |Tr(U†V)|²/(N·‖V‖²_F): 1 for V = U up to a global phase, and |Tr(U†V)|²/N² for a lossless V.
/// </summary>
public static class ThermalDrift
{
    /// <summary>Length of the drift vector of a mesh: 2K + N.</summary>
    public static int Length(MeshLayout layout) => (2 * (layout ?? throw new ArgumentNullException(nameof(layout))).Count) + layout.Modes;

    /// <summary>Local ΔT (K) at column <paramref name="column"/> and position <paramref name="across"/> ∈ [0, 1] across the modes.</summary>
    public static double LocalDelta(ThermalChip chip, MeshLayout layout, double chipAmbientKelvin, double column, double across)
    {
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(layout);
        double along = layout.ColumnCount > 1 ? column / (layout.ColumnCount - 1) : 0;
        return chipAmbientKelvin + (chip.GradientAcrossModesKelvin * across) + (chip.GradientAlongColumnsKelvin * along);
    }

    /// <summary>Fills <paramref name="drift"/> (length <see cref="Length"/>) for a chip whose ambient is <paramref name="chipAmbientKelvin"/>.</summary>
    public static void Compute(MeshPhases phases, ThermalChip chip, double chipAmbientKelvin, Span<double> drift)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(chip);
        MeshLayout layout = phases.Layout;
        int k = layout.Count, n = layout.Modes;
        if (drift.Length != Length(layout))
        {
            throw new ArgumentException($"the drift vector of this mesh holds {Length(layout)} entries, not {drift.Length}", nameof(drift));
        }
        double kappa = chip.PhasePerKelvin, x = chip.CrosstalkFraction;
        double span = Math.Max(1, n - 1);
        for (int i = 0; i < k; i++)
        {
            int top = layout.Top(i), column = layout.Column(i);
            double d = kappa * LocalDelta(chip, layout, chipAmbientKelvin, column, (top + 0.5) / span);
            double ct = 0, cp = 0;
            if (x != 0)
            {
                foreach (int nb in new[] { layout.IndexOf(column, top - 2), layout.IndexOf(column, top + 2) })
                {
                    if (nb >= 0)
                    {
                        ct += ThermoOpticPhaseShifter.Wrap(phases.Theta[nb]);
                        cp += ThermoOpticPhaseShifter.Wrap(phases.Phi[nb]);
                    }
                }
            }
            drift[i] = d + (x * ct);
            drift[k + i] = d + (x * cp);
        }
        for (int m = 0; m < n; m++)
        {
            drift[(2 * k) + m] = kappa * LocalDelta(chip, layout, chipAmbientKelvin, Math.Max(0, layout.ColumnCount - 1), m / span);
        }
    }

    /// <summary>The mesh's matrix with <paramref name="residual"/> (a drift vector) added to its phases.</summary>
    public static Complex[] DriftedMatrix(MeshPhases phases, ReadOnlySpan<double> residual)
    {
        ArgumentNullException.ThrowIfNull(phases);
        int k = phases.Layout.Count, n = phases.Layout.Modes;
        var imperfections = new MeshImperfections(k, n);
        residual[..k].CopyTo(imperfections.ThetaOffset);
        residual.Slice(k, k).CopyTo(imperfections.PhiOffset);
        residual.Slice(2 * k, n).CopyTo(imperfections.AlphaOffset);
        return new MziMesh(phases, imperfections).Matrix();
    }

    /// <summary>F = |Tr(U†V)|²/(N·‖V‖²_F) of N×N row-major <paramref name="target"/> U and <paramref name="actual"/> V.</summary>
    public static double Fidelity(ReadOnlySpan<Complex> target, ReadOnlySpan<Complex> actual, int n)
    {
        if (target.Length != n * n || actual.Length != n * n)
        {
            throw new ArgumentException($"both matrices must be {n}×{n}");
        }
        Complex trace = Complex.Zero;
        double norm = 0;
        for (int i = 0; i < target.Length; i++)
        {
            trace += Complex.Conjugate(target[i]) * actual[i];
            norm += (actual[i].Real * actual[i].Real) + (actual[i].Imaginary * actual[i].Imaginary);
        }
        return norm == 0 ? 0 : (trace.Magnitude * trace.Magnitude) / (n * norm);
    }
}
