using System.Numerics;

namespace Triad.Quantum.Gates;

/// <summary>
/// A named gate: how many qubits and parameters it takes, and how bound parameters and qubits become a
/// <see cref="GateOperator"/>. Controlled gates list their controls first, as in OpenQASM (<c>cx c, t</c>).
/// </summary>
public sealed class GateDefinition
{
    private readonly Func<double[], int[], GateOperator> _resolve;

    internal GateDefinition(string name, int qubits, int parameters, string description, Func<double[], int[], GateOperator> resolve)
    {
        Name = name;
        QubitCount = qubits;
        ParameterCount = parameters;
        Description = description;
        _resolve = resolve;
    }

    /// <summary>The OpenQASM name (lower case, as in qelib1.inc).</summary>
    public string Name { get; }

    /// <summary>Number of qubit arguments.</summary>
    public int QubitCount { get; }

    /// <summary>Number of real parameters (angles in radians).</summary>
    public int ParameterCount { get; }

    /// <summary>The matrix in words, for documentation.</summary>
    public string Description { get; }

    /// <summary>The operator for these parameters on these qubits.</summary>
    /// <exception cref="ArgumentException">Wrong number of parameters or qubits.</exception>
    public GateOperator Resolve(ReadOnlySpan<double> parameters, ReadOnlySpan<int> qubits)
    {
        if (parameters.Length != ParameterCount)
        {
            throw new ArgumentException($"gate '{Name}' takes {ParameterCount} parameter(s), not {parameters.Length}", nameof(parameters));
        }
        if (qubits.Length != QubitCount)
        {
            throw new ArgumentException($"gate '{Name}' acts on {QubitCount} qubit(s), not {qubits.Length}", nameof(qubits));
        }
        return _resolve(parameters.ToArray(), qubits.ToArray());
    }

    /// <summary>The unitary on qubits 0..k−1 in argument order (local index bit j = argument j), row-major.</summary>
    public Complex[] Matrix(ReadOnlySpan<double> parameters)
    {
        int[] qubits = Enumerable.Range(0, QubitCount).ToArray();
        GateOperator op = Resolve(parameters, qubits);
        Complex[] dense = op.DenseMatrix();
        int[] order = op.Qubits;
        int dim = 1 << QubitCount;
        var u = new Complex[dim * dim];
        // DenseMatrix is in the operator's order (controls, then targets), which is argument order for every
        // standard gate; remap anyway so an operator that lists its qubits otherwise still comes out right.
        for (int r = 0; r < dim; r++)
        {
            for (int c = 0; c < dim; c++)
            {
                u[(Permute(r, order) * dim) + Permute(c, order)] = dense[(r * dim) + c];
            }
        }
        return u;
    }

    private static int Permute(int local, int[] order)
    {
        int result = 0;
        for (int j = 0; j < order.Length; j++)
        {
            result |= ((local >> j) & 1) << order[j];
        }
        return result;
    }
}
