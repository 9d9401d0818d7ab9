using System.Globalization;
using Triad.Quantum.Gates;

namespace Triad.Quantum.Circuits;

/// <summary>
/// One step of a circuit: a gate (name, parameters, qubits), a measurement (qubit → classical bit), a reset or a
/// barrier, optionally conditioned on a classical register, with the place it was read from.
/// </summary>
public sealed class Instruction
{
    private readonly int[] _qubits;
    private readonly ParameterExpression[] _parameters;

    /// <summary>Creates an instruction; use the <see cref="QuantumCircuit"/> methods rather than this.</summary>
    public Instruction(InstructionKind kind, string name, int[] qubits, ParameterExpression[] parameters, int clbit = -1,
        ClassicalCondition? condition = null, SourceLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(qubits);
        ArgumentNullException.ThrowIfNull(parameters);
        Kind = kind;
        Name = name;
        _qubits = qubits;
        _parameters = parameters;
        Clbit = clbit;
        Condition = condition;
        Location = location;
    }

    /// <summary>What the instruction does.</summary>
    public InstructionKind Kind { get; }

    /// <summary>The gate name (for a gate), or "measure", "reset", "barrier".</summary>
    public string Name { get; }

    /// <summary>The qubits, in argument order (controls first for controlled gates).</summary>
    public IReadOnlyList<int> Qubits => _qubits;

    /// <summary>The gate's parameters.</summary>
    public IReadOnlyList<ParameterExpression> Parameters => _parameters;

    /// <summary>The classical bit a measurement writes; −1 otherwise.</summary>
    public int Clbit { get; }

    /// <summary>The classical condition, if any.</summary>
    public ClassicalCondition? Condition { get; }

    /// <summary>Where the instruction was read from, if it came from a file.</summary>
    public SourceLocation? Location { get; }

    /// <summary>The gate's definition (for a gate).</summary>
    public GateDefinition Definition => StandardGates.TryGet(Name, out GateDefinition d) ? d : throw new InvalidOperationException($"'{Name}' is not a gate");

    /// <summary>The gate's operator with its parameters evaluated under <paramref name="bindings"/>.</summary>
    /// <exception cref="UnboundParameterException">A parameter has no value; the message names the source location.</exception>
    public GateOperator Operator(IReadOnlyDictionary<string, double>? bindings)
    {
        var values = new double[_parameters.Length];
        for (int i = 0; i < values.Length; i++)
        {
            try
            {
                values[i] = _parameters[i].Evaluate(bindings);
            }
            catch (UnboundParameterException e)
            {
                throw new UnboundParameterException(e.ParameterName, Location);
            }
        }
        return Definition.Resolve(values, _qubits);
    }

    /// <summary>A copy with parameters replaced.</summary>
    public Instruction WithParameters(ParameterExpression[] parameters) => new(Kind, Name, _qubits, parameters, Clbit, Condition, Location);

    /// <summary>A copy with qubits replaced.</summary>
    public Instruction WithQubits(int[] qubits) => new(Kind, Name, qubits, _parameters, Clbit, Condition, Location);

    /// <summary>
    /// A canonical text of the instruction (name, parameters to full precision, qubits, classical bit, condition),
    /// for comparing circuits.
    /// </summary>
    public override string ToString()
    {
        string p = _parameters.Length == 0 ? "" : "(" + string.Join(",", _parameters.Select(e => e.IsConstant
            ? e.Evaluate().ToString("R", CultureInfo.InvariantCulture) : e.ToQasm())) + ")";
        string c = Condition is null ? "" : $"if({Condition.Register.Name}=={Condition.Value}) ";
        string target = Kind == InstructionKind.Measure ? $" -> {Clbit}" : "";
        return $"{c}{Name}{p} {string.Join(",", _qubits)}{target}";
    }
}
