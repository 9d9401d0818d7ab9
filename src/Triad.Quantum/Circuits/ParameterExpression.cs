using System.Globalization;

namespace Triad.Quantum.Circuits;

/// <summary>
/// A real gate parameter: a number, a named symbol bound at run time, or an expression of them with
/// + − × ÷ ^, unary minus, π and the functions sin, cos, tan, exp, ln, sqrt (OpenQASM 2.0, §3 of Cross et al.,
/// "Open Quantum Assembly Language", arXiv:1707.03429). Immutable.
/// </summary>
public abstract class ParameterExpression
{
    private static readonly string[] s_functions = ["sin", "cos", "tan", "exp", "ln", "sqrt", "asin", "acos", "atan"];

    /// <summary>The functions an expression may call.</summary>
    public static IReadOnlyList<string> Functions => s_functions;

    /// <summary>A constant.</summary>
    public static ParameterExpression Constant(double value) => new ConstantNode(value);

    /// <summary>A named parameter, bound when the circuit runs.</summary>
    public static ParameterExpression Symbol(string name) => new SymbolNode(name);

    /// <summary>The constant π.</summary>
    public static ParameterExpression Pi { get; } = new PiNode();

    /// <summary>−<paramref name="operand"/>.</summary>
    public static ParameterExpression Negate(ParameterExpression operand) => new UnaryNode("-", operand);

    /// <summary><paramref name="name"/>(<paramref name="operand"/>) for one of <see cref="Functions"/>.</summary>
    public static ParameterExpression Function(string name, ParameterExpression operand)
    {
        if (!s_functions.Contains(name))
        {
            throw new ArgumentException($"unknown function '{name}'; expected one of {string.Join(", ", s_functions)}", nameof(name));
        }
        return new UnaryNode(name, operand);
    }

    /// <summary>A binary operation, <paramref name="op"/> one of + - * / ^.</summary>
    public static ParameterExpression Binary(char op, ParameterExpression left, ParameterExpression right)
    {
        if (op is not ('+' or '-' or '*' or '/' or '^'))
        {
            throw new ArgumentException($"unknown operator '{op}'", nameof(op));
        }
        return new BinaryNode(op, left, right);
    }

    /// <summary>The value, with symbols looked up in <paramref name="bindings"/>.</summary>
    /// <exception cref="UnboundParameterException">A symbol has no binding.</exception>
    public abstract double Evaluate(IReadOnlyDictionary<string, double>? bindings = null);

    /// <summary>
    /// ∂(expression)/∂<paramref name="symbol"/> at <paramref name="bindings"/>, by the chain rule on the expression tree
    /// (forward mode); 0 for an expression without the symbol.
    /// </summary>
    /// <exception cref="UnboundParameterException">A symbol has no binding.</exception>
    public abstract double Derivative(string symbol, IReadOnlyDictionary<string, double>? bindings = null);

    /// <summary>The expression with each symbol replaced by <paramref name="replace"/>'s result (or kept when it returns null).</summary>
    public abstract ParameterExpression Substitute(Func<string, ParameterExpression?> replace);

    /// <summary>Adds the names of the symbols in the expression to <paramref name="names"/>.</summary>
    public abstract void CollectSymbols(ISet<string> names);

    /// <summary>Whether the expression has no symbols.</summary>
    public bool IsConstant
    {
        get
        {
            var names = new HashSet<string>();
            CollectSymbols(names);
            return names.Count == 0;
        }
    }

    /// <summary>The expression folded to a constant when it has no symbols; itself otherwise.</summary>
    public ParameterExpression Fold() => IsConstant && this is not ConstantNode ? Constant(Evaluate()) : this;

    /// <summary>OpenQASM text; constants print with the round-trip format, so reading them back gives the same double.</summary>
    public abstract string ToQasm();

    /// <inheritdoc/>
    public override string ToString() => ToQasm();

    private sealed class ConstantNode(double value) : ParameterExpression
    {
        public override double Evaluate(IReadOnlyDictionary<string, double>? bindings = null) => value;

        public override ParameterExpression Substitute(Func<string, ParameterExpression?> replace) => this;

        public override double Derivative(string symbol, IReadOnlyDictionary<string, double>? bindings = null) => 0;

        public override void CollectSymbols(ISet<string> names)
        {
        }

