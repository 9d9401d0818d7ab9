using System.Numerics;
using Triad.Numerics.Random;
using Triad.Numerics.Threading;
using Triad.Quantum.Circuits;
using Triad.Quantum.Gates;
using Triad.Quantum.Kernels;

namespace Triad.Quantum.Gradients;

/// <summary>
/// A parameterised circuit prepared for expectation values ⟨O_j⟩ = ⟨ψ(θ)|O_j|ψ(θ)⟩ of Pauli observables and their
/// derivatives with respect to named parameters θ_k, for a batch of bindings at once (a trainable layer: many input
/// encodings × one set of weights, inputs and weights both being symbols of the circuit).
/// <para>
/// <b>Chain rule.</b> A gate parameter may be any expression of symbols (shared by several gates, affine or not);
/// ∂⟨O⟩/∂θ_k = Σ over gates i and their parameters j of ∂⟨O⟩/∂p_ij · ∂p_ij/∂θ_k, with ∂p_ij/∂θ_k from
/// <see cref="ParameterExpression.Derivative"/>.
/// </para>
/// <para>
/// <b>Adjoint</b> (Jones &amp; Gacon, arXiv:2009.02823): with |ψ⟩ = U_N⋯U_1|0⟩, |φ⟩ = |ψ⟩ and |λ⟩ = O|ψ⟩, for i = N…1:
/// |φ⟩ ← U_i†|φ⟩, ∂⟨O⟩/∂p_ij = 2 Re⟨λ|∂U_i/∂p_ij|φ⟩, |λ⟩ ← U_i†|λ⟩. ∂U/∂p is exact: every entry of a qelib1
/// matrix is a trigonometric polynomial in p with frequencies in {0, ½, 1}, so
/// ∂U/∂p = Σ_{μ=1..4} (−1)^{μ−1} U(p + (2μ−1)π/2) / (16 sin²((2μ−1)π/8)) (Wierichs et al., Quantum 6, 677 (2022),
/// eq. 21 with R = 2 in p/2). A vector–Jacobian product Σ_j g_j ∂⟨O_j⟩/∂θ_k is one backward sweep with
/// |λ⟩ = Σ_j g_j O_j|ψ⟩.
/// </para>
/// <para>
/// <b>Parameter shift.</b> Gates exp(−ip G/2) whose generator has two eigenvalues a unit apart (rx, ry, rz, p, u1,
/// u2, u3, u, rxx, rzz, cp, cu1, and the phase γ of cu) take the two-term rule
/// ∂f/∂p = ½[f(p + π/2) − f(p − π/2)]. Controlled rotations (crx, cry, crz, cu3 and θ, φ, λ of cu) have generator
/// eigenvalues {0, ±½}, frequencies {½, 1}, and no two-term rule; they take the four-term rule
/// ∂f/∂p = d₁[f(p + π/2) − f(p − π/2)] − d₂[f(p + 3π/2) − f(p − 3π/2)], d₁ = (2 + √2)/8, d₂ = (2 − √2)/8
/// (Wierichs et al. eq. 21; Anselmetti et al., NJP 23, 113010 (2021) in another angle convention). Each gate
/// occurrence is shifted separately, then the chain rule applies. With shots, each ⟨P_t⟩ of each circuit is the
/// mean of N ±1 outcomes measured in P_t's eigenbasis (a binomial draw with p₊ = (1 + ⟨P_t⟩)/2).
/// </para>
/// Circuits must be unitary up to final measurements (no reset, no condition, no measurement before the end).
/// </summary>
public sealed class DifferentiableCircuit
{
    private static readonly double s_d1 = (2 + Math.Sqrt(2)) / 8;
    private static readonly double s_d2 = (2 - Math.Sqrt(2)) / 8;

    private static readonly HashSet<string> s_fourTermGates = ["crx", "cry", "crz", "cu3", "cu"];

    private readonly Slot[] _slots;
    private readonly string[] _parameters;
    private readonly Dictionary<string, int> _columns;

