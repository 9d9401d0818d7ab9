using System.Numerics;

namespace Triad.Photonics.Meshes;

/// <summary>
/// Decomposes an N×N unitary U into the phases of a Clements or Reck mesh, U = diag(e^{iα})·T_K ⋯ T_1, with
/// T(θ, φ) = B·P(θ)·B·P(φ) (see <see cref="Components.MachZehnderInterferometer"/>).
/// <para>
/// Method: elements of U are nulled one at a time by MZIs, each chosen in closed form so that its 2×2 block sends
/// one entry to zero. Reck (Reck et al., Phys. Rev. Lett. 73, 58 (1994)): only from the right, U·T⁻¹, row N−1 first,
/// left to right; what remains is the diagonal D and U = D·T_K ⋯ T_1. Clements (Clements et al., Optica 3, 1460 (2016),
/// algorithm of its Supplement): alternately from the right (U·T⁻¹, nulling U[r, m] with columns m, m+1) and from the
/// left (T·U, nulling U[m+1, c] with rows m, m+1) along anti-diagonals, leaving L_k⋯L_1·U·R_1⁻¹⋯R_j⁻¹ = D; each left
/// MZI is then moved through D, T⁻¹·D = D′·T′ with θ′ = θ, φ′ = arg d_m − arg d_{m+1}, d′_m = −e^{−i(θ+φ)}·d_{m+1},
/// d′_{m+1} = −e^{−iθ}·d_{m+1}. For our T:
/// </para>
/// <list type="bullet">
/// <item>right nulling of u_m in the row (u_m, u_{m+1}): θ = 2·atan2(|u_{m+1}|, |u_m|), φ = arg u_m − arg u_{m+1} + π;</item>
/// <item>left nulling of v_{m+1} in the column (v_m, v_{m+1}): θ = 2·atan2(|v_m|, |v_{m+1}|), φ = arg v_{m+1} − arg v_m.</item>
/// </list>
/// The MZIs, in the order light meets them, are placed in the earliest column their modes allow; that places
/// them exactly on the mesh's <see cref="MeshLayout"/>. θ comes out in [0, π], φ and α in [0, 2π).
/// </summary>
public static class MeshDecomposition
{
    /// <summary>Default largest ‖U†U − I‖_F accepted as unitary.</summary>
    public const double DefaultTolerance = 1e-8;

    /// <summary>The phases of a <paramref name="kind"/> mesh that realises <paramref name="u"/> (row-major N×N).</summary>
    /// <exception cref="ArgumentException">N is below 1, the entry count is not N², an entry is NaN or infinite.</exception>
    /// <exception cref="NotUnitaryException">‖U†U − I‖_F exceeds <paramref name="tolerance"/>.</exception>
    public static MeshPhases Decompose(MeshKind kind, ReadOnlySpan<Complex> u, int modes, double tolerance = DefaultTolerance)
    {
        if (modes < 1)
        {
            throw new ArgumentException($"a mesh needs at least 1 mode, got {modes}", nameof(modes));
        }
        UnitaryMatrix.CheckSquareFinite(u, modes);
        if (!(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "the unitarity tolerance must be at least 0");
        }
        double deviation = UnitaryMatrix.UnitarityError(u, modes);
        if (!(deviation <= tolerance))
        {
            throw new NotUnitaryException(deviation, tolerance);
        }
        MeshLayout layout = MeshLayout.Create(kind, modes);
        Complex[] w = u.ToArray();
        var sequence = new List<(int Top, double Theta, double Phi)>(layout.Count);
        Complex[] diagonal;
        if (kind == MeshKind.Reck)
        {
            for (int r = modes - 1; r >= 1; r--)
            {
                for (int c = 0; c < r; c++)
                {
                    sequence.Add(NullFromRight(w, modes, r, c));
                }
            }
            diagonal = Diagonal(w, modes);
        }
        else
        {
            var left = new List<(int Top, double Theta, double Phi)>();
            for (int i = 1; i < modes; i++)
            {
                if (i % 2 == 1)
                {
                    for (int j = 0; j < i; j++)
                    {
                        sequence.Add(NullFromRight(w, modes, modes - 1 - j, i - j - 1));
                    }
                }
                else
                {
                    for (int j = 1; j <= i; j++)
                    {
                        left.Add(NullFromLeft(w, modes, modes + j - i - 2, j - 1));
                    }
                }
            }
            diagonal = Diagonal(w, modes);
            for (int l = left.Count - 1; l >= 0; l--)
            {
                (int m, double theta, double phi) = left[l];
                Complex dm = diagonal[m], dn = diagonal[m + 1];
                double phiPrime = dm.Phase - dn.Phase;
                diagonal[m] = -Complex.FromPolarCoordinates(1, -(theta + phi)) * dn;
                diagonal[m + 1] = -Complex.FromPolarCoordinates(1, -theta) * dn;
                sequence.Add((m, theta, WrapPhase(phiPrime)));
            }
        }
        return Place(layout, sequence, diagonal);
    }

