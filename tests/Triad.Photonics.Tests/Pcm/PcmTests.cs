using System.Numerics;
using Triad.Numerics.Random;
using Triad.Photonics.Components;
using Triad.Photonics.Meshes;
using Triad.Photonics.Pcm;

namespace Triad.Photonics.Tests.Pcm;

/// <summary>GST weight bank against hand values.</summary>
public class PcmTests
{
    [Fact]
    public void Levels_AreEvenInTransmission()
    {
        Assert.Equal(8, PcmCell.Rios2015.Levels);
        Assert.Equal(34, PcmCell.Li2019.Levels);
        Assert.Equal(0.9 / 7, PcmCell.Rios2015.LevelStep, 1e-15);
        Assert.Equal(0.05 + (3 * 0.9 / 7), PcmCell.Rios2015.Level(3), 1e-15);
        Assert.Equal(0, PcmCell.Rios2015.AmorphousFraction(0.05), 1e-15);
        Assert.Equal(1, PcmCell.Rios2015.AmorphousFraction(0.95), 1e-15);
    }

    [Fact]
    public void Program_RoundsToTheNearestLevel_AndClampsBelowContrast()
    {
        PcmCell cell = PcmCell.Rios2015;
        // a = √(T_3/T_a) sits on level 3 exactly; a = 0.1 asks T = 0.0095 < T_c and is clamped to level 0.
        double onLevel = Math.Sqrt(cell.Level(3) / 0.95);
        PcmWeightBank bank = PcmWeightBank.Program(cell, [onLevel, 0.1, 1.0, 0.5]);
        double[] t = bank.Transmission(0);
        Assert.Equal(cell.Level(3), t[0], 1e-15);
        Assert.Equal(0.05, t[1], 1e-15);
        Assert.Equal(0.95, t[2], 1e-15);
        // a = 0.5: T* = 0.2375, (0.2375 − 0.05)/0.128571 = 1.458 → level 1 = 0.178571.
        Assert.Equal(cell.Level(1), t[3], 1e-15);
        Assert.Equal(onLevel, bank.FieldWeights(0)[0], 1e-15);
        Assert.Equal(0, PcmWeightBank.StaticPowerWatts);
    }

    [Fact]
    public void Quantisation_ErrorWithinHalfAStep_34LevelsFinerThan8()
    {
        double[] w = Enumerable.Range(0, 200).Select(i => 0.25 + (0.75 * i / 199.0)).ToArray();
        foreach (PcmCell cell in new[] { PcmCell.Rios2015, PcmCell.Li2019 })
        {
            double[] t = PcmWeightBank.Program(cell, w).Transmission(0);
            for (int i = 0; i < w.Length; i++)
            {
                Assert.True(Math.Abs(t[i] - (w[i] * w[i] * 0.95)) <= (cell.LevelStep / 2) + 1e-15, $"{cell.Levels} levels, weight {w[i]}");
            }
        }
    }

    [Fact]
    public void Drift_FollowsThePowerLaw_CrystallineStill()
    {
        PcmWeightBank bank = PcmWeightBank.Program(PcmCell.Rios2015, [1.0, 0.0, Math.Sqrt(PcmCell.Rios2015.Level(4) / 0.95)]);
        Assert.Equal(bank.Transmission(0), bank.Transmission(1)); // no drift before t_0 = 1 s
        double[] t = bank.Transmission(1e4);
        // Fully amorphous: D_a = −ln 0.95 = 0.051293 falls by (10⁴)^−0.1 = 0.398107 to 0.020420: T = 0.979787.
        Assert.Equal(0.97978685, t[0], 1e-8);
        Assert.Equal(0.05, t[1], 1e-15);
        // Level 4: f_a from ln T, then T(t) = exp(−[(1 − f_a)·D_c + f_a·D_a(t)]).
        double fa = PcmCell.Rios2015.AmorphousFraction(PcmCell.Rios2015.Level(4));
        Assert.Equal(Math.Exp(-(((1 - fa) * -Math.Log(0.05)) + (fa * 0.0204202283))), t[2], 1e-10);
        Assert.True(t[2] > PcmCell.Rios2015.Level(4));
    }

