using System.Globalization;
using Triad.Quantum.Circuits;
using Triad.Quantum.Gates;

namespace Triad.Quantum.Qasm;

/// <summary>
/// Reads OpenQASM 2.0 (Cross, Bishop, Smolin and Gambetta, "Open Quantum Assembly Language", arXiv:1707.03429):
/// the header, <c>include</c> (qelib1.inc is built in, with Qiskit's gate set; other files are read relative to the
/// including file), <c>qreg</c>/<c>creg</c>, user <c>gate</c> blocks (expanded inline into standard gates),
/// <c>opaque</c> declarations, gate calls with parameter expressions (π, + − × ÷ ^, sin cos tan exp ln sqrt),
/// broadcast over whole registers, <c>measure</c>, <c>reset</c>, <c>barrier</c> and <c>if (creg == n)</c>.
/// The built-ins <c>U</c> and <c>CX</c> become <c>u3</c> and <c>cx</c>. Every error is a <see cref="QasmException"/>
/// naming the file, line and column.
/// </summary>
public sealed class QasmImporter
{
    private const int MaxIncludeDepth = 16;

    private readonly QasmImportOptions _options;
    private readonly QuantumCircuit _circuit = new();
    private readonly Dictionary<string, UserGate> _userGates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _opaque = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Register> _qregs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Register> _cregs = new(StringComparer.Ordinal);
    private List<QasmToken> _tokens = [];
    private int _pos;
    private string _file = "";
    private string? _directory;
    private int _depth;