    /// <summary>
    /// Prepares <paramref name="circuit"/> for differentiation with respect to <paramref name="parameters"/>
    /// (default: every free symbol, sorted). Symbols not listed are constants that each binding must still give.
    /// </summary>
    /// <exception cref="ArgumentException">The circuit measures before its end, resets or is conditioned; or a listed parameter is not in the circuit.</exception>
    public DifferentiableCircuit(QuantumCircuit circuit, IReadOnlyList<string>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        QubitCount = circuit.QubitCount;
        IReadOnlyList<string> free = circuit.FreeParameters();
        _parameters = parameters is null ? [.. free] : [.. parameters];
        foreach (string p in _parameters)
        {
            if (!free.Contains(p))
            {
                throw new ArgumentException($"parameter '{p}' does not appear in the circuit (its parameters: {(free.Count == 0 ? "none" : string.Join(", ", free))})", nameof(parameters));
            }
        }
        if (_parameters.Distinct().Count() != _parameters.Length)
        {
            throw new ArgumentException("a parameter is listed twice", nameof(parameters));
        }
        _columns = _parameters.Select((p, k) => (p, k)).ToDictionary(t => t.p, t => t.k, StringComparer.Ordinal);
        var slots = new List<Slot>();
        var measured = new bool[circuit.QubitCount];
        foreach (Instruction ins in circuit.Instructions)
        {
            string where = ins.Location is null ? "" : ins.Location + ": ";
            if (ins.Condition is not null || ins.Kind == InstructionKind.Reset)
            {
                throw new ArgumentException($"{where}'{ins.Name}' is {(ins.Condition is null ? "a reset" : "classically conditioned")}; gradients need a circuit that is unitary up to final measurements");
            }
            if (ins.Kind == InstructionKind.Measure)
            {
                measured[ins.Qubits[0]] = true;
                continue;
            }
            if (ins.Kind != InstructionKind.Gate)
            {
                continue;
            }
            foreach (int q in ins.Qubits)
            {
                if (measured[q])
                {
                    throw new ArgumentException($"{where}'{ins.Name}' acts on qubit {q} after it was measured; gradients need a circuit that is unitary up to final measurements");
                }
            }
            var dependence = new List<(int Gate, int Parameter)>();
            for (int j = 0; j < ins.Parameters.Count; j++)
            {
                var names = new HashSet<string>();
                ins.Parameters[j].CollectSymbols(names);
                for (int k = 0; k < _parameters.Length; k++)
                {
                    if (names.Contains(_parameters[k]))
                    {
                        dependence.Add((j, k));
                    }
                }
            }
            slots.Add(new Slot(ins, [.. dependence], s_fourTermGates.Contains(ins.Name)));
        }
        _slots = [.. slots];
    }

    /// <summary>Number of qubits.</summary>
    public int QubitCount { get; }

    /// <summary>The parameters θ_k differentiated against, in column order.</summary>
    public IReadOnlyList<string> Parameters => _parameters;

    /// <summary>
    /// ⟨O_j⟩ for each binding s: [s, j]. With <paramref name="shots"/> &gt; 0, each Pauli term is estimated from that
    /// many shots (seeded by <paramref name="seed"/>, stream s for sample s).
    /// </summary>
    public double[,] Expectations(IReadOnlyList<IReadOnlyDictionary<string, double>> bindings, IReadOnlyList<PauliObservable> observables, int shots = 0, ulong seed = 1)
    {
        CheckBatch(bindings, observables, shots);
        var values = new double[bindings.Count, observables.Count];
        double[][][] gateValues = BatchValues(bindings);
        var gates = new BatchOperators(this, gateValues, derivatives: false);
        ThreadSettings.For(bindings.Count, s =>
        {
            SeededRandom? random = shots > 0 ? new SeededRandom(seed).Fork((ulong)s) : null;
            Complex[] psi = Forward(gateValues[s], gates);
            for (int j = 0; j < observables.Count; j++)
            {
                values[s, j] = Measure(psi, observables[j], shots, random);
            }
        });
        return values;
    }

    /// <summary>
    /// ⟨O_j⟩ for each row s of <paramref name="parameterValues"/> [samples, parameters], whose column k is the value of
    /// <see cref="Parameters"/>[k] (every symbol of the circuit must be a parameter): a batch without a dictionary per sample.
    /// </summary>
    public double[,] Expectations(double[,] parameterValues, IReadOnlyList<PauliObservable> observables, int shots = 0, ulong seed = 1) =>
        Expectations(Rows(parameterValues), observables, shots, seed);

