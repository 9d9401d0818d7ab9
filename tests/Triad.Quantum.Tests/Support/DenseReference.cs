using System.Numerics;

namespace Triad.Quantum.Tests.Support;

/// <summary>
/// An independent dense simulator for checks: gate matrices written here from their textbook definitions
/// (Nielsen and Chuang; Qiskit's conventions for U, rx, rzz, …), multi-qubit gates built from Kronecker products of
/// projectors and single-qubit matrices, and a gate on arbitrary qubits expanded as Pᵀ(I ⊗ M)P with P the qubit
/// permutation that brings the gate's qubits to the lowest positions. Matrices are Complex[dim, dim]; the local
/// index has argument 0 as its least significant bit (little-endian, like the simulator under test).
/// </summary>
public static class DenseReference
{
    private static readonly Complex I = Complex.ImaginaryOne;

    public static Complex[,] Identity(int dim)
    {
        var m = new Complex[dim, dim];
        for (int i = 0; i < dim; i++)
        {
            m[i, i] = 1;
        }
        return m;
    }

    /// <summary>Kronecker product A ⊗ B (B on the low bits).</summary>
    public static Complex[,] Kron(Complex[,] a, Complex[,] b)
    {
        int ra = a.GetLength(0), rb = b.GetLength(0);
        var m = new Complex[ra * rb, ra * rb];
        for (int i = 0; i < ra; i++)
        {
            for (int j = 0; j < ra; j++)
            {
                for (int k = 0; k < rb; k++)
                {
                    for (int l = 0; l < rb; l++)
                    {
                        m[(i * rb) + k, (j * rb) + l] = a[i, j] * b[k, l];
                    }
                }
            }
        }
        return m;
    }

