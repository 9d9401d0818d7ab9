using System.Numerics;

namespace Triad.Quantum.Gradients;

/// <summary>
/// The final states |ψ(θ_s)⟩ of a batch run by <see cref="DifferentiableCircuit.Run"/>, with the parameter values
/// and shared gate operators they were made with: a layer computes its outputs from them in the forward pass and
/// its vector–Jacobian product in the backward pass without running the circuit again. Read-only once made.
/// </summary>
public sealed class BatchStates
{
    internal BatchStates(DifferentiableCircuit circuit, IReadOnlyDictionary<string, double>[] bindings, double[][][] values,
        DifferentiableCircuit.BatchOperators operators, Complex[][] states)
    {
        Circuit = circuit;
        Bindings = bindings;
        Values = values;
        Operators = operators;
        States = states;
    }

    /// <summary>Number of samples.</summary>
    public int Count => States.Length;

    internal DifferentiableCircuit Circuit { get; }

    internal IReadOnlyDictionary<string, double>[] Bindings { get; }

    internal double[][][] Values { get; }

    internal DifferentiableCircuit.BatchOperators Operators { get; }

    internal Complex[][] States { get; }
}
