using Triad.Quantum.Gates;

namespace Triad.Quantum.Circuits;

/// <summary>
/// A circuit: quantum and classical registers laid end to end (qubit k of the circuit is bit k of the state's
/// basis index), and a list of instructions. Gate parameters may be symbols, bound when the circuit runs.
/// </summary>
public sealed class QuantumCircuit
{
    private readonly List<Register> _qregs = [];
    private readonly List<Register> _cregs = [];
    private readonly List<Instruction> _instructions = [];

    /// <summary>An empty circuit (add registers, then instructions).</summary>
    public QuantumCircuit()
    {
    }

    /// <summary>A circuit with one quantum register "q" of <paramref name="qubits"/> qubits and, when
    /// <paramref name="clbits"/> is positive, one classical register "c".</summary>
    public QuantumCircuit(int qubits, int clbits = 0)
    {
        AddQuantumRegister("q", qubits);
        if (clbits > 0)
        {
            AddClassicalRegister("c", clbits);
        }
    }

    /// <summary>Number of qubits.</summary>
    public int QubitCount { get; private set; }

    /// <summary>Number of classical bits.</summary>
    public int ClbitCount { get; private set; }

    /// <summary>Quantum registers in declaration order.</summary>
    public IReadOnlyList<Register> QuantumRegisters => _qregs;

    /// <summary>Classical registers in declaration order.</summary>
    public IReadOnlyList<Register> ClassicalRegisters => _cregs;

    /// <summary>The instructions in order.</summary>
    public IReadOnlyList<Instruction> Instructions => _instructions;

    /// <summary>Adds a quantum register after the existing qubits.</summary>
    public Register AddQuantumRegister(string name, int size)
    {
        CheckRegister(name, size);
        var r = new Register(name, QubitCount, size);
        _qregs.Add(r);
        QubitCount += size;
        return r;
    }

    /// <summary>Adds a classical register after the existing classical bits.</summary>
    public Register AddClassicalRegister(string name, int size)
    {
        CheckRegister(name, size);
        var r = new Register(name, ClbitCount, size);
        _cregs.Add(r);
        ClbitCount += size;
        return r;
    }

    private void CheckRegister(string name, int size)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (_qregs.Concat(_cregs).Any(r => r.Name == name))
        {
            throw new ArgumentException($"register '{name}' is already declared", nameof(name));
        }
    }

    /// <summary>Appends an instruction after checking its qubits, classical bit and gate arity.</summary>
    public void Add(Instruction instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        string where = instruction.Location is null ? "" : instruction.Location + ": ";
        var seen = new HashSet<int>();
        foreach (int q in instruction.Qubits)
        {
            if (q < 0 || q >= QubitCount)
            {
                throw new ArgumentOutOfRangeException(nameof(instruction), q, $"{where}qubit {q} is outside the circuit's {QubitCount} qubits");
            }
            if (!seen.Add(q) && instruction.Kind != InstructionKind.Barrier)
            {
                throw new ArgumentException($"{where}qubit {q} appears twice in '{instruction.Name}'", nameof(instruction));
            }
        }
        if (instruction.Kind == InstructionKind.Measure && (instruction.Clbit < 0 || instruction.Clbit >= ClbitCount))
        {
            throw new ArgumentOutOfRangeException(nameof(instruction), instruction.Clbit, $"{where}classical bit {instruction.Clbit} is outside the circuit's {ClbitCount} bits");
        }
        if (instruction.Kind == InstructionKind.Gate)
        {
            if (!StandardGates.TryGet(instruction.Name, out GateDefinition d))
            {
                throw new ArgumentException($"{where}unknown gate '{instruction.Name}'", nameof(instruction));
            }
            if (d.QubitCount != instruction.Qubits.Count || d.ParameterCount != instruction.Parameters.Count)
            {
                throw new ArgumentException($"{where}gate '{d.Name}' takes {d.ParameterCount} parameter(s) and {d.QubitCount} qubit(s), " +
                    $"not {instruction.Parameters.Count} and {instruction.Qubits.Count}", nameof(instruction));
            }
        }
        if (instruction.Condition is { } c && !_cregs.Contains(c.Register))
        {
            throw new ArgumentException($"{where}condition on unknown register '{c.Register.Name}'", nameof(instruction));
        }
        _instructions.Add(instruction);
    }

    /// <summary>Appends gate <paramref name="name"/> with numeric parameters.</summary>
    public QuantumCircuit Gate(string name, int[] qubits, params double[] parameters)
    {
        Add(new Instruction(InstructionKind.Gate, name, qubits, [.. parameters.Select(ParameterExpression.Constant)]));
        return this;
    }

    /// <summary>Appends gate <paramref name="name"/> with symbolic parameters.</summary>
    public QuantumCircuit Gate(string name, int[] qubits, ParameterExpression[] parameters)
    {
        Add(new Instruction(InstructionKind.Gate, name, qubits, parameters));
        return this;
    }

    /// <summary>Appends a measurement of <paramref name="qubit"/> into classical bit <paramref name="clbit"/>.</summary>
    public QuantumCircuit Measure(int qubit, int clbit)
    {
        Add(new Instruction(InstructionKind.Measure, "measure", [qubit], [], clbit));
        return this;
    }

    /// <summary>Appends a reset of <paramref name="qubit"/>.</summary>
    public QuantumCircuit Reset(int qubit)
    {
        Add(new Instruction(InstructionKind.Reset, "reset", [qubit], []));
        return this;
    }

    /// <summary>Appends a barrier on <paramref name="qubits"/>.</summary>
    public QuantumCircuit Barrier(params int[] qubits)
    {
        Add(new Instruction(InstructionKind.Barrier, "barrier", qubits, []));
        return this;
    }

    /// <summary>The names of every symbol in the gate parameters, sorted.</summary>
    public IReadOnlyList<string> FreeParameters()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Instruction i in _instructions)
        {
            foreach (ParameterExpression e in i.Parameters)
            {
                e.CollectSymbols(names);
            }
        }
        return [.. names];
    }

    /// <summary>A copy with the named symbols replaced by their values (the others kept).</summary>
    public QuantumCircuit Bind(IReadOnlyDictionary<string, double> bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        QuantumCircuit copy = CopyRegisters();
        foreach (Instruction i in _instructions)
        {
            copy._instructions.Add(i.Parameters.Count == 0 ? i : i.WithParameters([.. i.Parameters.Select(e =>
                e.Substitute(name => bindings.TryGetValue(name, out double v) ? ParameterExpression.Constant(v) : null).Fold())]));
        }
        return copy;
    }

    /// <summary>An empty circuit with the same registers.</summary>
    public QuantumCircuit CopyRegisters()
    {
        var copy = new QuantumCircuit();
        foreach (Register r in _qregs)
        {
            copy.AddQuantumRegister(r.Name, r.Size);
        }
        foreach (Register r in _cregs)
        {
            copy.AddClassicalRegister(r.Name, r.Size);
        }
        return copy;
    }

    /// <summary>The instructions one per line in canonical form (see <see cref="Instruction.ToString"/>), with the registers.</summary>
    public string ToCanonicalText() =>
        string.Join("\n", _qregs.Select(r => $"qreg {r.Name}[{r.Size}]").Concat(_cregs.Select(r => $"creg {r.Name}[{r.Size}]")).Concat(_instructions.Select(i => i.ToString())));
}
