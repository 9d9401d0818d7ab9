using System.Globalization;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Modules.Photonic;
using Triad.Learning.Optimizers;
using Triad.Learning.Training;
using Triad.Photonics.Meshes;
using Xunit.Abstractions;

namespace Triad.Learning.Tests.Modules.Photonic;

/// <summary>
/// Photonic networks trained on real data, ideal and on chips with static phase errors. Iris: two 4-mode Clements
/// meshes with the electro-optic activation between them, the size of the first coherent optical network
/// (Shen et al., Nature Photonics 11, 441 (2017), 4×4 meshes).
/// </summary>
[Trait("Category", "Slow")]
public sealed class PhotonicAccuracyTests(ITestOutputHelper output)
{

    private static readonly Lazy<(Dataset Train, Dataset Test)> s_iris = new(() => BuiltInData.Load("iris").StratifiedSplit(0.2, 42));

    private static TrainingOptions Options(ulong seed, int epochs = 300) => new()
    {
        Epochs = epochs,
        BatchSize = 32,
        Seed = seed,
        ValidationFraction = 0.1,
        Patience = 0,
        Optimizer = new OptimizerSpec { Name = "adam", LearningRate = 0.01 },
    };

    private static Model<double> Build(ulong seed) => Model<double>.Build(BuiltInModels.Get("iris-onn"), seed);

    private static Model<double> Train(ulong seed, double trainingNoise)
    {
        Model<double> model = Build(seed);
        PhotonicChip.SetTrainingPhaseNoise(model, trainingNoise);
        using var trainer = new Trainer<double>(model, Options(seed));
        trainer.Fit(s_iris.Value.Train);
        PhotonicChip.SetTrainingPhaseNoise(model, 0);
        return model;
    }

    private static MeshDefects Chip(double sigma, int chip) => new(PhaseErrorStdRadians: sigma, Seed: (ulong)(1000 + chip));

    /// <summary>Test accuracy of <paramref name="model"/> on each chip of <paramref name="chips"/>.</summary>
    private static double[] OnChips(Model<double> model, double sigma, IEnumerable<int> chips)
    {
        double[] accuracies = [.. chips.Select(chip =>
        {
            PhotonicChip.SetDefects(model, Chip(sigma, chip));
            return Evaluator.Evaluate(model, s_iris.Value.Test).Accuracy;
        })];
        PhotonicChip.SetDefects(model, MeshDefects.None);
        return accuracies;
    }

    /// <summary>
    /// Training on the chip: the ideally trained phases, programmed onto chip <paramref name="chip"/>, trained on for
    /// 60 epochs with that chip's defects in every pass (so the gradients are the chip's), then scored on it.
    /// </summary>
    private static double TrainedOnChip(Model<double> ideal, ulong seed, double sigma, int chip)
    {
        Model<double> model = Build(seed);
        model.LoadStateDict(ideal.StateDict());
        PhotonicChip.SetDefects(model, Chip(sigma, chip));
        using var trainer = new Trainer<double>(model, Options(seed + 100, epochs: 60));
        trainer.Fit(s_iris.Value.Train);
        return Evaluator.Evaluate(model, s_iris.Value.Test).Accuracy;
    }

