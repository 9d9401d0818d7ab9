namespace Triad.Quantum.Gradients;

/// <summary>How <see cref="DifferentiableCircuit"/> computes gradients.</summary>
public enum GradientMethod
{
    /// <summary>
    /// Adjoint differentiation: one forward sweep and one backward sweep per cotangent for all parameters at once
    /// (Jones &amp; Gacon, "Efficient calculation of gradients in classical simulations of variational quantum
    /// algorithms", arXiv:2009.02823, Algorithm 1). Exact expectations only.
    /// </summary>
    Adjoint,

    /// <summary>
    /// The parameter-shift rule, one pair (two-term) or two pairs (four-term) of shifted circuits per gate
    /// parameter, exact or estimated from shots (Mitarai et al., PRA 98, 032309 (2018); Schuld et al., PRA 99,
    /// 032331 (2019); Wierichs et al., Quantum 6, 677 (2022) for the four-term rule).
    /// </summary>
    ParameterShift,
}

/// <summary>Options of a gradient computation.</summary>
/// <param name="Method">Adjoint or parameter shift.</param>
/// <param name="Shots">0 for exact expectations; otherwise the shots spent on each Pauli term of each circuit
/// evaluated (parameter shift only).</param>
/// <param name="Seed">Seed of the shot noise; sample s draws from stream s, so results do not depend on threads.</param>
public sealed record GradientOptions(GradientMethod Method = GradientMethod.Adjoint, int Shots = 0, ulong Seed = 1);

/// <summary>
/// Expectations and their Jacobian for a batch: <see cref="Values"/>[s, j] = ⟨O_j⟩ for sample s and
/// <see cref="Jacobian"/>[s, j, k] = ∂⟨O_j⟩/∂θ_k for the parameters listed in <see cref="Parameters"/>.
/// </summary>
public sealed record GradientResult(IReadOnlyList<string> Parameters, double[,] Values, double[,,] Jacobian);