    private QasmImporter(QasmImportOptions options) => _options = options;

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="QasmException">The file is not valid OpenQASM 2.0 for this simulator.</exception>
    public static QuantumCircuit Load(string path, QasmImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such OpenQASM file", path);
        }
        var importer = new QasmImporter(options ?? new QasmImportOptions());
        importer.ParseFile(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path)));
        return importer._circuit;
    }

    /// <summary>Reads OpenQASM <paramref name="text"/>; errors name <paramref name="fileName"/>.</summary>
    public static QuantumCircuit Parse(string text, string fileName = "<text>", QasmImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var importer = new QasmImporter(options ?? new QasmImportOptions());
        importer.ParseFile(text, fileName, options?.IncludeDirectory);
        return importer._circuit;
    }

    private void ParseFile(string text, string file, string? directory)
    {
        List<QasmToken> savedTokens = _tokens;
        int savedPos = _pos;
        string savedFile = _file;
        string? savedDirectory = _directory;
        _tokens = QasmLexer.Tokenize(text, file);
        _pos = 0;
        _file = file;
        _directory = directory;
        if (Peek.Is("OPENQASM"))
        {
            Next();
            QasmToken version = Next();
            if (version.Kind is not (QasmTokenKind.Real or QasmTokenKind.Integer) || !version.Text.StartsWith('2'))
            {
                throw Error(version, $"expected version 2.0 after OPENQASM, found {version.Describe()}");
            }
            Expect(";");
        }
        while (Peek.Kind != QasmTokenKind.End)
        {
            Statement();
        }
        _tokens = savedTokens;
        _pos = savedPos;
        _file = savedFile;
        _directory = savedDirectory;
    }

    private QasmToken Peek => _tokens[_pos];

    private QasmToken Next() => _tokens[_pos < _tokens.Count - 1 ? _pos++ : _pos];

    private QasmException Error(QasmToken at, string problem) => new(_file, at.Line, at.Column, problem);

    private QasmToken Expect(string symbol)
    {
        QasmToken t = Next();
        if (!t.Is(symbol))
        {
            throw Error(t, $"expected '{symbol}', found {t.Describe()}");
        }
        return t;
    }

    private QasmToken ExpectIdentifier(string what)
    {
        QasmToken t = Next();
        if (t.Kind != QasmTokenKind.Identifier)
        {
            throw Error(t, $"expected {what}, found {t.Describe()}");
        }
        return t;
    }

    private int ExpectInteger(string what)
    {
        QasmToken t = Next();
        if (t.Kind != QasmTokenKind.Integer || !int.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
        {
            throw Error(t, $"expected {what} (a non-negative integer), found {t.Describe()}");
        }
        return value;
    }

    private void Statement()
    {
        QasmToken t = Peek;
        switch (t.Kind == QasmTokenKind.Identifier ? t.Text : "")
        {
            case "include":
                Include();
                return;
            case "qreg":
            case "creg":
                Declare();
                return;
            case "gate":
                GateDefinitionStatement();
                return;
            case "opaque":
                Opaque();
                return;
            case "if":
                Conditional();
                return;
            case "OPENQASM":
                throw Error(t, "OPENQASM may appear only once, at the start of the file");
            default:
                QuantumOperation(null);
                return;
        }
    }

    private void Include()
    {
        QasmToken keyword = Next();
        QasmToken name = Next();
        if (name.Kind != QasmTokenKind.String)
        {
            throw Error(name, $"expected a file name in quotes after include, found {name.Describe()}");
        }
        Expect(";");
        if (name.Text == "qelib1.inc")
        {
            return;
        }
        string? path = _directory is null ? null : Path.Combine(_directory, name.Text);
        if (path is null || !File.Exists(path))
        {
            throw Error(name, $"included file \"{name.Text}\" not found{(_directory is null ? "" : $" in {_directory}")}");
        }
        if (++_depth > MaxIncludeDepth)
        {
            throw Error(keyword, $"includes nested deeper than {MaxIncludeDepth} (a cycle?)");
        }
        ParseFile(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path)));
        _depth--;
    }

    private void Declare()
    {
        QasmToken keyword = Next();
        QasmToken name = ExpectIdentifier("a register name");
        Expect("[");
        QasmToken sizeToken = Peek;
        int size = ExpectInteger("the register size");
        Expect("]");
        Expect(";");
        if (size < 1)
        {
            throw Error(sizeToken, $"register '{name.Text}' must have at least one bit");
        }
        if (_qregs.ContainsKey(name.Text) || _cregs.ContainsKey(name.Text))
        {
            throw Error(name, $"register '{name.Text}' is already declared");
        }
        if (keyword.Text == "qreg")
        {
            _qregs[name.Text] = _circuit.AddQuantumRegister(name.Text, size);
        }
        else
        {
            _cregs[name.Text] = _circuit.AddClassicalRegister(name.Text, size);
        }
    }

    private void Opaque()
    {
        Next();
        QasmToken name = ExpectIdentifier("a gate name");
        if (Peek.Is("("))
        {
            Next();
            while (!Peek.Is(")"))
            {
                Next();
                if (Peek.Kind == QasmTokenKind.End)
                {
                    throw Error(Peek, "expected ')'");
                }
            }
            Next();
        }
        while (!Peek.Is(";"))
        {
            if (Peek.Kind == QasmTokenKind.End)
            {
                throw Error(Peek, "expected ';'");
            }
            Next();
        }
        Next();
        _opaque.Add(name.Text);
    }

    private void GateDefinitionStatement()
    {
        Next();
        QasmToken name = ExpectIdentifier("a gate name");
        var parameters = new List<string>();
        if (Peek.Is("("))
        {
            Next();
            if (!Peek.Is(")"))
            {
                parameters.Add(ExpectIdentifier("a parameter name").Text);
                while (Peek.Is(","))
                {
                    Next();
                    parameters.Add(ExpectIdentifier("a parameter name").Text);
                }
            }
            Expect(")");
        }
        var arguments = new List<string>();
        QasmToken first = ExpectIdentifier("a qubit argument name");
        arguments.Add(first.Text);
        while (Peek.Is(","))
        {
            Next();
            QasmToken a = ExpectIdentifier("a qubit argument name");
            if (arguments.Contains(a.Text))
            {
                throw Error(a, $"qubit argument '{a.Text}' appears twice in gate '{name.Text}'");
            }
            arguments.Add(a.Text);
        }
        Expect("{");
        var body = new List<BodyOperation>();
        while (!Peek.Is("}"))
        {
            QasmToken op = ExpectIdentifier("a gate call or '}'");
            if (op.Text == "barrier")
            {
                body.Add(new BodyOperation(op, "barrier", [], BodyArguments(arguments, name.Text)));
                Expect(";");
                continue;
            }
            string gateName = Canonical(op.Text);
            ParameterExpression[] exprs = Peek.Is("(") ? ParenthesisedExpressions(parameters) : [];
            string[] args = BodyArguments(arguments, name.Text);
            Expect(";");
            CheckGate(op, gateName, exprs.Length, args.Length);
            body.Add(new BodyOperation(op, gateName, exprs, args));
        }
        Expect("}");
        _userGates[name.Text] = new UserGate(name.Text, [.. parameters], [.. arguments], body);
    }

    private string[] BodyArguments(List<string> arguments, string gate)
    {
        var list = new List<string>();
        do
        {
            if (list.Count > 0)
            {
                Next();
            }
            QasmToken a = ExpectIdentifier("a qubit argument");
            if (!arguments.Contains(a.Text))
            {
                throw Error(a, $"'{a.Text}' is not a qubit argument of gate '{gate}'");
            }
            if (Peek.Is("["))
            {
                throw Error(Peek, "qubits inside a gate definition are its arguments, without indices");
            }
            list.Add(a.Text);
        }
        while (Peek.Is(","));
        return [.. list];
    }

    private static string Canonical(string name) => name switch
    {
        "U" => "u3",
        "CX" => "cx",
        _ => name,
    };

    // Checks that a gate exists and takes this many parameters and qubits.
    private void CheckGate(QasmToken at, string name, int parameters, int qubits)
    {
        (int p, int q) = Arity(at, name);
        if (p != parameters)
        {
            throw Error(at, $"gate '{name}' takes {p} parameter(s), not {parameters}");
        }
        if (q != qubits)
        {
            throw Error(at, $"gate '{name}' acts on {q} qubit(s), not {qubits}");
        }
    }

    private (int Parameters, int Qubits) Arity(QasmToken at, string name)
    {
        if (_userGates.TryGetValue(name, out UserGate? user))
        {
            return (user.Parameters.Length, user.Arguments.Length);
        }
        if (StandardGates.TryGet(name, out GateDefinition d))
        {
            return (d.ParameterCount, d.QubitCount);
        }
        if (_opaque.Contains(name))
        {
            throw Error(at, $"opaque gate '{name}' has no definition, so it cannot be simulated");
        }
        throw Error(at, $"unknown gate '{name}'");
    }

    private void Conditional()
    {
        Next();
        Expect("(");
        QasmToken reg = ExpectIdentifier("a classical register");
        if (!_cregs.TryGetValue(reg.Text, out Register? register))
        {
            throw Error(reg, $"unknown classical register '{reg.Text}'");
        }
        Expect("==");
        QasmToken valueToken = Next();
        if (valueToken.Kind != QasmTokenKind.Integer || !long.TryParse(valueToken.Text, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
        {
            throw Error(valueToken, $"expected an integer to compare '{reg.Text}' with, found {valueToken.Describe()}");
        }
        if (register.Size < 63 && value >= 1L << register.Size)
        {
            throw Error(valueToken, $"value {value} does not fit in the {register.Size} bits of '{reg.Text}'");
        }
        Expect(")");
        QuantumOperation(new ClassicalCondition(register, value));
    }

    private void QuantumOperation(ClassicalCondition? condition)
    {
        QasmToken op = ExpectIdentifier("a statement");
        SourceLocation where = new(_file, op.Line, op.Column);
        switch (op.Text)
        {
            case "measure":
            {
                if (_options.Lenient && SkipUndeclaredMeasurement(op))
                {
                    return;
                }
                List<int[]> q = [QuantumArgument()];
                Expect("->");
                int[] c = ClassicalArgument();
                Expect(";");
                if (q[0].Length != c.Length && q[0].Length != 1)
                {
                    throw Error(op, $"measure of {q[0].Length} qubits into {c.Length} classical bits: the registers must have the same size");
                }
                if (q[0].Length == 1 && c.Length != 1)
                {
                    throw Error(op, $"measure of one qubit into {c.Length} classical bits");
                }
                for (int i = 0; i < q[0].Length; i++)
                {
                    _circuit.Add(new Instruction(InstructionKind.Measure, "measure", [q[0][i]], [], c[i], condition, where));
                }
                return;
            }
            case "reset":
            {
                int[] q = QuantumArgument();
                Expect(";");
                foreach (int qubit in q)
                {
                    _circuit.Add(new Instruction(InstructionKind.Reset, "reset", [qubit], [], -1, condition, where));
                }
                return;
            }
            case "barrier":
            {
                var all = new List<int>();
                all.AddRange(QuantumArgument());
                while (Peek.Is(","))
                {
                    Next();
                    all.AddRange(QuantumArgument());
                }
                Expect(";");
                _circuit.Add(new Instruction(InstructionKind.Barrier, "barrier", [.. all.Distinct()], [], -1, condition, where));
                return;
            }
            default:
                break;
        }
        string name = Canonical(op.Text);
        ParameterExpression[] exprs = Peek.Is("(") ? ParenthesisedExpressions(null) : [];
        var args = new List<(QasmToken At, int[] Qubits)>();
        do
        {
            if (args.Count > 0)
            {
                Next();
            }
            QasmToken at = Peek;
            args.Add((at, QuantumArgument()));
        }
        while (Peek.Is(","));
        Expect(";");
        CheckGate(op, name, exprs.Length, args.Count);
        int width = 1;
        foreach ((QasmToken at, int[] qubits) in args)
        {
            if (qubits.Length == 1)
            {
                continue;
            }
            if (width != 1 && qubits.Length != width)
            {
                throw Error(at, $"registers of different sizes ({width} and {qubits.Length}) in one call of '{name}'");
            }
            width = qubits.Length;
        }
        for (int i = 0; i < width; i++)
        {
            int[] qubits = [.. args.Select(a => a.Qubits.Length == 1 ? a.Qubits[0] : a.Qubits[i])];
            if (qubits.Distinct().Count() != qubits.Length)
            {
                throw Error(op, $"gate '{name}' is given the same qubit twice (qubit {qubits.GroupBy(x => x).First(g => g.Count() > 1).Key})");
            }
            Call(op, name, exprs, qubits, condition, where, 0);
        }
    }

    private void Call(QasmToken at, string name, ParameterExpression[] parameters, int[] qubits, ClassicalCondition? condition, SourceLocation where, int depth)
    {
        if (_userGates.TryGetValue(name, out UserGate? user))
        {
            if (depth > 64)
            {
                throw Error(at, $"gate '{name}' expands more than 64 levels deep");
            }
            foreach (BodyOperation b in user.Body)
            {
                int[] q = [.. b.Arguments.Select(a => qubits[Array.IndexOf(user.Arguments, a)])];
                if (b.Name == "barrier")
                {
                    _circuit.Add(new Instruction(InstructionKind.Barrier, "barrier", q, [], -1, condition, where));
                    continue;
                }
                ParameterExpression[] p = [.. b.Parameters.Select(e => e.Substitute(s =>
                {
                    int index = Array.IndexOf(user.Parameters, s);
                    return index >= 0 ? parameters[index] : null;
                }).Fold())];
                Call(b.At, b.Name, p, q, condition, where, depth + 1);
            }
            return;
        }
        _circuit.Add(new Instruction(InstructionKind.Gate, name, qubits, [.. parameters.Select(e => e.Fold())], -1, condition, where));
    }

    // In lenient mode: a measure whose registers are not declared is skipped (to its ';') with a warning.
    private bool SkipUndeclaredMeasurement(QasmToken op)
    {
        int save = _pos;
        QasmToken q = Next();
        bool undeclared = q.Kind == QasmTokenKind.Identifier && !_qregs.ContainsKey(q.Text);
        while (!undeclared && !Peek.Is(";") && Peek.Kind != QasmTokenKind.End)
        {
            bool afterArrow = Peek.Is("->");
            QasmToken t = Next();
            if (afterArrow && Peek.Kind == QasmTokenKind.Identifier)
            {
                undeclared = !_cregs.ContainsKey(Peek.Text);
            }
        }
        if (!undeclared)
        {
            _pos = save;
            return false;
        }
        while (!Peek.Is(";") && Peek.Kind != QasmTokenKind.End)
        {
            Next();
        }
        Expect(";");
        _options.Warn?.Invoke($"{_file}:{op.Line}:{op.Column}: measurement of an undeclared register skipped");
        return true;
    }

    private int[] QuantumArgument() => Argument(_qregs, "quantum", "qubit");

    private int[] ClassicalArgument() => Argument(_cregs, "classical", "classical bit");

    private int[] Argument(Dictionary<string, Register> registers, string kind, string bit)
    {
        QasmToken name = ExpectIdentifier($"a {kind} register");
        if (!registers.TryGetValue(name.Text, out Register? register))
        {
            throw Error(name, $"unknown {kind} register '{name.Text}'");
        }
        if (!Peek.Is("["))
        {
            return [.. Enumerable.Range(register.Offset, register.Size)];
        }
        Next();
        QasmToken indexToken = Peek;
        int index = ExpectInteger($"a {bit} index");
        Expect("]");
        if (index >= register.Size)
        {
            throw Error(indexToken, $"{bit} {name.Text}[{index}] is out of range: register '{name.Text}' has {register.Size}");
        }
        return [register.Offset + index];
    }

    private ParameterExpression[] ParenthesisedExpressions(List<string>? gateParameters)
    {
        Expect("(");
        var list = new List<ParameterExpression>();
        if (!Peek.Is(")"))
        {
            list.Add(Expression(gateParameters));
            while (Peek.Is(","))
            {
                Next();
                list.Add(Expression(gateParameters));
            }
        }
        Expect(")");
        return [.. list];
    }

    // expression := term (('+' | '-') term)*; term := unary (('*' | '/') unary)*; unary := '-' unary | power;
    // power := primary ('^' unary)?  (right-associative, binding tighter than unary minus on its left).
    private ParameterExpression Expression(List<string>? gateParameters)
    {
        ParameterExpression left = Term(gateParameters);
        while (Peek.Is("+") || Peek.Is("-"))
        {
            char op = Next().Text[0];
            left = ParameterExpression.Binary(op, left, Term(gateParameters));
        }
        return left;
    }

    private ParameterExpression Term(List<string>? gateParameters)
    {
        ParameterExpression left = Unary(gateParameters);
        while (Peek.Is("*") || Peek.Is("/"))
        {
            char op = Next().Text[0];
            left = ParameterExpression.Binary(op, left, Unary(gateParameters));
        }
        return left;
    }

    private ParameterExpression Unary(List<string>? gateParameters)
    {
        if (Peek.Is("-"))
        {
            Next();
            return ParameterExpression.Negate(Unary(gateParameters));
        }
        if (Peek.Is("+"))
        {
            Next();
            return Unary(gateParameters);
        }
        ParameterExpression b = Primary(gateParameters);
        if (Peek.Is("^"))
        {
            Next();
            return ParameterExpression.Binary('^', b, Unary(gateParameters));
        }
        return b;
    }

    private ParameterExpression Primary(List<string>? gateParameters)
    {
        QasmToken t = Next();
        switch (t.Kind)
        {
            case QasmTokenKind.Integer:
            case QasmTokenKind.Real:
                return ParameterExpression.Constant(double.Parse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
            case QasmTokenKind.Symbol when t.Text == "(":
            {
                ParameterExpression inner = Expression(gateParameters);
                Expect(")");
                return inner;
            }
            case QasmTokenKind.Identifier:
                if (t.Text == "pi")
                {
                    return ParameterExpression.Pi;
                }
                if (ParameterExpression.Functions.Contains(t.Text))
                {
                    Expect("(");
                    ParameterExpression arg = Expression(gateParameters);
                    Expect(")");
                    return ParameterExpression.Function(t.Text, arg);
                }
                if (gateParameters is not null)
                {
                    return gateParameters.Contains(t.Text)
                        ? ParameterExpression.Symbol(t.Text)
                        : throw Error(t, $"'{t.Text}' is not a parameter of this gate");
                }
                return _options.AllowFreeParameters
                    ? ParameterExpression.Symbol(t.Text)
                    : throw Error(t, $"unbound parameter '{t.Text}' (only pi and numbers are defined outside gate definitions)");
            default:
                throw Error(t, $"expected a number, pi, a parameter or '(', found {t.Describe()}");
        }
    }

    private sealed record UserGate(string Name, string[] Parameters, string[] Arguments, List<BodyOperation> Body);

    private sealed record BodyOperation(QasmToken At, string Name, ParameterExpression[] Parameters, string[] Arguments);
}