    /// <summary>
    /// The table: test accuracy against static phase error for phases trained on an ideal mesh and then
    /// programmed onto chips with that error, against hardware-aware training: on the chip, with its defects in the
    /// training passes (asserted to do better at 0.05 and 0.1 rad), and, for comparison, with fresh random phase noise
    /// of the same σ in every training pass and scored on chips it never saw (reported, not asserted: on this small
    /// network it does not help at 0.05 rad).
    /// </summary>
    [Fact]
    public void Iris_FourModeNetwork_Reaches93PercentIdeal_AndTrainingOnTheChipBeatsProgrammingIdealPhases()
    {
        ulong[] seeds = [42, 43, 44];
        int[] chips = [0, 1, 2, 3];
        Model<double>[] ideal = [.. seeds.Select(seed => Train(seed, 0))];
        double idealAccuracy = Evaluator.Evaluate(ideal[0], s_iris.Value.Test).Accuracy;
        output.WriteLine($"iris-onn, seed 42, ideal mesh: test accuracy {idealAccuracy:P2} ({s_iris.Value.Test.Count} samples)");
        Assert.True(idealAccuracy >= 0.93, $"ideal test accuracy {idealAccuracy:P2} is under 93 %");

        output.WriteLine($"mean test accuracy over {seeds.Length} training seeds × {chips.Length} chips");
        output.WriteLine("σ_φ (rad) | ideal phases programmed | trained on the chip | trained with phase noise (unseen chips)");
        foreach (double sigma in (double[])[0, 0.01, 0.02, 0.05, 0.1])
        {
            double plain = ideal.Average(m => OnChips(m, sigma, chips).Average());
            double onChip = seeds.Select((seed, i) => chips.Average(chip => TrainedOnChip(ideal[i], seed, sigma, chip))).Average();
            double noisy = sigma == 0 ? plain : seeds.Average(seed => OnChips(Train(seed, sigma), sigma, chips).Average());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sigma,9:0.00} | {plain,23:P2} | {onChip,19:P2} | {noisy,10:P2}"));
            if (sigma >= 0.05)
            {
                Assert.True(onChip > plain, $"at σ_φ = {sigma}: trained on the chip {onChip:P2} does not beat programmed ideal phases {plain:P2}");
            }
        }
    }

    /// <summary>
    /// digits-onn (64-mode meshes) with <c>triad train</c>'s split and seed, 100 epochs at η = 0.01 on a cosine
    /// schedule, float32; trained once. (At a constant η the last epochs swing by several points, so the final accuracy
    /// would hang on rounding; the cosine schedule ends on a settled model.)
    /// </summary>
    private static readonly Lazy<Model<float>> s_digitsOnn = new(() =>
    {
        Model<float> model = Model<float>.Build(BuiltInModels.Get("digits-onn"), 42);
        using var trainer = new Trainer<float>(model, new TrainingOptions
        {
            Epochs = 100,
            BatchSize = 32,
            Seed = 42,
            ValidationFraction = 0.1,
            Patience = 0,
            Optimizer = new OptimizerSpec { Name = "adam", LearningRate = 0.01 },
            LearningRateSchedule = "cosine",
        });
        trainer.Fit(TestSupport.Digits.Train);
        return model;
    });

    [Fact]
    public void Digits_SixtyFourModeNetwork_ReachesAtLeast95PercentIdeal()
    {
        double accuracy = Evaluator.Evaluate(s_digitsOnn.Value, TestSupport.Digits.Test).Accuracy;
        output.WriteLine($"digits-onn float32, seed 42: test accuracy {accuracy:P2} ({TestSupport.Digits.Test.Count} samples)");
        Assert.True(accuracy >= 0.95, $"digits-onn: test accuracy {accuracy:P2} is under 95 %");
    }

    /// <summary>
    /// Accuracy against a uniform ambient change ΔT on the stated silicon chip (heater length 100 µm, λ = 1550 nm,
    /// dn/dT = 1.8e-4 K⁻¹: 0.0730 rad/K on every phase shifter, no remedy), with the mean loss per kelvin over 0–1 K and
    /// 0–2 K, the figures the article's "0.7 % per °C" can be set against. The loss is not linear in ΔT: a phase error δ
    /// costs fidelity as δ², so the first tenths of a kelvin cost little and the next ones much more.
    /// </summary>
    [Fact]
    public void Digits_SixtyFourModeNetwork_AccuracyAgainstTemperature()
    {
        Model<float> model = s_digitsOnn.Value;
        var chip = new Triad.Photonics.Thermal.ThermalChip();
        double[] deltas = [0, 0.1, 0.2, 0.3, 0.5, 1, 2];
        double[] accuracies = new double[deltas.Length];
        try
        {
            for (int i = 0; i < deltas.Length; i++)
            {
                PhotonicChip.SetThermalDrift(model, chip, deltas[i]);
                accuracies[i] = Evaluator.Evaluate(model, TestSupport.Digits.Test).Accuracy;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ΔT = {deltas[i],4:0.0} K: test accuracy {accuracies[i]:P2}"));
            }
        }
        finally
        {
            PhotonicChip.SetThermalDrift(model, chip, 0);
        }
        double perKelvinTo1 = 100 * (accuracies[0] - accuracies[5]), perKelvinTo2 = 100 * (accuracies[0] - accuracies[6]) / 2;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mean loss {perKelvinTo1:F1} points per K over 0–1 K and {perKelvinTo2:F1} over 0–2 K ({chip.PhasePerKelvin:F4} rad/K per phase shifter); the article claims 0.7 % per °C"));

        Assert.Equal(Evaluator.Evaluate(model, TestSupport.Digits.Test).Accuracy, accuracies[0]);
        Assert.True(accuracies[^1] < accuracies[0] - 0.05, $"2 K of drift left the accuracy at {accuracies[^1]:P2} (ideal {accuracies[0]:P2})");
        Assert.True(perKelvinTo2 > perKelvinTo1 && perKelvinTo1 > 0, $"loss per K: {perKelvinTo1} over 0–1 K, {perKelvinTo2} over 0–2 K; it should grow with the range");
    }

    /// <summary>
    /// Each remedy holding digits-onn's accuracy over a drifting temperature trace, with its power: a 60 s random walk
    /// (σ = 0.3 K/√s, seed 1, sampled every 0.5 s, scored every 2 s) on the stated silicon chip (heater 100 µm,
    /// λ = 1550 nm, 0.0730 rad/K) with 0.5 K across the modes; monitor reads and recalibrations every 10 s, the defaults
    /// of <c>triad photonic drift</c>.
    /// </summary>
    [Fact]
    public void Digits_SixtyFourModeNetwork_RemediesOverADriftingTrace()
    {
        Model<float> model = s_digitsOnn.Value;
        double undrifted = Evaluator.Evaluate(model, TestSupport.Digits.Test).Accuracy;
        var chip = new Triad.Photonics.Thermal.ThermalChip { GradientAcrossModesKelvin = 0.5 };
        var trace = Triad.Photonics.Thermal.AmbientTrace.RandomWalk(60, 0.5, 0.3, 1);
        IReadOnlyList<DriftAccuracyRun> runs = PhotonicDriftAccuracy.Run(model, TestSupport.Digits.Test, chip, trace, PhotonicDriftAccuracy.DefaultRemedies(10), scoreEvery: 4);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"digits-onn float32, undrifted test accuracy {undrifted:P2}; ambient random walk from {trace.DeltaKelvin.Min():F2} to {trace.DeltaKelvin.Max():F2} K over 60 s, 0.5 K across the modes"));
        output.WriteLine("remedy | mean accuracy | lowest accuracy | mean power (W) | downtime");
        foreach (DriftAccuracyRun r in runs)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Remedy,-11} | {r.MeanAccuracy,8:P2} | {r.MinAccuracy,8:P2} | {r.MeanPowerWatts,8:G4} | {r.Downtime:P2}"));
        }
        DriftAccuracyRun none = runs.Single(r => r.Remedy == "none");
        // At t = 0 the room is at the calibration temperature: without a remedy and cooled alike the chip sees only its gradient.
        Assert.Equal(none.Accuracy[0], runs.Single(r => r.Remedy == "cooled").Accuracy[0]);
        Assert.True(none.MinAccuracy < undrifted - 0.1, $"no remedy kept {none.MinAccuracy:P2} over a walk of {trace.DeltaKelvin.Max():F2} K");
        foreach (DriftAccuracyRun r in runs.Where(r => r.Remedy != "none"))
        {
            Assert.True(r.MeanAccuracy > none.MeanAccuracy, $"{r.Remedy}: mean {r.MeanAccuracy:P2} against {none.MeanAccuracy:P2} without a remedy");
        }
        DriftAccuracyRun pid = runs.Single(r => r.Remedy == "pid");
        Assert.True(pid.MinAccuracy >= undrifted - 0.02, $"PID control fell to {pid.MinAccuracy:P2} (undrifted {undrifted:P2})");
        Assert.All(PhotonicChip.Layers(model), l => Assert.Null(l.PhaseOffsets));
    }

    [Fact]
    public void SetThermalDrift_UniformChip_OffsetsEveryPhaseByKappaDeltaT()
    {
        Model<double> model = Build(1);
        var chip = new Triad.Photonics.Thermal.ThermalChip();
        Assert.Equal(2, PhotonicChip.SetThermalDrift(model, chip, 1.5));
        double kappa = 2 * Math.PI * 100e-6 * 1.8e-4 / 1.55e-6;
        Assert.Equal(0.0729660, chip.PhasePerKelvin, 7);
        foreach (PhotonicLinear<double> layer in PhotonicChip.Layers(model))
        {
            Assert.All(layer.PhaseOffsets!, v => Assert.Equal(kappa * 1.5, v, 12));
        }
        PhotonicChip.SetThermalDrift(model, chip, 0);
        Assert.All(PhotonicChip.Layers(model), layer => Assert.Null(layer.PhaseOffsets));
    }
}
