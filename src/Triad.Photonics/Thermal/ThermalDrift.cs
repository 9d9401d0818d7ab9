using System.Numerics;
using Triad.Photonics.Components;
using Triad.Photonics.Meshes;

namespace Triad.Photonics.Thermal;

/// <summary>
/// Phase drift of a programmed mesh on a <see cref="ThermalChip"/>, and the fidelity of the drifted matrix. The drift
/// vector holds 2K + N entries: δθ_0..δθ_{K−1}, δφ_0..δφ_{K−1}, δα_0..δα_{N−1} (radians), each
/// κ·ΔT_local (κ = 2π·L·(dn/dT)/λ) plus the thermal crosstalk from neighbouring heaters.
/// Fidelity F = |Tr(U†V)|²/(N·‖V‖²_F): 1 for V = U up to a global phase, and |Tr(U†V)|²/N² for a lossless V.
/// <para>
/// Balanced arms (<see cref="ThermalArms.Balanced"/>). Every mode's waveguide crosses each column as two segments of
/// length L (the φ region, then the arm with the θ shifter), the output screen as one; a segment at local temperature
/// change ΔT_y (y the mode's position across the chip, the arms of an MZI on modes (m, m+1) at m and m+1) picks up
/// κ·ΔT_y, κ = 2π·L·(dn/dT)/λ, except the upper internal arm, of length L + ΔL, which picks up κ·(1 + ΔL/L)·ΔT_y.
/// An MZI's transfer with arm phases ψ_u, ψ_l inside and input-segment phases a_p, a_q (which include the phases
/// carried in from earlier columns) is B·diag(e^{i(θ+ψ_u)}, e^{iψ_l})·B·diag(e^{i(φ+a_p)}, e^{ia_q})
/// = e^{i(ψ_l + a_q)}·T(θ + ψ_u − ψ_l, φ + a_p − a_q), so
/// δθ = ψ_u − ψ_l = κ·(ΔT_m − ΔT_{m+1}) + 2π·ΔL·(dn/dT)·ΔT_m/λ and δφ = a_p − a_q, and the common phase
/// ψ_l + a_q rides on to the next column on both outputs (modes outside any MZI in a column pick up 2κ·ΔT_y).
/// What reaches the output is δα. The imbalance term is the change with temperature of the phase difference
/// 2π·n·[(L + ΔL) − L]/λ = 2π·n·ΔL/λ between the arms: 2π·ΔL·(dn/dT)·ΔT/λ (thermal expansion,
/// α_Si = 2.6e-6 K⁻¹ at 300 K after Okada and Tokumaru, J. Appl. Phys. 56, 314 (1984), would add
/// n·α_Si/(dn/dT) ≈ 5 % with n ≈ 3.5 and is left out). So a uniform ΔT on a perfectly balanced mesh (ΔL = 0) gives δθ = δφ = 0
/// and the same δα on every mode, a global phase, which is removed: δα is reported relative to the outputs' mean (the
/// detection reference, see the code). Crosstalk adds to δθ and δφ as in the unbalanced model.
/// Approximation shared with the unbalanced model: dn/dT of bulk silicon stands for that of the guided mode.
/// </para>
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
        if (chip.Arms == ThermalArms.Balanced)
        {
            ComputeBalanced(phases, chip, chipAmbientKelvin, drift);
            return;
        }
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

    /// <summary>
    /// δθ (rad) of a balanced MZI at <paramref name="column"/> on modes (<paramref name="top"/>, top + 1), crosstalk
    /// aside: κ·[(1 + ΔL/L)·ΔT_top − ΔT_{top+1}] (see the type's remarks).
    /// </summary>
    public static double BalancedThetaDrift(ThermalChip chip, MeshLayout layout, double chipAmbientKelvin, double column, int top)
    {
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(layout);
        double span = Math.Max(1, layout.Modes - 1), kappa = chip.PhasePerKelvin, r = chip.ArmLengthImbalanceMeters / chip.HeaterLengthMeters;
        double tp = LocalDelta(chip, layout, chipAmbientKelvin, column, top / span), tq = LocalDelta(chip, layout, chipAmbientKelvin, column, (top + 1) / span);
        return kappa * (((1 + r) * tp) - tq);
    }

    // The balanced-arm drift of the type's remarks: MZIs in light order (column by column), carrying the common phase
    // of every mode forward in `carried`.
    private static void ComputeBalanced(MeshPhases phases, ThermalChip chip, double chipAmbientKelvin, Span<double> drift)
    {
        MeshLayout layout = phases.Layout;
        int k = layout.Count, n = layout.Modes;
        double kappa = chip.PhasePerKelvin, x = chip.CrosstalkFraction, r = chip.ArmLengthImbalanceMeters / chip.HeaterLengthMeters;
        double span = Math.Max(1, n - 1);
        var carried = new double[n];
        var covered = new bool[n];
        int i = 0;
        for (int column = 0; column < layout.ColumnCount; column++)
        {
            Array.Clear(covered);
            for (; i < k && layout.Column(i) == column; i++)
            {
                int p = layout.Top(i), q = p + 1;
                double tp = LocalDelta(chip, layout, chipAmbientKelvin, column, p / span), tq = LocalDelta(chip, layout, chipAmbientKelvin, column, q / span);
                double ap = carried[p] + (kappa * tp), aq = carried[q] + (kappa * tq);
                double psiUpper = kappa * (1 + r) * tp, psiLower = kappa * tq;
                double ct = 0, cp = 0;
                if (x != 0)
                {
                    foreach (int nb in new[] { layout.IndexOf(column, p - 2), layout.IndexOf(column, p + 2) })
                    {
                        if (nb >= 0)
                        {
                            ct += ThermoOpticPhaseShifter.Wrap(phases.Theta[nb]);
                            cp += ThermoOpticPhaseShifter.Wrap(phases.Phi[nb]);
                        }
                    }
                }
                drift[i] = psiUpper - psiLower + (x * ct);
                drift[k + i] = ap - aq + (x * cp);
                carried[p] = carried[q] = psiLower + aq;
                covered[p] = covered[q] = true;
            }
            for (int m = 0; m < n; m++)
            {
                if (!covered[m])
                {
                    carried[m] += 2 * kappa * LocalDelta(chip, layout, chipAmbientKelvin, column, m / span);
                }
            }
        }
        // Only phases relative to the detection's reference are observable: intensity detection sees none of a phase
        // common to all outputs, and coherent detection's local oscillator is taken to run beside the mesh through
        // waveguide of the same length at the chip's mean temperature, so it carries the outputs' mean phase. That mean
        // is removed; without it a uniform ΔT on a balanced mesh would leave (2·columns + 1)·κ·ΔT on every output
        // (about 9 rad/K at 64 modes) for remedies to "correct" and coherent detection to misread.
        double common = 0;
        for (int m = 0; m < n; m++)
        {
            drift[(2 * k) + m] = carried[m] + (kappa * LocalDelta(chip, layout, chipAmbientKelvin, Math.Max(0, layout.ColumnCount - 1), m / span));
            common += drift[(2 * k) + m];
        }
        common /= n;
        for (int m = 0; m < n; m++)
        {
            drift[(2 * k) + m] -= common;
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
