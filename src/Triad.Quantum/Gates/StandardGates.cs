using System.Collections.Frozen;
using System.Numerics;

namespace Triad.Quantum.Gates;

/// <summary>
/// The OpenQASM 2.0 <c>qelib1.inc</c> gates with Qiskit's matrices (Qiskit circuit library, <c>qiskit.circuit.library.standard_gates</c>),
/// angles in radians. With c = cos(θ/2), s = sin(θ/2):
/// U(θ,φ,λ) = u3 = u = [[c, −e^{iλ}s], [e^{iφ}s, e^{i(φ+λ)}c]]; u2(φ,λ) = U(π/2,φ,λ); u1(λ) = p(λ) = diag(1, e^{iλ});
/// rx(θ) = [[c, −is], [−is, c]]; ry(θ) = [[c, −s], [s, c]]; rz(θ) = diag(e^{−iθ/2}, e^{iθ/2});
/// sx = ½[[1+i, 1−i], [1−i, 1+i]]; rxx(θ) = exp(−iθ X⊗X/2); rzz(θ) = exp(−iθ Z⊗Z/2);
/// cu(θ,φ,λ,γ) is controlled e^{iγ}U(θ,φ,λ). Controls come first in the argument list.
/// </summary>
public static class StandardGates
{
    private static readonly double s_invSqrt2 = 1.0 / Math.Sqrt(2.0);

    private static readonly FrozenDictionary<string, GateDefinition> s_gates = Build().ToFrozenDictionary(g => g.Name, StringComparer.Ordinal);

    /// <summary>Every standard gate, by name.</summary>
    public static IReadOnlyDictionary<string, GateDefinition> All => s_gates;

    /// <summary>Looks a gate up by its OpenQASM name.</summary>
    public static bool TryGet(string name, out GateDefinition definition)
    {
        bool found = s_gates.TryGetValue(name, out GateDefinition? d);
        definition = d!;
        return found;
    }

    /// <summary>U(θ, φ, λ) as a row-major 2 × 2 matrix.</summary>
    public static Complex[] U3(double theta, double phi, double lambda)
    {
        double c = Math.Cos(theta / 2), s = Math.Sin(theta / 2);
        return [c, -Complex.FromPolarCoordinates(s, lambda), Complex.FromPolarCoordinates(s, phi), Complex.FromPolarCoordinates(c, phi + lambda)];
    }

    private static Complex[] Rx(double t) => [Math.Cos(t / 2), new Complex(0, -Math.Sin(t / 2)), new Complex(0, -Math.Sin(t / 2)), Math.Cos(t / 2)];

    private static Complex[] Ry(double t) => [Math.Cos(t / 2), -Math.Sin(t / 2), Math.Sin(t / 2), Math.Cos(t / 2)];

    private static Complex[] RzDiagonal(double t) => [Complex.FromPolarCoordinates(1, -t / 2), Complex.FromPolarCoordinates(1, t / 2)];

    private static Complex[] H => [s_invSqrt2, s_invSqrt2, s_invSqrt2, -s_invSqrt2];

    private static Complex[] Y => [0, -Complex.ImaginaryOne, Complex.ImaginaryOne, 0];

    private static Complex[] Sx => [new(0.5, 0.5), new(0.5, -0.5), new(0.5, -0.5), new(0.5, 0.5)];

    private static Complex[] Sxdg => [new(0.5, -0.5), new(0.5, 0.5), new(0.5, 0.5), new(0.5, -0.5)];

    private static Complex Phase(double angle) => Complex.FromPolarCoordinates(1, angle);

