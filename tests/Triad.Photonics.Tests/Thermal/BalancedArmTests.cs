using System.Numerics;
using Triad.Numerics.Random;
using Triad.Photonics.Meshes;
using Triad.Photonics.Thermal;

namespace Triad.Photonics.Tests.Thermal;

/// <summary>The balanced-arm thermal model (<see cref="ThermalArms.Balanced"/>) against closed forms.</summary>
public class BalancedArmTests
{
    private static readonly ThermalChip Balanced = new() { Arms = ThermalArms.Balanced };

    public static TheoryData<MeshKind, int> KindsAndSizes() => new()
    {
        { MeshKind.Clements, 2 },
        { MeshKind.Clements, 7 },
        { MeshKind.Clements, 16 },
        { MeshKind.Reck, 5 },
        { MeshKind.Reck, 16 },
    };

    [Theory]
    [MemberData(nameof(KindsAndSizes))]
    public void UniformDelta_PerfectlyBalanced_LeavesUnitaryUpToGlobalPhase(MeshKind kind, int n)
    {
        MeshPhases phases = MeshPhases.Random(MeshLayout.Create(kind, n), new SeededRandom(12_000_801 + (ulong)n));
        ThermalChip chip = Balanced with { ArmLengthImbalanceMeters = 0 };
        double[] drift = new double[ThermalDrift.Length(phases.Layout)];
        ThermalDrift.Compute(phases, chip, 7.5, drift);
        int k = phases.Layout.Count;
        // Every MZI's arms and every mode's waveguide warm alike: δθ = δφ = 0, and every output picks up the same
        // (2·columns + 1)·κ·ΔT, the global phase that the detection reference carries too, so δα = 0 as well.
        Assert.All(drift, d => Assert.Equal(0, d, 1e-12));
        Complex[] u = new MziMesh(phases).Matrix();
        Complex[] v = ThermalDrift.DriftedMatrix(phases, drift);
        for (int i = 0; i < u.Length; i++)
        {
            Assert.True((v[i] - u[i]).Magnitude <= 1e-12, $"entry {i}: {v[i]} vs {u[i]}");
        }
        Assert.Equal(1.0, DriftSimulation.FidelityAgainstDelta(phases, chip, [7.5])[0], 1e-12);
    }

    [Fact]
    public void UniformDelta_Imbalance_OneMziClosedForm()
    {
        // One MZI, arms L + ΔL and L at ΔT: δθ = 2π·ΔL·(dn/dT)·ΔT/λ, δφ = 0, and F = cos²(δθ/2)
        // (Tr(T(θ)†T(θ+δ)) = 2·e^{iδ/2}·cos(δ/2) whatever θ and φ).
        MeshPhases phases = MeshPhases.Random(MeshLayout.Clements(2), new SeededRandom(12_000_802));
        ThermalChip chip = Balanced with { ArmLengthImbalanceMeters = 5e-6 };
        double[] deltas = [0, 1, 10, 40];
        double[] f = DriftSimulation.FidelityAgainstDelta(phases, chip, deltas);
        double[] drift = new double[ThermalDrift.Length(phases.Layout)];
        for (int i = 0; i < deltas.Length; i++)
        {
            double expected = 2 * Math.PI * 5e-6 * 1.8e-4 * deltas[i] / 1.55e-6;
            ThermalDrift.Compute(phases, chip, deltas[i], drift);
            Assert.Equal(expected, drift[0], 1e-14);
            Assert.Equal(0, drift[1], 1e-14);
            Assert.Equal(drift[2], drift[3], 1e-14);
            Assert.Equal(Math.Pow(Math.Cos(expected / 2), 2), f[i], 1e-12);
        }
        Assert.Equal(0.0036483, drift[0] / 40, 1e-7); // rad per K for ΔL = 5 µm
    }