    /// <summary>The vector–Jacobian product for the rows of <paramref name="parameterValues"/> (as <see cref="Expectations(double[,], IReadOnlyList{PauliObservable}, int, ulong)"/>).</summary>
    public double[,] VectorJacobianProduct(double[,] parameterValues, IReadOnlyList<PauliObservable> observables, double[,] upstream, GradientOptions? options = null) =>
        VectorJacobianProduct(Rows(parameterValues), observables, upstream, options);

    private RowBinding[] Rows(double[,] parameterValues)
    {
        ArgumentNullException.ThrowIfNull(parameterValues);
        if (parameterValues.GetLength(1) != _parameters.Length)
        {
            throw new ArgumentException($"parameter values have {parameterValues.GetLength(1)} columns, expected one per parameter ({_parameters.Length})", nameof(parameterValues));
        }
        return [.. Enumerable.Range(0, parameterValues.GetLength(0)).Select(s => new RowBinding(_columns, _parameters, parameterValues, s))];
    }

    /// <summary>⟨O_j⟩ and ∂⟨O_j⟩/∂θ_k for every binding, observable and parameter.</summary>
    /// <exception cref="ArgumentException">Bad options (adjoint with shots, negative shots), an observable outside the circuit, or an empty batch.</exception>
    public GradientResult Gradients(IReadOnlyList<IReadOnlyDictionary<string, double>> bindings, IReadOnlyList<PauliObservable> observables, GradientOptions? options = null)
    {
        options ??= new GradientOptions();
        CheckBatch(bindings, observables, options.Shots);
        CheckOptions(options);
        int n = bindings.Count, m = observables.Count, kCount = _parameters.Length;
        var values = new double[n, m];
        var jacobian = new double[n, m, kCount];
        double[][][] batchValues = BatchValues(bindings);
        var gates = new BatchOperators(this, batchValues, derivatives: options.Method == GradientMethod.Adjoint);
        ThreadSettings.For(n, s =>
        {
            double[][] gateValues = batchValues[s];
            double[][] chain = Chain(bindings[s]);
            if (options.Method == GradientMethod.Adjoint)
            {
                Complex[] psi = Forward(gateValues, gates);
                var cotangents = new Complex[m][];
                for (int j = 0; j < m; j++)
                {
                    values[s, j] = observables[j].Expectation(psi);
                    cotangents[j] = new Complex[psi.Length];
                    observables[j].AddApplied(psi, cotangents[j]);
                }
                double[,] g = Backward(psi, cotangents, gateValues, chain, gates);
                for (int j = 0; j < m; j++)
                {
                    for (int k = 0; k < kCount; k++)
                    {
                        jacobian[s, j, k] = g[j, k];
                    }
                }
            }
            else
            {
                SeededRandom? random = options.Shots > 0 ? new SeededRandom(options.Seed).Fork((ulong)s) : null;
                // The shifts change this sample's values in place (and restore them); the shifted gate is resolved afresh.
                Complex[] psi = Forward(gateValues, gates);
                for (int j = 0; j < m; j++)
                {
                    values[s, j] = Measure(psi, observables[j], options.Shots, random);
                }
                double[,] g = Shift(gateValues, chain, observables, options.Shots, random, gates);
                for (int j = 0; j < m; j++)
                {
                    for (int k = 0; k < kCount; k++)
                    {
                        jacobian[s, j, k] = g[j, k];
                    }
                }
            }
        });
        return new GradientResult(_parameters, values, jacobian);
    }