    private static IEnumerable<GateDefinition> Build()
    {
        // Single-qubit diagonals.
        yield return Diagonal1("id", 0, "identity", _ => [1, 1]);
        yield return Diagonal1("u0", 1, "identity (idle for a number of time steps)", _ => [1, 1]);
        yield return Diagonal1("p", 1, "diag(1, e^{iλ})", p => [1, Phase(p[0])]);
        yield return Diagonal1("u1", 1, "diag(1, e^{iλ})", p => [1, Phase(p[0])]);
        yield return Diagonal1("z", 0, "diag(1, −1)", _ => [1, -1]);
        yield return Diagonal1("s", 0, "diag(1, i)", _ => [1, Complex.ImaginaryOne]);
        yield return Diagonal1("sdg", 0, "diag(1, −i)", _ => [1, -Complex.ImaginaryOne]);
        yield return Diagonal1("t", 0, "diag(1, e^{iπ/4})", _ => [1, Phase(Math.PI / 4)]);
        yield return Diagonal1("tdg", 0, "diag(1, e^{−iπ/4})", _ => [1, Phase(-Math.PI / 4)]);
        yield return Diagonal1("rz", 1, "diag(e^{−iθ/2}, e^{iθ/2})", p => RzDiagonal(p[0]));

        // Single-qubit general matrices and X.
        yield return new GateDefinition("x", 1, 0, "[[0, 1], [1, 0]]", (_, q) => new GateOperator(GateOperatorKind.ControlledX, [], q, []));
        yield return Matrix1("y", 0, "[[0, −i], [i, 0]]", _ => Y);
        yield return Matrix1("h", 0, "[[1, 1], [1, −1]]/√2", _ => H);
        yield return Matrix1("sx", 0, "½[[1+i, 1−i], [1−i, 1+i]]", _ => Sx);
        yield return Matrix1("sxdg", 0, "½[[1−i, 1+i], [1+i, 1−i]]", _ => Sxdg);
        yield return Matrix1("rx", 1, "[[c, −is], [−is, c]]", p => Rx(p[0]));
        yield return Matrix1("ry", 1, "[[c, −s], [s, c]]", p => Ry(p[0]));
        yield return Matrix1("u3", 3, "U(θ, φ, λ)", p => U3(p[0], p[1], p[2]));
        yield return Matrix1("u", 3, "U(θ, φ, λ)", p => U3(p[0], p[1], p[2]));
        yield return Matrix1("u2", 2, "U(π/2, φ, λ)", p => U3(Math.PI / 2, p[0], p[1]));

        // Controlled gates: controls first.
        yield return new GateDefinition("cx", 2, 0, "controlled X", (_, q) => new GateOperator(GateOperatorKind.ControlledX, [q[0]], [q[1]], []));
        yield return new GateDefinition("ccx", 3, 0, "Toffoli", (_, q) => new GateOperator(GateOperatorKind.ControlledX, [q[0], q[1]], [q[2]], []));
        yield return new GateDefinition("c3x", 4, 0, "X with 3 controls", (_, q) => new GateOperator(GateOperatorKind.ControlledX, [q[0], q[1], q[2]], [q[3]], []));
        yield return new GateDefinition("c4x", 5, 0, "X with 4 controls", (_, q) => new GateOperator(GateOperatorKind.ControlledX, [q[0], q[1], q[2], q[3]], [q[4]], []));
        yield return ControlledMatrix("cy", 1, 0, "controlled Y", _ => Y);
        yield return ControlledMatrix("ch", 1, 0, "controlled H", _ => H);
        yield return ControlledMatrix("csx", 1, 0, "controlled √X", _ => Sx);
        yield return ControlledMatrix("c3sqrtx", 3, 0, "√X with 3 controls", _ => Sx);
        yield return ControlledMatrix("crx", 1, 1, "controlled rx", p => Rx(p[0]));
        yield return ControlledMatrix("cry", 1, 1, "controlled ry", p => Ry(p[0]));
        yield return ControlledMatrix("cu3", 1, 3, "controlled U(θ, φ, λ)", p => U3(p[0], p[1], p[2]));
        yield return ControlledMatrix("cu", 1, 4, "controlled e^{iγ}U(θ, φ, λ)", p => [.. U3(p[0], p[1], p[2]).Select(m => m * Phase(p[3]))]);
        yield return ControlledDiagonal("cz", 0, "controlled Z", _ => [1, -1]);
        yield return ControlledDiagonal("cp", 1, "controlled phase diag(1, e^{iλ})", p => [1, Phase(p[0])]);
        yield return ControlledDiagonal("cu1", 1, "controlled phase diag(1, e^{iλ})", p => [1, Phase(p[0])]);
        yield return ControlledDiagonal("crz", 1, "controlled rz", p => RzDiagonal(p[0]));

        // Two- and three-qubit gates.
        yield return new GateDefinition("swap", 2, 0, "swap", (_, q) => new GateOperator(GateOperatorKind.ControlledSwap, [], q, []));
        yield return new GateDefinition("cswap", 3, 0, "Fredkin", (_, q) => new GateOperator(GateOperatorKind.ControlledSwap, [q[0]], [q[1], q[2]], []));
        yield return new GateDefinition("rzz", 2, 1, "exp(−iθ Z⊗Z/2) = diag(e^{−iθ/2}, e^{iθ/2}, e^{iθ/2}, e^{−iθ/2})", (p, q) =>
        {
            Complex m = Phase(-p[0] / 2), e = Phase(p[0] / 2);
            return new GateOperator(GateOperatorKind.Diagonal, [], q, [m, e, e, m]);
        });
        yield return new GateDefinition("rxx", 2, 1, "exp(−iθ X⊗X/2) = cI − is X⊗X", (p, q) =>
        {
            Complex c = Math.Cos(p[0] / 2), s = new(0, -Math.Sin(p[0] / 2));
            return new GateOperator(GateOperatorKind.Matrix, [], q, [c, 0, 0, s, 0, c, s, 0, 0, s, c, 0, s, 0, 0, c]);
        });
    }

    private static GateDefinition Diagonal1(string name, int parameters, string description, Func<double[], Complex[]> diagonal) =>
        new(name, 1, parameters, description, (p, q) => new GateOperator(GateOperatorKind.Diagonal, [], q, diagonal(p)));

    private static GateDefinition Matrix1(string name, int parameters, string description, Func<double[], Complex[]> matrix) =>
        new(name, 1, parameters, description, (p, q) => new GateOperator(GateOperatorKind.Matrix, [], q, matrix(p)));

    private static GateDefinition ControlledMatrix(string name, int controls, int parameters, string description, Func<double[], Complex[]> matrix) =>
        new(name, controls + 1, parameters, description, (p, q) => new GateOperator(GateOperatorKind.Matrix, q[..controls], [q[controls]], matrix(p)));

    // A singly controlled diagonal diag(d₀, d₁) on the target is a diagonal on (control, target): local index
    // 2·t + c, so entries [1, d₀, 1, d₁].
    private static GateDefinition ControlledDiagonal(string name, int parameters, string description, Func<double[], Complex[]> diagonal) =>
        new(name, 2, parameters, description, (p, q) =>
        {
            Complex[] d = diagonal(p);
            return new GateOperator(GateOperatorKind.Diagonal, [], q, [1, d[0], 1, d[1]]);
        });
}