    [Fact]
    public void GradientAcrossModes_OneMzi_ArmDifference()
    {
        // Two modes, 2 K from mode 0 to mode 1: the arms differ by 2 K, δθ = κ·(ΔT_0 − ΔT_1) = −2κ (ΔL = 0).
        MeshPhases phases = MeshPhases.Random(MeshLayout.Clements(2), new SeededRandom(12_000_803));
        ThermalChip chip = Balanced with { ArmLengthImbalanceMeters = 0, GradientAcrossModesKelvin = 2 };
        double[] drift = new double[ThermalDrift.Length(phases.Layout)];
        ThermalDrift.Compute(phases, chip, 3, drift);
        double kappa = chip.PhasePerKelvin;
        Assert.Equal(-2 * kappa, drift[0], 1e-14);
        Assert.Equal(-2 * kappa, drift[1], 1e-14); // the φ segments differ by the same 2 K
        Assert.Equal(-2 * kappa, drift[2] - drift[3], 1e-14); // the output screen, likewise
    }

    [Fact]
    public void BalancedFidelitySlope_FarBelowUnbalanced()
    {
        // 16 modes, 1 K: the unbalanced chip loses the whole κ·ΔT on every phase, the balanced one only ΔL/L of it.
        MeshPhases phases = MeshPhases.Random(MeshLayout.Clements(16), new SeededRandom(12_000_804));
        double unbalanced = 1 - DriftSimulation.FidelityAgainstDelta(phases, new ThermalChip(), [1])[0];
        double balanced = 1 - DriftSimulation.FidelityAgainstDelta(phases, Balanced, [1])[0];
        Assert.True(unbalanced > 0.05, $"unbalanced infidelity {unbalanced}");
        Assert.True(balanced < unbalanced * 1e-3, $"balanced infidelity {balanced} vs unbalanced {unbalanced}");
        Assert.True(balanced > 0, "the 1 µm imbalance must cost something");
    }

    [Fact]
    public void MonitorOffsetCorrection_Balanced_RemovesUniformImbalanceDrift()
    {
        // Uniform ΔT, no gradient or crosstalk: every balanced MZI's δθ is the imbalance term, which the monitors read
        // exactly; after the correction the mesh is back to a global phase.
        MeshPhases phases = MeshPhases.Random(MeshLayout.Clements(8), new SeededRandom(12_000_805));
        ThermalChip chip = Balanced with { ArmLengthImbalanceMeters = 20e-6 };
        AmbientTrace trace = AmbientTrace.Step(10, 1, 1, 15);
        DriftRun none = DriftSimulation.Run(phases, chip, trace, new NoRemedy());
        DriftRun monitor = DriftSimulation.Run(phases, chip, trace, new MonitorOffsetCorrection(1));
        Assert.True(none.MinFidelity < 0.9, $"uncorrected F = {none.MinFidelity}");
        Assert.All(monitor.Fidelity, f => Assert.Equal(1.0, f, 1e-12));
    }

    [Fact]
    public void Validate_ImbalanceOutOfRange_NamesIt()
    {
        MeshPhases phases = MeshPhases.Random(MeshLayout.Clements(2), new SeededRandom(1));
        Assert.Equal("ArmLengthImbalanceMeters", Assert.Throws<ArgumentOutOfRangeException>(
            () => DriftSimulation.FidelityAgainstDelta(phases, Balanced with { ArmLengthImbalanceMeters = -200e-6 }, [0])).ParamName);
        Assert.Equal("ArmLengthImbalanceMeters", Assert.Throws<ArgumentOutOfRangeException>(
            () => DriftSimulation.FidelityAgainstDelta(phases, Balanced with { ArmLengthImbalanceMeters = double.NaN }, [0])).ParamName);
        Assert.Equal("Arms", Assert.Throws<ArgumentOutOfRangeException>(
            () => DriftSimulation.FidelityAgainstDelta(phases, Balanced with { Arms = (ThermalArms)7 }, [0])).ParamName);
    }
}