    /// <summary>
    /// The vector–Jacobian product [s, k] = Σ_j upstream[s, j]·∂⟨O_j⟩/∂θ_k, the backward pass of a layer whose outputs
    /// are the ⟨O_j⟩; by the adjoint method this is one backward sweep per sample whatever the number of observables.
    /// </summary>
    public double[,] VectorJacobianProduct(IReadOnlyList<IReadOnlyDictionary<string, double>> bindings, IReadOnlyList<PauliObservable> observables,
        double[,] upstream, GradientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        options ??= new GradientOptions();
        CheckBatch(bindings, observables, options.Shots);
        CheckOptions(options);
        if (upstream.GetLength(0) != bindings.Count || upstream.GetLength(1) != observables.Count)
        {
            throw new ArgumentException($"upstream gradient is {upstream.GetLength(0)} × {upstream.GetLength(1)}, expected {bindings.Count} samples × {observables.Count} observables", nameof(upstream));
        }
        int n = bindings.Count, m = observables.Count, kCount = _parameters.Length;
        var result = new double[n, kCount];
        if (options.Method == GradientMethod.ParameterShift)
        {
            GradientResult full = Gradients(bindings, observables, options);
            for (int s = 0; s < n; s++)
            {
                for (int k = 0; k < kCount; k++)
                {
                    double sum = 0;
                    for (int j = 0; j < m; j++)
                    {
                        sum += upstream[s, j] * full.Jacobian[s, j, k];
                    }
                    result[s, k] = sum;
                }
            }
            return result;
        }
        double[][][] batchValues = BatchValues(bindings);
        var gates = new BatchOperators(this, batchValues, derivatives: true);
        return AdjointProduct(bindings, batchValues, gates, null, observables, upstream);
    }

    /// <summary>
    /// Runs every row of <paramref name="parameterValues"/> (as <see cref="Expectations(double[,], IReadOnlyList{PauliObservable}, int, ulong)"/>)
    /// and keeps the final states, so that a layer's forward pass (<see cref="Expectations(BatchStates, IReadOnlyList{PauliObservable})"/>)
    /// and backward pass (<see cref="VectorJacobianProduct(BatchStates, IReadOnlyList{PauliObservable}, double[,])"/>) share
    /// one forward sweep per sample. Memory: 16·2^n bytes per sample.
    /// </summary>
    public BatchStates Run(double[,] parameterValues)
    {
        RowBinding[] rows = Rows(parameterValues);
        double[][][] batchValues = BatchValues(rows);
        var gates = new BatchOperators(this, batchValues, derivatives: true);
        var states = new Complex[rows.Length][];
        ThreadSettings.For(rows.Length, s => states[s] = Forward(batchValues[s], gates));
        return new BatchStates(this, rows, batchValues, gates, states);
    }

    /// <summary>⟨O_j⟩ exactly for each state of <paramref name="states"/>: [s, j].</summary>
    public double[,] Expectations(BatchStates states, IReadOnlyList<PauliObservable> observables)
    {
        CheckStates(states);
        CheckBatch(states.Bindings, observables, 0);
        var values = new double[states.Count, observables.Count];
        ThreadSettings.For(states.Count, s =>
        {
            for (int j = 0; j < observables.Count; j++)
            {
                values[s, j] = observables[j].Expectation(states.States[s]);
            }
        });
        return values;
    }

    /// <summary>The adjoint vector–Jacobian product from the kept <paramref name="states"/>: one backward sweep per sample.</summary>
    public double[,] VectorJacobianProduct(BatchStates states, IReadOnlyList<PauliObservable> observables, double[,] upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        CheckStates(states);
        CheckBatch(states.Bindings, observables, 0);
        if (upstream.GetLength(0) != states.Count || upstream.GetLength(1) != observables.Count)
        {
            throw new ArgumentException($"upstream gradient is {upstream.GetLength(0)} × {upstream.GetLength(1)}, expected {states.Count} samples × {observables.Count} observables", nameof(upstream));
        }
        return AdjointProduct(states.Bindings, states.Values, states.Operators, states.States, observables, upstream);
    }

