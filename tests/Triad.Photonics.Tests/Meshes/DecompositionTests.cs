using System.Numerics;
using CsCheck;
using Triad.Numerics.Random;
using Triad.Photonics.Meshes;
using Triad.Photonics.Tests.TestSupport;
using Triad.Tests.Shared;
using Xunit.Abstractions;

namespace Triad.Photonics.Tests.Meshes;

/// <summary>Clements and Reck decompositions: round trips, counts, ranges, and the rebuild through the formula alone.</summary>
public class DecompositionTests
{
    private const ulong Seed = 12_000_001;
    private readonly ITestOutputHelper _output;

    public DecompositionTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<MeshKind, int> Sizes()
    {
        var data = new TheoryData<MeshKind, int>();
        foreach (MeshKind kind in new[] { MeshKind.Clements, MeshKind.Reck })
        {
            foreach (int n in new[] { 2, 3, 4, 16, 64, 256 })
            {
                data.Add(kind, n);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Decompose_HaarUnitary_RoundTripsWithin1e10(MeshKind kind, int n)
    {
        Complex[] u = UnitaryMatrix.Haar(n, new SeededRandom(Seed + (ulong)n));
        MeshPhases phases = MeshDecomposition.Decompose(kind, u, n);

        Assert.Equal(n * (n - 1) / 2, phases.Layout.Count);
        double viaMesh = UnitaryMatrix.FrobeniusDistance(u, new MziMesh(phases).Matrix());
        double viaFormula = UnitaryMatrix.FrobeniusDistance(u, n <= 16 ? DenseReference.FullProduct(phases) : DenseReference.RowProduct(phases));
        _output.WriteLine($"seed {Seed + (ulong)n}: {kind} N={n}: ‖U − mesh‖_F = {viaMesh:E2}, ‖U − formula‖_F = {viaFormula:E2}");
        Assert.True(viaMesh <= 1e-10, $"mesh rebuild error {viaMesh:E3}");
        Assert.True(viaFormula <= 1e-10, $"formula rebuild error {viaFormula:E3}");
    }

    [Fact]
    public void Decompose_RandomSizesAndSeeds_RoundTripAndPhaseRanges()
    {
        Gen<(int N, bool Reck, ulong Seed)> gen = Gen.Select(Gen.Int[1, 24], Gen.Bool, Gen.ULong);
        PropertyRunner.Run(gen, c =>
        {
            MeshKind kind = c.Reck ? MeshKind.Reck : MeshKind.Clements;
            Complex[] u = UnitaryMatrix.Haar(c.N, new SeededRandom(c.Seed));
            MeshPhases phases = MeshDecomposition.Decompose(kind, u, c.N);
            double error = UnitaryMatrix.FrobeniusDistance(u, DenseReference.FullProduct(phases));
            if (error > 1e-11 * Math.Max(1, c.N))
            {
                throw new InvalidOperationException($"{kind} N={c.N} seed {c.Seed}: error {error:E3}");
            }
            if (phases.Theta.Any(t => t is < 0 or > Math.PI) || phases.Phi.Concat(phases.Alpha).Any(p => p is < 0 or >= 2 * Math.PI))
            {
                throw new InvalidOperationException($"{kind} N={c.N} seed {c.Seed}: a phase is out of range");
            }
        }, Seed, 60, _output);
    }

    [Fact]
    public void Decompose_PermutationAndDiagonal_RoundTrip()
    {
        // Matrices with exact zeros exercise the atan2/arg edge cases (θ = 0 or π, arg 0 = 0).
        const int n = 5;
        var perm = new Complex[n * n];
        int[] p = [3, 0, 4, 1, 2];
        for (int i = 0; i < n; i++)
        {
            perm[(i * n) + p[i]] = Complex.FromPolarCoordinates(1, 0.3 * i);
        }
        Complex[] identity = DenseReference.Identity(n);
        foreach (MeshKind kind in new[] { MeshKind.Clements, MeshKind.Reck })
        {
            foreach (Complex[] u in new[] { perm, identity })
            {
                MeshPhases phases = MeshDecomposition.Decompose(kind, u, n);
                Assert.True(UnitaryMatrix.FrobeniusDistance(u, DenseReference.FullProduct(phases)) <= 1e-13);
            }
        }
    }

    [Fact]
    public void Decompose_OneMode_IsOnePhase()
    {
        Complex[] u = [Complex.FromPolarCoordinates(1, 2.0)];
        MeshPhases phases = MeshDecomposition.Decompose(MeshKind.Clements, u, 1);
        Assert.Equal(0, phases.Layout.Count);
        Assert.Equal(2.0, phases.Alpha[0], 14);
    }

    [Fact]
    public void Decompose_NotUnitary_RefusedWithDeviation()
    {
        Complex[] u = UnitaryMatrix.Haar(4, new SeededRandom(Seed));
        u[5] += 0.1;
        double expected = UnitaryMatrix.UnitarityError(u, 4);
        var e = Assert.Throws<NotUnitaryException>(() => MeshDecomposition.Decompose(MeshKind.Clements, u, 4));
        Assert.Equal(expected, e.Deviation);
        Assert.InRange(expected, 0.1, 0.5);
        Assert.Contains("‖U†U − I‖_F", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Decompose_NonFiniteEntry_RefusedNamingTheEntry(double bad)
    {
        Complex[] u = DenseReference.Identity(3);
        u[5] = new Complex(0, bad);
        var e = Assert.Throws<ArgumentException>(() => MeshDecomposition.Decompose(MeshKind.Reck, u, 3));
        Assert.Contains("entry (1, 2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decompose_WrongCountOrZeroModes_Refused()
    {
        Assert.Throws<ArgumentException>(() => MeshDecomposition.Decompose(MeshKind.Clements, new Complex[6], 3));
        Assert.Throws<ArgumentException>(() => MeshDecomposition.Decompose(MeshKind.Clements, [], 0));
    }

    [Fact]
    public void Layouts_CountsAndDepths_MatchTheirDefinitions()
    {
        for (int n = 1; n <= 20; n++)
        {
            MeshLayout c = MeshLayout.Clements(n), r = MeshLayout.Reck(n);
            Assert.Equal(n * (n - 1) / 2, c.Count);
            Assert.Equal(n * (n - 1) / 2, r.Count);
            Assert.Equal(n >= 3 ? n : n - 1, c.ColumnCount);
            Assert.Equal(n >= 2 ? (2 * n) - 3 : 0, r.ColumnCount);
            for (int k = 0; k < c.Count; k++)
            {
                Assert.Equal(c.Column(k) % 2, c.Top(k) % 2);
            }
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => MeshLayout.Clements(0));
    }
}
