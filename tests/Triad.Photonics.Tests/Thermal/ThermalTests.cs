using Triad.Numerics.Random;
using Triad.Photonics.Components;
using Triad.Photonics.Energy;
using Triad.Photonics.Meshes;
using Triad.Photonics.Thermal;

namespace Triad.Photonics.Tests.Thermal;

/// <summary>Thermal drift and its remedies against closed forms.</summary>
public class ThermalTests
{
    private static readonly ThermalChip Chip = new();

    // For one MZI (N = 2) a common shift δ of θ, φ and both α gives |Tr(U†U')| = 2cos²(δ/2), so F = cos⁴(δ/2).
    private static double TwoModeFidelity(double delta) => Math.Pow(Math.Cos(delta / 2), 4);

    private static MeshPhases RandomPhases(int n, ulong seed) => MeshPhases.Random(MeshLayout.Clements(n), new SeededRandom(seed));

    [Fact]
    public void PhasePerKelvin_IsTwoPiLDnDtOverLambda()
    {
        Assert.Equal(2 * Math.PI * 100e-6 * 1.8e-4 / 1.55e-6, Chip.PhasePerKelvin, 1e-15);
        Assert.Equal(0.0729660, Chip.PhasePerKelvin, 1e-7);
        Assert.Equal(43.056, Math.PI / Chip.PhasePerKelvin, 1e-3); // kelvin for a π error
    }

    [Fact]
    public void FidelityAgainstDelta_TwoModes_IsCosToTheFourth()
    {
        double[] deltas = [0, 1, 5, 20];
        double[] f = DriftSimulation.FidelityAgainstDelta(RandomPhases(2, 3), Chip, deltas);
        for (int i = 0; i < deltas.Length; i++)
        {
            Assert.Equal(TwoModeFidelity(Chip.PhasePerKelvin * deltas[i]), f[i], 1e-12);
        }
        Assert.Equal(0.93527, f[2], 1e-5);
    }

    [Fact]
    public void FidelityAgainstDelta_FallsWithDelta_On16Modes()
    {
        double[] f = DriftSimulation.FidelityAgainstDelta(RandomPhases(16, 4), Chip, [0, 0.5, 1, 2, 4]);
        Assert.Equal(1.0, f[0], 1e-12);
        for (int i = 1; i < f.Length; i++)
        {
            Assert.True(f[i] < f[i - 1], $"F({i}) = {f[i]} not below {f[i - 1]}");
        }
    }

    [Fact]
    public void Compute_GradientAndCrosstalk_MatchHandValues()
    {
        MeshPhases phases = RandomPhases(4, 5);
        MeshLayout layout = phases.Layout;
        var chip = Chip with { GradientAcrossModesKelvin = 3, GradientAlongColumnsKelvin = 1.5, CrosstalkFraction = 0.04 };
        double[] drift = new double[ThermalDrift.Length(layout)];
        ThermalDrift.Compute(phases, chip, 2.0, drift);
        int a = layout.IndexOf(0, 0), b = layout.IndexOf(0, 2), c = layout.IndexOf(1, 1);
        double kappa = chip.PhasePerKelvin;
        // MZI (column 0, top 0): ΔT = 2 + 3·0.5/3; its neighbour at top 2 adds 4 % of its programmed θ (φ).
        Assert.Equal((kappa * (2 + 0.5)) + (0.04 * ThermoOpticPhaseShifter.Wrap(phases.Theta[b])), drift[a], 1e-14);
        Assert.Equal((kappa * (2 + 0.5)) + (0.04 * ThermoOpticPhaseShifter.Wrap(phases.Phi[b])), drift[layout.Count + a], 1e-14);
        // MZI (column 1, top 1) has no neighbour two modes away in a 4-mode mesh: ΔT = 2 + 3·1.5/3 + 1.5·1/3.
        Assert.Equal(kappa * (2 + 1.5 + 0.5), drift[c], 1e-14);
        // α_3 at the last column, bottom edge: 2 + 3 + 1.5.
        Assert.Equal(kappa * 6.5, drift[(2 * layout.Count) + 3], 1e-14);
    }

    [Fact]
    public void PeriodicRecalibration_OnARamp_ResidualGrowsFromEachCalibration()
    {
        const double dt = 0.1, slope = 2.0; // K/s
        AmbientTrace ramp = AmbientTrace.Ramp(3, dt, slope);
        DriftRun none = DriftSimulation.Run(RandomPhases(2, 6), Chip, ramp, new NoRemedy());
        DriftRun recal = DriftSimulation.Run(RandomPhases(2, 6), Chip, ramp, new PeriodicRecalibration(0.5, calibrationSeconds: 0.01));
        Assert.Equal(31, ramp.Count);
        for (int k = 0; k < ramp.Count; k++)
        {
            double sinceCalibration = (k % 5) * dt;
            Assert.Equal(TwoModeFidelity(Chip.PhasePerKelvin * slope * sinceCalibration), recal.Fidelity[k], 1e-12);
            Assert.Equal(TwoModeFidelity(Chip.PhasePerKelvin * slope * k * dt), none.Fidelity[k], 1e-12);
        }
        Assert.Equal(0.02, recal.Downtime, 1e-15);
        Assert.Equal(0, recal.MeanPowerWatts);
    }