    public static Complex[,] Add(Complex[,] a, Complex[,] b, Complex scaleB)
    {
        int d = a.GetLength(0);
        var m = new Complex[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                m[i, j] = a[i, j] + (scaleB * b[i, j]);
            }
        }
        return m;
    }

    public static Complex[,] Scale(Complex[,] a, Complex s) => Add(new Complex[a.GetLength(0), a.GetLength(0)], a, s);

    private static Complex[,] M2(Complex a, Complex b, Complex c, Complex d) => new Complex[,] { { a, b }, { c, d } };

    private static readonly Complex[,] P0 = M2(1, 0, 0, 0);
    private static readonly Complex[,] P1 = M2(0, 0, 0, 1);
    private static readonly Complex[,] X = M2(0, 1, 1, 0);
    private static readonly Complex[,] Y = M2(0, -I, I, 0);
    private static readonly Complex[,] Z = M2(1, 0, 0, -1);
    private static readonly Complex[,] H = Scale(M2(1, 1, 1, -1), 1 / Math.Sqrt(2));
    private static readonly Complex[,] SqrtX = Scale(M2(1 + I, 1 - I, 1 - I, 1 + I), 0.5);

    private static Complex[,] Phase(double l) => M2(1, 0, 0, Complex.Exp(I * l));

    private static Complex[,] Rx(double t) => M2(Math.Cos(t / 2), -I * Math.Sin(t / 2), -I * Math.Sin(t / 2), Math.Cos(t / 2));

    private static Complex[,] Ry(double t) => M2(Math.Cos(t / 2), -Math.Sin(t / 2), Math.Sin(t / 2), Math.Cos(t / 2));

    private static Complex[,] Rz(double t) => M2(Complex.Exp(-I * t / 2), 0, 0, Complex.Exp(I * t / 2));

    private static Complex[,] U(double t, double p, double l) => M2(
        Math.Cos(t / 2), -Complex.Exp(I * l) * Math.Sin(t / 2),
        Complex.Exp(I * p) * Math.Sin(t / 2), Complex.Exp(I * (p + l)) * Math.Cos(t / 2));

    private static Complex[,] Dagger(Complex[,] a)
    {
        int d = a.GetLength(0);
        var m = new Complex[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                m[i, j] = Complex.Conjugate(a[j, i]);
            }
        }
        return m;
    }

    /// <summary>|1…1⟩⟨1…1| on c controls ⊗ (U − I) on the target, plus I: U applied when every control is 1.
    /// Controls are arguments 0..c−1 (low bits), the target(s) above them.</summary>
    private static Complex[,] Controlled(Complex[,] u, int controls)
    {
        Complex[,] projector = P1;
        for (int i = 1; i < controls; i++)
        {
            projector = Kron(P1, projector);
        }
        int dim = u.GetLength(0) << controls;
        return Add(Identity(dim), Kron(Add(u, Identity(u.GetLength(0)), -1), projector), 1);
    }

    private static readonly Complex[,] Swap = new Complex[,] { { 1, 0, 0, 0 }, { 0, 0, 1, 0 }, { 0, 1, 0, 0 }, { 0, 0, 0, 1 } };

    /// <summary>The names this reference knows.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "id", "u0", "p", "u1", "z", "s", "sdg", "t", "tdg", "rz", "x", "y", "h", "sx", "sxdg", "rx", "ry", "u3", "u", "u2",
        "cx", "ccx", "c3x", "c4x", "cy", "ch", "csx", "c3sqrtx", "crx", "cry", "cu3", "cu", "cz", "cp", "cu1", "crz",
        "swap", "cswap", "rzz", "rxx",
    ];

    /// <summary>The matrix of a gate (argument 0 = least significant local bit).</summary>
    public static Complex[,] Matrix(string name, double[] p) => name switch
    {
        "id" or "u0" => Identity(2),
        "p" or "u1" => Phase(p[0]),
        "z" => Z,
        "s" => Phase(Math.PI / 2),
        "sdg" => Phase(-Math.PI / 2),
        "t" => Phase(Math.PI / 4),
        "tdg" => Phase(-Math.PI / 4),
        "rz" => Rz(p[0]),
        "x" => X,
        "y" => Y,
        "h" => H,
        "sx" => SqrtX,
        "sxdg" => Dagger(SqrtX),
        "rx" => Rx(p[0]),
        "ry" => Ry(p[0]),
        "u3" or "u" => U(p[0], p[1], p[2]),
        "u2" => U(Math.PI / 2, p[0], p[1]),
        "cx" => Controlled(X, 1),
        "ccx" => Controlled(X, 2),
        "c3x" => Controlled(X, 3),
        "c4x" => Controlled(X, 4),
        "cy" => Controlled(Y, 1),
        "ch" => Controlled(H, 1),
        "csx" => Controlled(SqrtX, 1),
        "c3sqrtx" => Controlled(SqrtX, 3),
        "crx" => Controlled(Rx(p[0]), 1),
        "cry" => Controlled(Ry(p[0]), 1),
        "cu3" => Controlled(U(p[0], p[1], p[2]), 1),
        "cu" => Controlled(Scale(U(p[0], p[1], p[2]), Complex.Exp(I * p[3])), 1),
        "cz" => Controlled(Z, 1),
        "cp" or "cu1" => Controlled(Phase(p[0]), 1),
        "crz" => Controlled(Rz(p[0]), 1),
        "swap" => Swap,
        "cswap" => Controlled(Swap, 1),
        // exp(−iθ P⊗P/2) = cos(θ/2) I − i sin(θ/2) P⊗P for a Pauli P.
        "rzz" => Add(Scale(Identity(4), Math.Cos(p[0] / 2)), Kron(Z, Z), -I * Math.Sin(p[0] / 2)),
        "rxx" => Add(Scale(Identity(4), Math.Cos(p[0] / 2)), Kron(X, X), -I * Math.Sin(p[0] / 2)),
        _ => throw new ArgumentException($"the reference does not know gate '{name}'"),
    };

    /// <summary>
    /// The 2^n × 2^n matrix of <paramref name="m"/> on <paramref name="qubits"/>: Pᵀ (I ⊗ M) P, where P reorders the
    /// qubits so that qubits[j] becomes position j and the others follow in ascending order.
    /// </summary>
    public static Complex[,] Expand(Complex[,] m, int[] qubits, int n)
    {
        int k = qubits.Length, dim = 1 << n;
        Complex[,] block = Kron(Identity(1 << (n - k)), m);
        int[] order = Order(qubits, n);
        var full = new Complex[dim, dim];
        for (int i = 0; i < dim; i++)
        {
            for (int j = 0; j < dim; j++)
            {
                full[i, j] = block[Permute(i, order), Permute(j, order)];
            }
        }
        return full;
    }

    public static Complex[] MatVec(Complex[,] a, Complex[] v)
    {
        int d = v.Length;
        var r = new Complex[d];
        for (int i = 0; i < d; i++)
        {
            Complex s = 0;
            for (int j = 0; j < d; j++)
            {
                s += a[i, j] * v[j];
            }
            r[i] = s;
        }
        return r;
    }

    /// <summary>Pᵀ (I ⊗ M) P ψ without forming the 2^n × 2^n matrix: permute, apply M to each block of 2^k, permute back.</summary>
    public static Complex[] ApplyStructured(Complex[,] m, int[] qubits, Complex[] state)
    {
        int n = System.Numerics.BitOperations.Log2((uint)state.Length), k = qubits.Length, blk = 1 << k;
        int[] order = Order(qubits, n);
        var permuted = new Complex[state.Length];
        for (int i = 0; i < state.Length; i++)
        {
            permuted[Permute(i, order)] = state[i];
        }
        var result = new Complex[state.Length];
        for (int b = 0; b < state.Length; b += blk)
        {
            for (int r = 0; r < blk; r++)
            {
                Complex s = 0;
                for (int c = 0; c < blk; c++)
                {
                    s += m[r, c] * permuted[b + c];
                }
                result[b + r] = s;
            }
        }
        var back = new Complex[state.Length];
        for (int i = 0; i < state.Length; i++)
        {
            back[i] = result[Permute(i, order)];
        }
        return back;
    }

    private static int[] Order(int[] qubits, int n) => [.. qubits, .. Enumerable.Range(0, n).Where(q => !qubits.Contains(q))];

    // New index: bit j = bit order[j] of the old index.
    private static int Permute(int index, int[] order)
    {
        int r = 0;
        for (int j = 0; j < order.Length; j++)
        {
            r |= ((index >> order[j]) & 1) << j;
        }
        return r;
    }

    public static Complex[] RandomState(int n, Random random)
    {
        var a = new Complex[1 << n];
        double norm = 0;
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5);
            norm += a[i].Magnitude * a[i].Magnitude;
        }
        for (int i = 0; i < a.Length; i++)
        {
            a[i] /= Math.Sqrt(norm);
        }
        return a;
    }

    public static double MaxDifference(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, (a[i] - b[i]).Magnitude);
        }
        return max;
    }
}