    [Fact]
    public void ProgrammingNoise_HasItsSigma()
    {
        var cell = PcmCell.Li2019 with { ProgrammingNoise = 0.004 };
        double a = Math.Sqrt(cell.Level(17) / 0.95);
        double[] t = PcmWeightBank.Program(cell, Enumerable.Repeat(a, 20000).ToArray(), new SeededRandom(3)).Transmission(0);
        double mean = t.Average(), sd = Math.Sqrt(t.Average(x => (x - mean) * (x - mean)));
        Assert.InRange(mean, cell.Level(17) - 1e-4, cell.Level(17) + 1e-4);
        Assert.InRange(sd / 0.004, 0.97, 1.03);
    }

    [Fact]
    public void HeaterHoldPower_IsPiPowerTimesThetaOverPi()
    {
        var heater = new ThermoOpticPhaseShifter();
        // a = sin(π/4): θ = π/2, P_π/2; a = 1: θ = π, P_π; a = 0: nothing.
        Assert.Equal((24.77 / 2) + 24.77, PcmWeightBank.HeaterHoldPowerWatts([Math.Sqrt(0.5), 1.0, 0.0], heater) * 1e3, 1e-10);
    }

    [Fact]
    public void PhotonicMatrix_WithPcmColumn_ErrorShrinksWithLevels()
    {
        const int n = 6;
        var random = new SeededRandom(5);
        Complex[] w = Enumerable.Range(0, n * n).Select(_ => new Complex(random.NextGaussian(), random.NextGaussian())).ToArray();
        PhotonicMatrix ideal = PhotonicMatrix.Map(w, n, n);
        Complex[] exact = ideal.Matrix();
        Assert.Equal(exact, ideal.WithAttenuation(ideal.Attenuation).Matrix());
        double Error(PcmCell cell)
        {
            var bank = PcmWeightBank.Program(cell with { CrystallineTransmission = 0.001 }, ideal.Attenuation);
            Complex[] got = ideal.WithAttenuation(bank.FieldWeights(0)).Matrix();
            return Math.Sqrt(got.Zip(exact, (a, b) => (a - b).Magnitude * (a - b).Magnitude).Sum() / exact.Sum(b => b.Magnitude * b.Magnitude));
        }
        double e8 = Error(PcmCell.Rios2015), e34 = Error(PcmCell.Li2019);
        Assert.True(e34 < e8, $"34 levels {e34} vs 8 levels {e8}");
        Assert.True(e8 > 1e-3 && e34 > 0);
    }

    [Fact]
    public void BadInput_Refused()
    {
        Assert.Equal("fieldWeights", Assert.Throws<ArgumentOutOfRangeException>(() => PcmWeightBank.Program(PcmCell.Rios2015, [1.2])).ParamName);
        Assert.Equal("fieldWeights", Assert.Throws<ArgumentOutOfRangeException>(() => PcmWeightBank.Program(PcmCell.Rios2015, [double.NaN])).ParamName);
        Assert.Equal("Levels", Assert.Throws<ArgumentOutOfRangeException>(() => PcmWeightBank.Program(PcmCell.Rios2015 with { Levels = 1 }, [0.5])).ParamName);
        Assert.Equal("CrystallineTransmission", Assert.Throws<ArgumentOutOfRangeException>(
            () => PcmWeightBank.Program(PcmCell.Rios2015 with { CrystallineTransmission = 0.99 }, [0.5])).ParamName);
        Assert.Throws<ArgumentNullException>(() => PcmWeightBank.Program(PcmCell.Rios2015 with { ProgrammingNoise = 0.01 }, [0.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PcmWeightBank.Program(PcmCell.Rios2015, [0.5]).Transmission(-1));
        Assert.Throws<ArgumentException>(() => PhotonicMatrix.Map([Complex.One], 1, 1).WithAttenuation([2.0]));
    }
}