        public override string ToQasm()
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            // OpenQASM 2 has no literals for infinities or NaN; an exponent "E" is read back as written.
            return value < 0 ? $"({text})" : text;
        }
    }

    private sealed class PiNode : ParameterExpression
    {
        public override double Evaluate(IReadOnlyDictionary<string, double>? bindings = null) => Math.PI;

        public override ParameterExpression Substitute(Func<string, ParameterExpression?> replace) => this;

        public override double Derivative(string symbol, IReadOnlyDictionary<string, double>? bindings = null) => 0;

        public override void CollectSymbols(ISet<string> names)
        {
        }

        public override string ToQasm() => "pi";
    }

    private sealed class SymbolNode(string name) : ParameterExpression
    {
        public override double Evaluate(IReadOnlyDictionary<string, double>? bindings = null) =>
            bindings is not null && bindings.TryGetValue(name, out double v) ? v : throw new UnboundParameterException(name);

        public override ParameterExpression Substitute(Func<string, ParameterExpression?> replace) => replace(name) ?? this;

        public override double Derivative(string symbol, IReadOnlyDictionary<string, double>? bindings = null) => symbol == name ? 1 : 0;

        public override void CollectSymbols(ISet<string> names) => names.Add(name);

        public override string ToQasm() => name;
    }

    private sealed class UnaryNode(string op, ParameterExpression operand) : ParameterExpression
    {
        public override double Evaluate(IReadOnlyDictionary<string, double>? bindings = null)
        {
            double x = operand.Evaluate(bindings);
            return op switch
            {
                "-" => -x,
                "sin" => Math.Sin(x),
                "cos" => Math.Cos(x),
                "tan" => Math.Tan(x),
                "exp" => Math.Exp(x),
                "ln" => Math.Log(x),
                "sqrt" => Math.Sqrt(x),
                "asin" => Math.Asin(x),
                "acos" => Math.Acos(x),
                _ => Math.Atan(x),
            };
        }

        public override ParameterExpression Substitute(Func<string, ParameterExpression?> replace) => new UnaryNode(op, operand.Substitute(replace));

        public override double Derivative(string symbol, IReadOnlyDictionary<string, double>? bindings = null)
        {
            double dx = operand.Derivative(symbol, bindings);
            if (dx == 0)
            {
                return 0;
            }
            double x = operand.Evaluate(bindings);
            return dx * op switch
            {
                "-" => -1,
                "sin" => Math.Cos(x),
                "cos" => -Math.Sin(x),
                "tan" => 1 / (Math.Cos(x) * Math.Cos(x)),
                "exp" => Math.Exp(x),
                "ln" => 1 / x,
                "sqrt" => 0.5 / Math.Sqrt(x),
                "asin" => 1 / Math.Sqrt(1 - (x * x)),
                "acos" => -1 / Math.Sqrt(1 - (x * x)),
                _ => 1 / (1 + (x * x)),
            };
        }

        public override void CollectSymbols(ISet<string> names) => operand.CollectSymbols(names);

        public override string ToQasm() => op == "-" ? $"(-{operand.ToQasm()})" : $"{op}({operand.ToQasm()})";
    }

    private sealed class BinaryNode(char op, ParameterExpression left, ParameterExpression right) : ParameterExpression
    {
        public override double Evaluate(IReadOnlyDictionary<string, double>? bindings = null)
        {
            double a = left.Evaluate(bindings), b = right.Evaluate(bindings);
            return op switch
            {
                '+' => a + b,
                '-' => a - b,
                '*' => a * b,
                '/' => a / b,
                _ => Math.Pow(a, b),
            };
        }

        public override ParameterExpression Substitute(Func<string, ParameterExpression?> replace) =>
            new BinaryNode(op, left.Substitute(replace), right.Substitute(replace));

        public override double Derivative(string symbol, IReadOnlyDictionary<string, double>? bindings = null)
        {
            double da = left.Derivative(symbol, bindings), db = right.Derivative(symbol, bindings);
            if (da == 0 && db == 0)
            {
                return 0;
            }
            double a = left.Evaluate(bindings), b = right.Evaluate(bindings);
            return op switch
            {
                '+' => da + db,
                '-' => da - db,
                '*' => (da * b) + (a * db),
                '/' => ((da * b) - (a * db)) / (b * b),
                // d(a^b) = b·a^(b−1)·da + a^b·ln(a)·db (the second term only when b depends on the symbol).
                _ => (db == 0 ? 0 : Math.Pow(a, b) * Math.Log(a) * db) + (da == 0 ? 0 : b * Math.Pow(a, b - 1) * da),
            };
        }

        public override void CollectSymbols(ISet<string> names)
        {
            left.CollectSymbols(names);
            right.CollectSymbols(names);
        }

        public override string ToQasm() => $"({left.ToQasm()}{op}{right.ToQasm()})";
    }
}
