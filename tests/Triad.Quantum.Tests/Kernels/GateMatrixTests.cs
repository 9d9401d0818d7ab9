using System.Numerics;
using CsCheck;
using Triad.Numerics.Threading;
using Triad.Quantum.Gates;
using Triad.Quantum.Tests.Support;
using Triad.Tests.Shared;
using Xunit.Abstractions;

namespace Triad.Quantum.Tests.Kernels;

/// <summary>Every standard gate on a random state against its matrix expanded by Kronecker products.</summary>
public sealed class GateMatrixTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> GateNames() => StandardGates.All.Keys.Order(StringComparer.Ordinal).Select(n => new object[] { n });

    [Fact]
    public void Reference_KnowsEveryStandardGate()
    {
        Assert.Equal(StandardGates.All.Keys.Order(StringComparer.Ordinal), DenseReference.Names.Order(StringComparer.Ordinal));
        string[] required = ["u1", "u2", "u3", "u", "p", "id", "x", "y", "z", "h", "s", "sdg", "t", "tdg", "sx", "sxdg", "rx", "ry", "rz",
            "cx", "cy", "cz", "ch", "crx", "cry", "crz", "cu1", "cu3", "cp", "swap", "cswap", "ccx", "rxx", "rzz"];
        Assert.All(required, r => Assert.True(StandardGates.TryGet(r, out _), r));
    }

    [Theory]
    [MemberData(nameof(GateNames))]
    public void Gate_OnRandomState_MatchesKroneckerExpandedMatrix(string name)
    {
        GateDefinition gate = StandardGates.All[name];
        const int n = 6;
        var gen = Gen.Select(Gen.Int[0, 1 << 30], Gen.Double[-7, 7].Array[gate.ParameterCount]);
        PropertyRunner.Run(gen, c =>
        {
            (int seed, double[] parameters) = c;
            var random = new Random(seed);
            int[] qubits = [.. Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(gate.QubitCount)];
            Complex[] state = DenseReference.RandomState(n, random);
            Complex[] expected = DenseReference.MatVec(DenseReference.Expand(DenseReference.Matrix(name, parameters), qubits, n), state);
            Complex[] actual = (Complex[])state.Clone();
            gate.Resolve(parameters, qubits).Apply(actual);
            double diff = DenseReference.MaxDifference(expected, actual);
            Assert.True(diff < 1e-13, $"{name}({string.Join(", ", parameters)}) on [{string.Join(", ", qubits)}]: max |Δ| = {diff:E2}");
        }, baseSeed: 1300 + (ulong)name.Length, cases: 12, output);
    }

    [Theory]
    [MemberData(nameof(GateNames))]
    public void GateDefinitionMatrix_EqualsReference(string name)
    {
        GateDefinition gate = StandardGates.All[name];
        double[] p = [.. Enumerable.Range(1, gate.ParameterCount).Select(i => 0.37 * i - 1.1)];
        Complex[] m = gate.Matrix(p);
        Complex[,] r = DenseReference.Matrix(name, p);
        int dim = 1 << gate.QubitCount;
        for (int i = 0; i < dim; i++)
        {
            for (int j = 0; j < dim; j++)
            {
                Assert.True((m[(i * dim) + j] - r[i, j]).Magnitude < 1e-14, $"{name}[{i},{j}] = {m[(i * dim) + j]}, reference {r[i, j]}");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(15)]
    public void SingleQubitKernels_OnLargeThreadedState_MatchStructuredReference(int target)
    {
        // 16 qubits: above the threading threshold, every kernel family on the SIMD paths (target 0 and ≥ 1).
        const int n = 16;
        var random = new Random(77 + target);
        Complex[] state = DenseReference.RandomState(n, random);
        foreach ((string name, double[] p, int[] q) in new (string, double[], int[])[]
        {
            ("h", [], [target]), ("x", [], [target]), ("rz", [0.7], [target]), ("t", [], [target]), ("u3", [0.3, -1.2, 2.1], [target]),
            ("cx", [], [target, (target + 3) % n]), ("crz", [1.3], [(target + 5) % n, target]), ("rxx", [0.4], [target, (target + 1) % n]),
            ("cswap", [], [(target + 2) % n, target, (target + 7) % n]),
        })
        {
            Complex[] expected = DenseReference.ApplyStructured(DenseReference.Matrix(name, p), q, state);
            Complex[] actual = (Complex[])state.Clone();
            StandardGates.All[name].Resolve(p, q).Apply(actual);
            double diff = DenseReference.MaxDifference(expected, actual);
            Assert.True(diff < 1e-13, $"{name} on [{string.Join(", ", q)}]: max |Δ| = {diff:E2}");
            state = expected;
        }
    }

    [Fact]
    public void Kernels_AnyThreadCount_BitIdentical()
    {
        const int n = 17;
        Complex[] start = DenseReference.RandomState(n, new Random(5));
        Complex[] Run(int threads)
        {
            int saved = ThreadSettings.MaxThreads;
            ThreadSettings.MaxThreads = threads;
            try
            {
                Complex[] s = (Complex[])start.Clone();
                var random = new Random(11);
                foreach (string name in StandardGates.All.Keys.Order(StringComparer.Ordinal))
                {
                    GateDefinition g = StandardGates.All[name];
                    int[] q = [.. Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(g.QubitCount)];
                    double[] p = [.. Enumerable.Range(0, g.ParameterCount).Select(_ => random.NextDouble() * 6)];
                    g.Resolve(p, q).Apply(s);
                }
                return s;
            }
            finally
            {
                ThreadSettings.MaxThreads = saved;
            }
        }
        Complex[] one = Run(1), two = Run(2), five = Run(5);
        Assert.True(one.AsSpan().SequenceEqual(two), "1 vs 2 threads differ");
        Assert.True(one.AsSpan().SequenceEqual(five), "1 vs 5 threads differ");
    }
}