    private void CheckStates(BatchStates states)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (!ReferenceEquals(states.Circuit, this))
        {
            throw new ArgumentException("the states were run by another circuit", nameof(states));
        }
    }

    private double[,] AdjointProduct(IReadOnlyList<IReadOnlyDictionary<string, double>> bindings, double[][][] batchValues, BatchOperators gates, Complex[][]? states,
        IReadOnlyList<PauliObservable> observables, double[,] upstream)
    {
        int n = bindings.Count, m = observables.Count, kCount = _parameters.Length;
        var result = new double[n, kCount];
        ThreadSettings.For(n, s =>
        {
            double[][] gateValues = batchValues[s];
            Complex[] psi = states?[s] ?? Forward(gateValues, gates);
            var lambda = new Complex[psi.Length];
            for (int j = 0; j < m; j++)
            {
                if (upstream[s, j] != 0)
                {
                    observables[j].AddApplied(psi, lambda, upstream[s, j]);
                }
            }
            double[,] g = Backward(psi, [lambda], gateValues, Chain(bindings[s]), gates);
            for (int k = 0; k < kCount; k++)
            {
                result[s, k] = g[0, k];
            }
        });
        return result;
    }

    private void CheckBatch(IReadOnlyList<IReadOnlyDictionary<string, double>> bindings, IReadOnlyList<PauliObservable> observables, int shots)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        ArgumentNullException.ThrowIfNull(observables);
        if (observables.Count == 0)
        {
            throw new ArgumentException("no observable given", nameof(observables));
        }
        foreach (PauliObservable o in observables)
        {
            o.CheckQubits(QubitCount);
        }
        if (shots < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(shots), shots, $"shots must be 0 (exact) or positive, not {shots}");
        }
    }

    private static void CheckOptions(GradientOptions options)
    {
        if (options.Method == GradientMethod.Adjoint && options.Shots > 0)
        {
            throw new ArgumentException("adjoint differentiation needs the exact state; use the parameter-shift method for gradients from shots", nameof(options));
        }
    }

    /// <summary>Every gate's parameter values under a binding.</summary>
    private double[][] Values(IReadOnlyDictionary<string, double> binding)
    {
        var values = new double[_slots.Length][];
        for (int i = 0; i < _slots.Length; i++)
        {
            Instruction ins = _slots[i].Instruction;
            var v = new double[ins.Parameters.Count];
            for (int j = 0; j < v.Length; j++)
            {
                try
                {
                    v[j] = ins.Parameters[j].Evaluate(binding);
                }
                catch (UnboundParameterException e)
                {
                    throw new UnboundParameterException(e.ParameterName, ins.Location);
                }
            }
            values[i] = v;
        }
        return values;
    }

    /// <summary>∂p_ij/∂θ_k for each gate's dependences, in the order of <see cref="Slot.Dependence"/>.</summary>
    private double[][] Chain(IReadOnlyDictionary<string, double> binding)
    {
        var chain = new double[_slots.Length][];
        for (int i = 0; i < _slots.Length; i++)
        {
            Slot slot = _slots[i];
            var c = new double[slot.Dependence.Length];
            for (int d = 0; d < c.Length; d++)
            {
                (int j, int k) = slot.Dependence[d];
                c[d] = slot.Instruction.Parameters[j].Derivative(_parameters[k], binding);
            }
            chain[i] = c;
        }
        return chain;
    }

    /// <summary>Every gate's parameter values for every binding of a batch: [sample][gate][parameter].</summary>
    private double[][][] BatchValues(IReadOnlyList<IReadOnlyDictionary<string, double>> bindings)
    {
        var values = new double[bindings.Count][][];
        ThreadSettings.For(bindings.Count, s => values[s] = Values(bindings[s]));
        return values;
    }

    private GateOperator Resolve(int slot, double[] values) => _slots[slot].Instruction.Definition.Resolve(values, [.. _slots[slot].Instruction.Qubits]);

    private Complex[] Forward(double[][] gateValues, BatchOperators gates, int fresh = -1)
    {
        var psi = new Complex[1 << QubitCount];
        psi[0] = Complex.One;
        for (int i = 0; i < _slots.Length; i++)
        {
            (i == fresh ? Resolve(i, gateValues[i]) : gates.Forward(i, gateValues[i])).Apply(psi);
        }
        return psi;
    }

    /// <summary>The adjoint sweep: [cotangent, k] = 2 Re⟨λ_c|∂|ψ⟩/∂θ_k⟩, given λ_c = (cotangent operator)|ψ⟩.</summary>
    private double[,] Backward(Complex[] psi, Complex[][] lambdas, double[][] gateValues, double[][] chain, BatchOperators gates)
    {
        var grad = new double[lambdas.Length, _parameters.Length];
        Complex[] phi = (Complex[])psi.Clone();
        var mu = new Complex[psi.Length];
        for (int i = _slots.Length - 1; i >= 0; i--)
        {
            GateOperator dagger = gates.Dagger(i, gateValues[i]);
            dagger.Apply(phi);
            Slot slot = _slots[i];
            for (int d = 0; d < slot.Dependence.Length; d++)
            {
                if (chain[i][d] == 0)
                {
                    continue;
                }
                (int j, int k) = slot.Dependence[d];
                GateOperator derivative = gates.Derivative(i, gateValues[i], j);
                phi.CopyTo(mu, 0);
                derivative.Apply(mu);
                for (int c = 0; c < lambdas.Length; c++)
                {
                    grad[c, k] += 2 * RealInner(lambdas[c], mu) * chain[i][d];
                }
            }
            foreach (Complex[] lambda in lambdas)
            {
                dagger.Apply(lambda);
            }
        }
        return grad;
    }

    /// <summary>Re⟨a|b⟩.</summary>
    private static double RealInner(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += (a[i].Real * b[i].Real) + (a[i].Imaginary * b[i].Imaginary);
        }
        return sum;
    }

    /// <summary>U†: the conjugate transpose on the targets (same controls); X and swap are their own inverses.</summary>
    internal static GateOperator Dagger(GateOperator op)
    {
        ReadOnlySpan<Complex> data = op.Data;
        switch (op.Kind)
        {
            case GateOperatorKind.Diagonal:
            {
                var d = new Complex[data.Length];
                for (int i = 0; i < d.Length; i++)
                {
                    d[i] = Complex.Conjugate(data[i]);
                }
                return new GateOperator(op.Kind, [.. op.Controls], [.. op.Targets], d);
            }
            case GateOperatorKind.Matrix:
            {
                int dim = 1 << op.Targets.Count;
                var u = new Complex[data.Length];
                for (int r = 0; r < dim; r++)
                {
                    for (int c = 0; c < dim; c++)
                    {
                        u[(r * dim) + c] = Complex.Conjugate(data[(c * dim) + r]);
                    }
                }
                return new GateOperator(op.Kind, [.. op.Controls], [.. op.Targets], u);
            }
            default:
                return op;
        }
    }

    /// <summary>∂U/∂p_j as a dense (non-unitary) matrix on all the gate's qubits, controls included (zero where a control is 0).</summary>
    private GateOperator Derivative(int slot, double[] values, int j)
    {
        GateDefinition def = _slots[slot].Instruction.Definition;
        int[] qubits = [.. _slots[slot].Instruction.Qubits];
        Complex[]? sum = null;
        int[] order = [];
        var shifted = (double[])values.Clone();
        for (int mu = 1; mu <= 4; mu++)
        {
            double x = ((2 * mu) - 1) * Math.PI / 8;
            double weight = ((mu & 1) == 1 ? 1 : -1) / (16 * Math.Sin(x) * Math.Sin(x));
            shifted[j] = values[j] + (((2 * mu) - 1) * Math.PI / 2);
            GateOperator op = def.Resolve(shifted, qubits);
            Complex[] dense = op.DenseMatrix();
            order = op.Qubits;
            sum ??= new Complex[dense.Length];
            for (int e = 0; e < dense.Length; e++)
            {
                sum[e] += weight * dense[e];
            }
        }
        return new GateOperator(GateOperatorKind.Matrix, [], order, sum!);
    }

    /// <summary>Parameter-shift Jacobian [j, k] for one sample.</summary>
    private double[,] Shift(double[][] gateValues, double[][] chain, IReadOnlyList<PauliObservable> observables, int shots, SeededRandom? random, BatchOperators gates)
    {
        int m = observables.Count;
        var grad = new double[m, _parameters.Length];
        var f = new double[m];
        for (int i = 0; i < _slots.Length; i++)
        {
            Slot slot = _slots[i];
            for (int d = 0; d < slot.Dependence.Length; d++)
            {
                if (chain[i][d] == 0)
                {
                    continue;
                }
                (int j, int k) = slot.Dependence[d];
                (double Shift, double Weight)[] rule = slot.FourTerm
                    ? [(Math.PI / 2, s_d1), (-Math.PI / 2, -s_d1), (3 * Math.PI / 2, -s_d2), (-3 * Math.PI / 2, s_d2)]
                    : [(Math.PI / 2, 0.5), (-Math.PI / 2, -0.5)];
                Array.Clear(f);
                double original = gateValues[i][j];
                foreach ((double shift, double weight) in rule)
                {
                    gateValues[i][j] = original + shift;
                    Complex[] psi = Forward(gateValues, gates, fresh: i);
                    for (int o = 0; o < m; o++)
                    {
                        f[o] += weight * Measure(psi, observables[o], shots, random);
                    }
                }
                gateValues[i][j] = original;
                for (int o = 0; o < m; o++)
                {
                    grad[o, k] += f[o] * chain[i][d];
                }
            }
        }
        return grad;
    }

    /// <summary>⟨O⟩ exactly, or each Pauli term from <paramref name="shots"/> ±1 outcomes.</summary>
    internal static double Measure(Complex[] psi, PauliObservable observable, int shots, SeededRandom? random)
    {
        if (shots == 0 || random is null)
        {
            return observable.Expectation(psi);
        }
        double sum = 0;
        foreach (PauliTerm t in observable.Terms)
        {
            if (t.Support == 0)
            {
                sum += t.Coefficient;
                continue;
            }
            double exact = Math.Clamp(t.ExpectationOfString(psi), -1, 1);
            double pPlus = (1 + exact) / 2;
            int plus = 0;
            for (int n = 0; n < shots; n++)
            {
                if (random.NextDouble() < pPlus)
                {
                    plus++;
                }
            }
            sum += t.Coefficient * ((2.0 * plus / shots) - 1);
        }
        return sum;
    }

    private sealed record Slot(Instruction Instruction, (int Gate, int Parameter)[] Dependence, bool FourTerm);

    /// <summary>
    /// The gate operators of one batch. A gate whose parameter values are bitwise the same for every sample (the
    /// weights of a layer, the constant gates) is resolved once — with its adjoint and, when asked, the derivatives
    /// ∂U/∂p_j — and shared by all samples, read-only; the others (the input encodings) are resolved per sample as
    /// before. Shared or not, each operator is built by the same code from the same numbers, so results are
    /// bit-identical to resolving every gate for every sample.
    /// </summary>
    internal sealed class BatchOperators
    {
        private readonly DifferentiableCircuit _owner;
        private readonly GateOperator?[] _forward;
        private readonly GateOperator?[] _dagger;
        private readonly GateOperator?[][] _derivative;

        public BatchOperators(DifferentiableCircuit owner, double[][][] values, bool derivatives)
        {
            _owner = owner;
            int slots = owner._slots.Length;
            _forward = new GateOperator?[slots];
            _dagger = new GateOperator?[slots];
            _derivative = new GateOperator?[slots][];
            if (values.Length == 0)
            {
                return;
            }
            for (int i = 0; i < slots; i++)
            {
                double[] first = values[0][i];
                bool same = true;
                for (int s = 1; s < values.Length && same; s++)
                {
                    same = SameBits(first, values[s][i]);
                }
                _derivative[i] = new GateOperator?[first.Length];
                if (!same)
                {
                    continue;
                }
                _forward[i] = owner.Resolve(i, first);
                _dagger[i] = DifferentiableCircuit.Dagger(_forward[i]!);
                if (derivatives)
                {
                    foreach ((int j, _) in owner._slots[i].Dependence)
                    {
                        _derivative[i][j] ??= owner.Derivative(i, first, j);
                    }
                }
            }
        }

        public GateOperator Forward(int slot, double[] values) => _forward[slot] ?? _owner.Resolve(slot, values);

        public GateOperator Dagger(int slot, double[] values) => _dagger[slot] ?? DifferentiableCircuit.Dagger(_owner.Resolve(slot, values));

        public GateOperator Derivative(int slot, double[] values, int j) => _derivative[slot][j] ?? _owner.Derivative(slot, values, j);

        private static bool SameBits(double[] a, double[] b)
        {
            for (int j = 0; j < a.Length; j++)
            {
                if (BitConverter.DoubleToInt64Bits(a[j]) != BitConverter.DoubleToInt64Bits(b[j]))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
