using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Tensors;
using Triad.Quantum.Gradients;

namespace Triad.Learning.Modules.Quantum;

/// <summary>
/// A batch of runs of one parameterised circuit as a differentiable function on the tape. Inputs: encoded angles
/// x [N, n] (sample s binds the circuit's input symbols to row s) and the weights w [W] (shared by every sample). The
/// output [N, m] holds ⟨O_j⟩ for the circuit's observables. Backward is the vector–Jacobian product of
/// <see cref="DifferentiableCircuit.VectorJacobianProduct(double[,], IReadOnlyList{PauliObservable}, double[,], GradientOptions)"/> (one adjoint sweep per sample; or the parameter-shift
/// rule from the given number of shots, seeded from the pass's stream for the module), giving ∂L/∂x per sample and
/// ∂L/∂w summed over the batch. The simulation runs in complex128 whatever T is.
/// </summary>
internal sealed class CircuitFunction<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly DifferentiableCircuit _circuit;
    private readonly IReadOnlyList<PauliObservable> _observables;
    private readonly double[,] _bindings;
    private readonly BatchStates? _states;
    private readonly GradientOptions _options;
    private readonly int _inputs;

    private CircuitFunction(DifferentiableCircuit circuit, IReadOnlyList<PauliObservable> observables, double[,] bindings,
        GradientOptions options, int inputs, BatchStates? states)
    {
        _states = states;
        _circuit = circuit;
        _observables = observables;
        _bindings = bindings;
        _options = options;
        _inputs = inputs;
    }

    public override string Kind => "quantum-circuit";

    /// <summary>
    /// One state-vector pass per sample: each gate touches every amplitude once (a 2×2 complex product per pair,
    /// 14 real operations per amplitude), so about 14·2^q per gate; the observables add 8·2^q each.
    /// </summary>
    public override long Flops => (_bindings.GetLength(0) * ((14L * GateCount) + (8L * _observables.Count))) << _circuit.QubitCount;

    /// <summary>Gates in the circuit (set by the module).</summary>
    public int GateCount { get; init; }

    /// <summary>
    /// Runs <paramref name="circuit"/> for every row of <paramref name="x"/> with <paramref name="weights"/> and records
    /// the call. The circuit's parameters must be the n input symbols followed by the W weight symbols, in that order.
    /// </summary>
    public static Variable<T> Apply(DifferentiableCircuit circuit, int gateCount, IReadOnlyList<PauliObservable> observables, Variable<T> x, Variable<T> weights,
        GradientOptions options)
    {
        Tape<T> tape = Tape<T>.Of(x, weights);
        int batch = x.Shape[0], inputs = x.Shape[1];
        if (circuit.Parameters.Count != inputs + weights.Length)
        {
            throw new ArgumentException($"the circuit has {circuit.Parameters.Count} parameters, expected {inputs} inputs and {weights.Length} weights");
        }
        ReadOnlySpan<T> xs = x.Span, ws = weights.Span;
        // Row s: the circuit's parameters in order, sample s's inputs then the shared weights.
        var bindings = new double[batch, circuit.Parameters.Count];
        for (int s = 0; s < batch; s++)
        {
            for (int i = 0; i < inputs; i++)
            {
                bindings[s, i] = double.CreateTruncating(xs[(s * inputs) + i]);
            }
            for (int k = 0; k < ws.Length; k++)
            {
                bindings[s, inputs + k] = double.CreateTruncating(ws[k]);
            }
        }
        // Exact (adjoint) mode keeps the final states for the backward sweep, so each sample is run forward once per step.
        BatchStates? states = options.Method == GradientMethod.Adjoint && options.Shots == 0 ? circuit.Run(bindings) : null;
        double[,] values = states is not null ? circuit.Expectations(states, observables) : circuit.Expectations(bindings, observables, options.Shots, options.Seed);
        Variable<T> y = tape.NewValue([batch, observables.Count], false, tape.AnyRequiresGrad(x, weights));
        Span<T> ys = y.Span;
        for (int s = 0; s < batch; s++)
        {
            for (int j = 0; j < observables.Count; j++)
            {
                ys[(s * observables.Count) + j] = T.CreateTruncating(values[s, j]);
            }
        }
        tape.Record(new CircuitFunction<T>(circuit, observables, bindings, options, inputs, states) { GateCount = gateCount }, y, x, weights);
        return y;
    }

    protected internal override void Backward(Tensor<T> outputGradient)
    {
        int batch = _bindings.GetLength(0), m = _observables.Count;
        var upstream = new double[batch, m];
        ReadOnlySpan<T> g = outputGradient.Span;
        for (int s = 0; s < batch; s++)
        {
            for (int j = 0; j < m; j++)
            {
                upstream[s, j] = double.CreateTruncating(g[(s * m) + j]);
            }
        }
        double[,] vjp = _states is not null ? _circuit.VectorJacobianProduct(_states, _observables, upstream)
            : _circuit.VectorJacobianProduct(_bindings, _observables, upstream, _options);
        int weights = _circuit.Parameters.Count - _inputs;
        if (NeedsGradient(0))
        {
            T[] gx = new T[batch * _inputs];
            for (int s = 0; s < batch; s++)
            {
                for (int i = 0; i < _inputs; i++)
                {
                    gx[(s * _inputs) + i] = T.CreateTruncating(vjp[s, i]);
                }
            }
            AccumulateGradient(0, gx);
        }
        if (NeedsGradient(1))
        {
            // Summed over samples in a fixed order, so the result does not depend on the thread count.
            T[] gw = new T[weights];
            for (int k = 0; k < weights; k++)
            {
                double sum = 0;
                for (int s = 0; s < batch; s++)
                {
                    sum += vjp[s, _inputs + k];
                }
                gw[k] = T.CreateTruncating(sum);
            }
            AccumulateGradient(1, gw);
        }
    }
}