    [Fact]
    public void MonitorOffset_UniformDrift_RemovedExactly_GradientNot()
    {
        AmbientTrace walk = AmbientTrace.RandomWalk(2, 0.05, 1.5, seed: 9);
        MeshPhases phases = RandomPhases(8, 7);
        DriftRun monitor = DriftSimulation.Run(phases, Chip, walk, new MonitorOffsetCorrection(0.05));
        Assert.All(monitor.Fidelity, f => Assert.Equal(1.0, f, 1e-12));
        Assert.Equal(24.77e-3, monitor.MeanPowerWatts, 1e-15); // two monitor heaters at P_π/2

        var graded = Chip with { GradientAcrossModesKelvin = 4 };
        DriftRun withGradient = DriftSimulation.Run(phases, graded, walk, new MonitorOffsetCorrection(0.05));
        DriftRun none = DriftSimulation.Run(phases, graded, walk, new NoRemedy());
        Assert.True(withGradient.MinFidelity < 0.9999, $"a 4 K gradient should remain: {withGradient.MinFidelity}");
        Assert.True(withGradient.MeanFidelity > none.MeanFidelity, $"{withGradient.MeanFidelity} vs {none.MeanFidelity}");
    }

    [Fact]
    public void Pid_StepSettles_AndPaysPiPowerPerRadian()
    {
        const double height = 3.0;
        AmbientTrace step = AmbientTrace.Step(40, 0.1, 0, height);
        MeshPhases phases = RandomPhases(4, 8);
        DriftRun pid = DriftSimulation.Run(phases, Chip, step, new PidHeaterControl());
        Assert.True(pid.Fidelity[0] < 0.999);
        Assert.All(pid.Fidelity.Skip(60), f => Assert.Equal(1.0, f, 1e-12));
        // Steady state: each of the 2·6 + 4 = 16 phases corrected by κ·3 K at P_π/π per radian = 27.6 mW.
        double steady = 16 * Chip.PhasePerKelvin * height * 24.77e-3 / Math.PI;
        Assert.Equal(0.027615, steady, 1e-6);
        Assert.InRange(pid.MeanPowerWatts / steady, 0.97, 1.01);
    }

    [Fact]
    public void Cooled_SeesOnePercent_AndPaysHeatOverCop()
    {
        AmbientTrace step = AmbientTrace.Step(1, 0.25, 0.5, 10);
        MeshPhases phases = RandomPhases(2, 10);
        DriftRun cooled = DriftSimulation.Run(phases, Chip, step, new CooledOperation());
        Assert.Equal(1.0, cooled.Fidelity[0], 1e-12);
        Assert.Equal(TwoModeFidelity(Chip.PhasePerKelvin * 0.1), cooled.Fidelity[4], 1e-12);
        double heaters = EnergyModel.HeaterPowerWatts(phases, new ThermoOpticPhaseShifter());
        // Samples at 0, 0.25 (ΔT 0) and 0.5, 0.75, 1 (ΔT 10 K): mean leak 6 K·0.1 W/K, all over COP 0.5.
        Assert.Equal((heaters + (0.1 * 6)) / 0.5, cooled.MeanPowerWatts, 1e-12);
    }

    [Fact]
    public void RandomWalk_SameSeedSameTrace_IncrementsHaveSigmaRootDt()
    {
        AmbientTrace a = AmbientTrace.RandomWalk(1000, 0.01, 0.2, seed: 11), b = AmbientTrace.RandomWalk(1000, 0.01, 0.2, seed: 11);
        Assert.Equal(a.DeltaKelvin, b.DeltaKelvin);
        Assert.Equal(0, a.DeltaKelvin[0]);
        double[] inc = Enumerable.Range(1, a.Count - 1).Select(k => a.DeltaKelvin[k] - a.DeltaKelvin[k - 1]).ToArray();
        double sd = Math.Sqrt(inc.Average(x => x * x));
        Assert.InRange(sd / (0.2 * Math.Sqrt(0.01)), 0.98, 1.02);
    }

    [Fact]
    public void BadInput_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AmbientTrace.Ramp(1, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AmbientTrace.Ramp(0.01, 0.1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AmbientTrace.RandomWalk(1, 0.1, -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AmbientTrace.Step(1, 0.1, 0, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MonitorOffsetCorrection(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PeriodicRecalibration(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CooledOperation(coefficientOfPerformance: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PidHeaterControl(ki: double.NaN));
        Assert.Equal("CrosstalkFraction", Assert.Throws<ArgumentOutOfRangeException>(
            () => DriftSimulation.FidelityAgainstDelta(RandomPhases(2, 1), Chip with { CrosstalkFraction = 1 }, [0])).ParamName);
        Assert.Equal("HeaterLengthMeters", Assert.Throws<ArgumentOutOfRangeException>(
            () => DriftSimulation.FidelityAgainstDelta(RandomPhases(2, 1), Chip with { HeaterLengthMeters = -1 }, [0])).ParamName);
    }
}
