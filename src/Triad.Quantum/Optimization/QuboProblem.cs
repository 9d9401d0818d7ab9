using System.Globalization;
using Triad.Numerics.Random;
using Triad.Quantum.Gradients;

namespace Triad.Quantum.Optimization;

/// <summary>
/// A quadratic unconstrained binary optimisation: minimise C(x) = Σᵢⱼ Qᵢⱼ xᵢ xⱼ + c over x ∈ {0, 1}ⁿ (the diagonal
/// holds the linear terms, since xᵢ² = xᵢ). Bit i of a basis index is xᵢ, as qubit i of a state. Max-cut of a weighted
/// graph is the QUBO C(x) = −Σ_{(i,j)∈E} wᵢⱼ (xᵢ + xⱼ − 2xᵢxⱼ), minus the cut (Lucas, "Ising formulations of many NP
/// problems", Front. Phys. 2, 5 (2014), §2.2).
/// </summary>
public sealed class QuboProblem
{
    private readonly double[,] _q;

    /// <summary>A QUBO with matrix <paramref name="q"/> (any square matrix; only Qᵢⱼ + Qⱼᵢ matters off the diagonal) and constant <paramref name="offset"/>.</summary>
    public QuboProblem(double[,] q, double offset = 0)
    {
        ArgumentNullException.ThrowIfNull(q);
        int n = q.GetLength(0);
        if (n != q.GetLength(1) || n == 0)
        {
            throw new ArgumentException($"a QUBO matrix is square and non-empty, not {q.GetLength(0)} × {q.GetLength(1)}");
        }
        if (n > 30)
        {
            throw new ArgumentException($"a QUBO of {n} variables is beyond exact search and state-vector QAOA here (at most 30)");
        }
        foreach (double v in q)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("a QUBO matrix has finite entries");
            }
        }
        _q = (double[,])q.Clone();
        Offset = offset;
    }

    /// <summary>Number of binary variables (qubits).</summary>
    public int Size => _q.GetLength(0);

    /// <summary>The constant c.</summary>
    public double Offset { get; }

    /// <summary>Qᵢⱼ.</summary>
    public double this[int i, int j] => _q[i, j];

    /// <summary>Max-cut of a weighted graph on <paramref name="vertices"/> vertices as a QUBO whose cost is minus the cut.</summary>
    public static QuboProblem MaxCut(int vertices, IEnumerable<(int I, int J, double W)> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentOutOfRangeException.ThrowIfLessThan(vertices, 1);
        var q = new double[vertices, vertices];
        foreach ((int i, int j, double w) in edges)
        {
            if (i < 0 || j < 0 || i >= vertices || j >= vertices || i == j)
            {
                throw new ArgumentException($"edge {i}-{j} is not between two distinct vertices of 0..{vertices - 1}");
            }
            q[i, i] -= w;
            q[j, j] -= w;
            q[i, j] += w;
            q[j, i] += w;
        }
        return new QuboProblem(q);
    }

    /// <summary>A G(n, p) random graph with unit weights, drawn from <paramref name="seed"/>.</summary>
    public static List<(int I, int J, double W)> RandomGraph(int vertices, double p, ulong seed)
    {
        var random = new SeededRandom(seed);
        var edges = new List<(int, int, double)>();
        for (int i = 0; i < vertices; i++)
        {
            for (int j = i + 1; j < vertices; j++)
            {
                if (random.NextDouble() < p)
                {
                    edges.Add((i, j, 1.0));
                }
            }
        }
        return edges;
    }

    /// <summary>C(x) for the bits of <paramref name="x"/>.</summary>
    public double Cost(long x)
    {
        int n = Size;
        double c = Offset;
        for (int i = 0; i < n; i++)
        {
            if (((x >> i) & 1) == 0)
            {
                continue;
            }
            for (int j = 0; j < n; j++)
            {
                if (((x >> j) & 1) != 0)
                {
                    c += _q[i, j];
                }
            }
        }
        return c;
    }

    /// <summary>
    /// The cost as an Ising Hamiltonian, diagonal in Z: with xᵢ = (1 − Zᵢ)/2,
    /// H = c + Σᵢ Qᵢᵢ/2 + Σ_{i&lt;j} Sᵢⱼ/4 − Σᵢ (Qᵢᵢ/2 + Σ_{j≠i} Sᵢⱼ/4) Zᵢ + Σ_{i&lt;j} (Sᵢⱼ/4) ZᵢZⱼ, Sᵢⱼ = Qᵢⱼ + Qⱼᵢ.
    /// </summary>
    public (double Constant, double[] H, double[,] J) Ising()
    {
        int n = Size;
        double constant = Offset;
        var h = new double[n];
        var j = new double[n, n];
        for (int a = 0; a < n; a++)
        {
            constant += _q[a, a] / 2;
            h[a] -= _q[a, a] / 2;
            for (int b = a + 1; b < n; b++)
            {
                double s = _q[a, b] + _q[b, a];
                constant += s / 4;
                h[a] -= s / 4;
                h[b] -= s / 4;
                j[a, b] = s / 4;
            }
        }
        return (constant, h, j);
    }

    /// <summary>The cost Hamiltonian as a Pauli observable (⟨H⟩ = expected cost).</summary>
    public PauliObservable Hamiltonian()
    {
        (double constant, double[] h, double[,] j) = Ising();
        var terms = new List<PauliTerm> { new(constant, 0, 0) };
        for (int a = 0; a < Size; a++)
        {
            if (h[a] != 0)
            {
                terms.Add(new PauliTerm(h[a], 0, 1L << a));
            }
            for (int b = a + 1; b < Size; b++)
            {
                if (j[a, b] != 0)
                {
                    terms.Add(new PauliTerm(j[a, b], 0, (1L << a) | (1L << b)));
                }
            }
        }
        return new PauliObservable(terms);
    }

    /// <summary>Bits as a string, variable 0 rightmost (as qubits).</summary>
    public string Bits(long x) => string.Concat(Enumerable.Range(0, Size).Reverse().Select(i => ((x >> i) & 1) == 1 ? '1' : '0'));

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"QUBO on {Size} variables");
}
