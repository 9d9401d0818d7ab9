namespace Triad.Quantum.Mitigation;

/// <summary>How zero-noise extrapolation fits E(λ) (Mitiq's factories).</summary>
public enum ExtrapolationFit
{
    /// <summary>Least-squares line E(λ) = a + bλ; E(0) = a (LinearFactory).</summary>
    Linear,

    /// <summary>The polynomial of degree m − 1 through the m points; E(0) = Σᵢ Eᵢ Πⱼ≠ᵢ λⱼ/(λⱼ − λᵢ) (RichardsonFactory).</summary>
    Richardson,

    /// <summary>E(λ) = a + b·e^{−cλ} with the asymptote a known (0 for a Pauli expectation under depolarising noise):
    /// a least-squares line through ln|E − a| (ExpFactory with asymptote).</summary>
    Exponential,
}

/// <summary>How circuits are folded to scale their noise.</summary>
public enum FoldingMethod
{
    /// <summary>U(U†U)^n and a partial fold at the end.</summary>
    Global,

    /// <summary>G(G†G)^n for each gate, partial folds from the left.</summary>
    Gates,
}

/// <summary>The result of zero-noise extrapolation.</summary>
/// <param name="Value">E(0), the extrapolated expectation.</param>
/// <param name="Scales">The noise scales the folded circuits reached.</param>
/// <param name="ScaledValues">E(λ) measured at each scale.</param>
/// <param name="ShotOverhead">Shots needed for the standard error of one unmitigated run, with the same shots at
/// every scale: m·Σᵢ wᵢ² for E(0) = Σᵢ wᵢEᵢ (for the exponential fit wᵢ is the delta-method weight wᵢ'·E(0)/(Eᵢ − a)).</param>
public sealed record ZneResult(double Value, double[] Scales, double[] ScaledValues, double ShotOverhead);

/// <summary>
/// Zero-noise extrapolation (Temme, Bravyi &amp; Gambetta, PRL 119, 180509 (2017); Giurgica-Tiron et al.,
/// arXiv:2005.10921): run the circuit at noise scales λ₁ &lt; … &lt; λ_m by unitary folding and extrapolate E(λ) to λ = 0.
/// </summary>
public static class ZeroNoiseExtrapolation
{
    /// <summary>Mitiq's default scale factors for Richardson and linear fits.</summary>
    public static IReadOnlyList<double> DefaultScales { get; } = [1.0, 2.0, 3.0];

    /// <summary>⟨Z on <paramref name="mask"/>⟩ at each scale, extrapolated to zero noise.</summary>
    public static ZneResult Run(Circuits.QuantumCircuit circuit, DistributionExecutor executor, long mask, IReadOnlyList<double>? scales = null,
        ExtrapolationFit fit = ExtrapolationFit.Richardson, FoldingMethod folding = FoldingMethod.Global, double asymptote = 0)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(executor);
        scales ??= DefaultScales;
        int gates = circuit.Instructions.Count(i => i.Kind == Circuits.InstructionKind.Gate);
        var reached = new double[scales.Count];
        var values = new double[scales.Count];
        for (int i = 0; i < scales.Count; i++)
        {
            Circuits.QuantumCircuit folded = folding == FoldingMethod.Global ? UnitaryFolding.FoldGlobal(circuit, scales[i]) : UnitaryFolding.FoldGates(circuit, scales[i]);
            reached[i] = UnitaryFolding.AchievedScale(gates, scales[i]);
            values[i] = Executors.ZExpectation(executor(folded), mask);
        }
        (double value, double overhead) = Extrapolate(reached, values, fit, asymptote);
        return new ZneResult(value, reached, values, overhead);
    }

    /// <summary>E(0) from points (λᵢ, Eᵢ), and the shot overhead m·Σᵢ wᵢ² of the estimate.</summary>
    /// <exception cref="ArgumentException">Too few or repeated scales, or (exponential) a value on the wrong side of the asymptote.</exception>
    public static (double Value, double ShotOverhead) Extrapolate(IReadOnlyList<double> scales, IReadOnlyList<double> values, ExtrapolationFit fit, double asymptote = 0)
    {
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(values);
        int m = scales.Count;
        if (m != values.Count || m < 2)
        {
            throw new ArgumentException($"extrapolation needs at least two scales with one value each, not {m} scales and {values.Count} values");
        }
        if (scales.Distinct().Count() != m)
        {
            throw new ArgumentException($"the noise scales must be distinct (got {string.Join(", ", scales)})");
        }
        double[] w = fit == ExtrapolationFit.Richardson ? RichardsonWeights(scales) : LineInterceptWeights(scales);
        if (fit != ExtrapolationFit.Exponential)
        {
            double v = 0, ss = 0;
            for (int i = 0; i < m; i++)
            {
                v += w[i] * values[i];
                ss += w[i] * w[i];
            }
            return (v, m * ss);
        }
        double sign = Math.Sign(values[0] - asymptote);
        double logIntercept = 0;
        for (int i = 0; i < m; i++)
        {
            double d = (values[i] - asymptote) * sign;
            if (!(d > 0))
            {
                throw new ArgumentException($"exponential extrapolation needs every value on one side of the asymptote {asymptote}; E({scales[i]}) = {values[i]}");
            }
            logIntercept += w[i] * Math.Log(d);
        }
        double value = asymptote + (sign * Math.Exp(logIntercept));
        double overhead = 0;
        for (int i = 0; i < m; i++)
        {
            double wi = w[i] * (value - asymptote) / (values[i] - asymptote);
            overhead += wi * wi;
        }
        return (value, m * overhead);
    }

    /// <summary>Lagrange weights of the interpolating polynomial at 0.</summary>
    private static double[] RichardsonWeights(IReadOnlyList<double> x)
    {
        var w = new double[x.Count];
        for (int i = 0; i < x.Count; i++)
        {
            double p = 1;
            for (int j = 0; j < x.Count; j++)
            {
                if (j != i)
                {
                    p *= x[j] / (x[j] - x[i]);
                }
            }
            w[i] = p;
        }
        return w;
    }

    /// <summary>Weights of the least-squares line's intercept: wᵢ = 1/m − x̄(xᵢ − x̄)/Σ(xⱼ − x̄)².</summary>
    private static double[] LineInterceptWeights(IReadOnlyList<double> x)
    {
        double mean = x.Average();
        double sxx = x.Sum(v => (v - mean) * (v - mean));
        return [.. x.Select(v => (1.0 / x.Count) - (mean * (v - mean) / sxx))];
    }
}