    // U ← U·T⁻¹ on columns (c, c+1), with T chosen so that U[r, c] becomes 0.
    private static (int, double, double) NullFromRight(Complex[] w, int n, int r, int c)
    {
        Complex um = w[(r * n) + c], un = w[(r * n) + c + 1];
        double theta = 2 * Math.Atan2(un.Magnitude, um.Magnitude);
        double phi = WrapPhase(um.Phase - un.Phase + Math.PI);
        Components.Transfer2x2 inv = Components.MachZehnderInterferometer.Matrix(theta, phi, 0, 0, 1).Adjoint();
        for (int i = 0; i < n; i++)
        {
            Complex a = w[(i * n) + c], b = w[(i * n) + c + 1];
            w[(i * n) + c] = (a * inv.M00) + (b * inv.M10);
            w[(i * n) + c + 1] = (a * inv.M01) + (b * inv.M11);
        }
        w[(r * n) + c] = Complex.Zero;
        return (c, theta, phi);
    }

    // U ← T·U on rows (m, m+1), with T chosen so that U[m+1, c] becomes 0.
    private static (int, double, double) NullFromLeft(Complex[] w, int n, int m, int c)
    {
        Complex vm = w[(m * n) + c], vn = w[((m + 1) * n) + c];
        double theta = 2 * Math.Atan2(vm.Magnitude, vn.Magnitude);
        double phi = WrapPhase(vn.Phase - vm.Phase);
        Components.Transfer2x2 t = Components.MachZehnderInterferometer.Matrix(theta, phi, 0, 0, 1);
        for (int j = 0; j < n; j++)
        {
            Complex a = w[(m * n) + j], b = w[((m + 1) * n) + j];
            w[(m * n) + j] = (t.M00 * a) + (t.M01 * b);
            w[((m + 1) * n) + j] = (t.M10 * a) + (t.M11 * b);
        }
        w[((m + 1) * n) + c] = Complex.Zero;
        return (m, theta, phi);
    }

    private static Complex[] Diagonal(Complex[] w, int n)
    {
        var d = new Complex[n];
        for (int i = 0; i < n; i++)
        {
            d[i] = w[(i * n) + i];
        }
        return d;
    }

    private static MeshPhases Place(MeshLayout layout, List<(int Top, double Theta, double Phi)> sequence, Complex[] diagonal)
    {
        var phases = new MeshPhases(layout);
        var last = new int[layout.Modes];
        Array.Fill(last, -1);
        var filled = new bool[layout.Count];
        foreach ((int m, double theta, double phi) in sequence)
        {
            int column = Math.Max(last[m], last[m + 1]) + 1;
            last[m] = last[m + 1] = column;
            int k = layout.IndexOf(column, m);
            if (k < 0 || filled[k])
            {
                throw new InvalidOperationException($"internal error: the decomposition put an MZI at column {column}, top {m}, which the {layout.Kind} layout does not hold");
            }
            filled[k] = true;
            phases.Theta[k] = theta;
            phases.Phi[k] = phi;
        }
        if (sequence.Count != layout.Count)
        {
            throw new InvalidOperationException($"internal error: the decomposition made {sequence.Count} MZIs, the layout holds {layout.Count}");
        }
        for (int i = 0; i < layout.Modes; i++)
        {
            phases.Alpha[i] = WrapPhase(diagonal[i].Phase);
        }
        return phases;
    }

    private static double WrapPhase(double x) => Components.ThermoOpticPhaseShifter.Wrap(x);
}
