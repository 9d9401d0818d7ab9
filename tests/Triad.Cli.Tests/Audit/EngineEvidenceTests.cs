using Triad.Cli.Audit;
using Triad.Hardware;
using Triad.Hardware.Audit;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Modules.Photonic;
using Triad.Learning.Optimizers;
using Triad.Learning.Training;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Triad.Photonics.Meshes;
using Triad.Photonics.Pcm;
using Triad.Photonics.Thermal;
using Triad.Photonics.Wdm;

namespace Triad.Cli.Tests.Audit;

/// <summary>
/// Every simulation <c>triad audit</c> runs (<see cref="EngineEvidence"/>), each checked against hand arithmetic or the
/// engine called directly with the same settings (those of claims/article.json, shrunk as <c>--quick</c> shrinks them).
/// </summary>
public class EngineEvidenceTests
{
    private static readonly EngineEvidence s_quick = new(quick: true);

    private static ClaimEvidence Run(string simulation, params (string Key, double Value)[] settings) =>
        s_quick.Run(simulation, settings.ToDictionary(s => s.Key, s => s.Value));

    private static double Value(ClaimEvidence e, string name) => e.Get(name).Value;

    private static MeshPhases Haar(int modes, ulong seed) =>
        MeshDecomposition.Decompose(MeshKind.Clements, UnitaryMatrix.Haar(modes, new SeededRandom(seed)), modes);

    [Fact]
    public void PhotonicLatency_IsTimeOfFlightPlusOneDacAndOneAdcSample()
    {
        ClaimEvidence e = Run("photonic-latency", ("modes", 64), ("bits", 8), ("rateGigasamplesPerSecond", 10), ("seed", 1));
        // 64 MZIs deep × 300 µm × group index 4.2 / c = 268.99 ps; (1 + 1) samples / 10 GS/s = 200 ps.
        double flight = 64 * 300e-6 * 4.2 / 299_792_458;
        Assert.Equal(flight, Value(e, "propagationSeconds"), 1e-18);
        Assert.Equal(2e-10, Value(e, "conversionSeconds"), 1e-18);
        Assert.Equal(flight + 2e-10, Value(e, "latencySeconds"), 1e-18);
    }

    [Fact]
    public void Wdm_EqualsTheMeshRunDirectly_SixteenChannelsKeepFidelityButNotSevenBits()
    {
        ClaimEvidence e = Run("wdm-crosstalk", ("modes", 16), ("channels", 16), ("spacingNanometers", 0.8), ("isolationDb", 25), ("vectors", 16), ("seed", 1));
        WdmResult direct = WdmMesh.Run(Haar(16, 1), new WdmChannels(16) { SpacingMeters = 0.8e-9, IsolationDb = 25 }, 16, 1);
        Assert.Equal(direct.MinFidelity, Value(e, "minFidelity"));
        Assert.Equal(direct.IntensityError, Value(e, "intensityError"));
        Assert.InRange(Value(e, "minFidelity"), 0.997, 0.999);
        // Mostly the two neighbours' leak: 2 × 10^−2.5 = 0.63 % of each power, from channels of other intensities.
        Assert.InRange(Value(e, "intensityError"), 0.01, 0.05);
    }

    [Fact]
    public void Pcm_ZeroStaticPower_AndDriftEqualsTheBankDirectly()
    {
        ClaimEvidence e = Run("pcm-weights", ("weights", 512), ("levels", 8), ("programmingNoise", 0), ("years", 10), ("seed", 3));
        Assert.Equal(0, Value(e, "staticPowerWatts"));
        var random = new SeededRandom(3);
        double[] w = [.. Enumerable.Range(0, 512).Select(_ => random.NextDouble())];
        PcmWeightBank bank = PcmWeightBank.Program(PcmCell.Rios2015, w, new SeededRandom(4));
        double[] a = bank.FieldWeights(0), b = bank.FieldWeights(10 * 365.25 * 86_400);
        double drift = Math.Sqrt(a.Zip(b).Average(p => (p.First - p.Second) * (p.First - p.Second)));
        Assert.Equal(drift, Value(e, "driftRmsAfterYears"), 1e-15);
        Assert.True(drift > 0, "ten years of drift should move amorphous-rich cells");
    }

    [Fact]
    public void Remedies_EqualTheDriftSimulationDirectly_PidBeatsNoRemedy()
    {
        ClaimEvidence e = Run("thermal-remedies", ("modes", 8), ("durationSeconds", 20), ("stepSeconds", 0.5), ("walkKelvinPerRootSecond", 0.3),
            ("gradientKelvin", 0.5), ("intervalSeconds", 10), ("seed", 1));
        var chip = new ThermalChip { GradientAcrossModesKelvin = 0.5 };
        AmbientTrace trace = AmbientTrace.RandomWalk(20, 0.5, 0.3, 1);
        Assert.Equal(DriftSimulation.Run(Haar(8, 1), chip, trace, new PidHeaterControl()).MeanFidelity, Value(e, "pidMeanFidelity"));
        Assert.Equal(DriftSimulation.Run(Haar(8, 1), chip, trace, new NoRemedy()).MeanFidelity, Value(e, "noneMeanFidelity"));
        Assert.True(Value(e, "pidMeanFidelity") > Value(e, "noneMeanFidelity"));
    }

    [Fact]
    public void Pec_OverheadIsGammaSquaredInClosedForm_AndMitigationAndRecalibrationHelp()
    {
        ClaimEvidence e = Run("pec-recalibration", ("steps", 1000), ("quickSteps", 300), ("interval", 100), ("samples", 20000), ("quickSamples", 10000),
            ("driftPerStep", 0.001), ("seed", 17));
        // At the last step (299) both probabilities are × 1.299. A depolarising channel on k qubits has
        // γ = (1 + p(4^k − 2)/4^k)/(1 − p); the circuit has 8 ry and 3 cx.
        double p1 = 0.01 * 1.299, p2 = 0.03 * 1.299;
        double g1 = (1 + (p1 * 2 / 4)) / (1 - p1), g2 = (1 + (p2 * 14 / 16)) / (1 - p2);
        double gamma = Math.Pow(g1, 8) * Math.Pow(g2, 3);
        Assert.Equal(gamma * gamma, Value(e, "shotOverhead"), 1e-9);
        Assert.True(Value(e, "errorReduction") > 2, $"PEC reduced the error only {Value(e, "errorReduction")}×");
        Assert.True(Value(e, "recalibrationGain") > 1, $"recalibrating gained {Value(e, "recalibrationGain")}×");
    }

    private static (Dataset Train, Dataset Test) Digits() => BuiltInData.Load("digits").StratifiedSplit(0.2, 42);

    private static Model<float> Train(string name, int epochs, double rate, IGradientTransform<float>? transform = null)
    {
        Model<float> model = Model<float>.Build(BuiltInModels.Get(name), 42);
        using var trainer = new Trainer<float>(model, new TrainingOptions
        {
            Epochs = epochs,
            BatchSize = 32,
            Seed = 42,
            ValidationFraction = 0.1,
            Patience = 0,
            Optimizer = new OptimizerSpec { Name = "adam", LearningRate = rate },
            LearningRateSchedule = "cosine",
        });
        if (transform is not null)
        {
            trainer.GradientTransforms.Add(transform);
        }
        trainer.Fit(Digits().Train);
        return model;
    }

    [Fact]
    public void ThermalSlope_EqualsTheTrainedNetworkScoredDirectly()
    {
        ClaimEvidence e = Run("onn-thermal-slope", ("epochs", 100), ("quickEpochs", 2), ("learningRate", 0.01), ("seed", 42), ("maxDeltaKelvin", 1), ("maxDeltaKelvinBalanced", 40));
        Model<float> model = Train("digits-onn", 2, 0.01);
        double[] Score(ThermalChip chip, double[] deltas)
        {
            double[] accuracy = new double[deltas.Length];
            for (int i = 0; i < deltas.Length; i++)
            {
                PhotonicChip.SetThermalDrift(model, chip, deltas[i]);
                accuracy[i] = 100 * Evaluator.Evaluate(model, Digits().Test).Accuracy;
            }
            PhotonicChip.SetThermalDrift(model, chip, 0);
            return accuracy;
        }
        double[] deltas = [0, 0.25, 0.5, 0.75, 1], balancedDeltas = [0, 10, 20, 30, 40];
        double[] accuracy = Score(new ThermalChip(), deltas);
        double[] balanced = Score(new ThermalChip { Arms = ThermalArms.Balanced }, balancedDeltas);
        Assert.Equal(accuracy[0], Value(e, "idealAccuracy"));
        Assert.Equal(accuracy[0] - accuracy[^1], Value(e, "pointsLostPerKelvin"), 1e-9);
        Assert.Equal((balanced[0] - balanced[^1]) / 40, Value(e, "pointsLostPerKelvinBalanced"), 1e-9);
        Assert.True(Value(e, "pointsLostPerKelvin") > 0.7, "0.073 rad/K on every shifter should cost more than the article's 0.7 points/K");
        Assert.True(Value(e, "pointsLostPerKelvinBalanced") < 0.1 * Value(e, "pointsLostPerKelvin"),
            "balanced arms drift by ΔL/L = 1 % of the unbalanced rate, so they must lose far less per kelvin");
    }

    [Fact]
    public void LossPerKelvin_IsTheSecantOverTheRange() =>
        Assert.Equal(2.5, LearningEvidence.LossPerKelvin([0, 1, 2, 4], [10, 9.5, 5, 0]), 1e-12);

    [Fact]
    public void HybridConvolution_EqualsBothModelsTrainedDirectly()
    {
        ClaimEvidence e = Run("hybrid-convolution", ("epochs", 10), ("quickEpochs", 1), ("learningRate", 0.01), ("seed", 42));
        double hybrid = Evaluator.Evaluate(Train("digits-hybrid", 1, 0.01), Digits().Test).Accuracy;
        double electronic = Evaluator.Evaluate(Train("digits-hybrid-electronic", 1, 0.01), Digits().Test).Accuracy;
        Assert.Equal(100 * (hybrid - electronic), Value(e, "pointsDifference"), 1e-9);
    }

    [Fact]
    public void NoiseInjection_EqualsTheRobustnessMeasuredDirectly()
    {
        ClaimEvidence e = Run("noise-injection-robustness", ("epochs", 30), ("quickEpochs", 2), ("learningRate", 0.001), ("seed", 42), ("errorRate", 0.05),
            ("switchProbability", 0.1), ("noiseSeed", 7), ("weightNoise", 0.1), ("draws", 20), ("quickDraws", 2));
        double Noisy(Model<float> model)
        {
            var saved = model.StateDict().Select(kv => (kv.Key, Values: kv.Value.Span.ToArray(), Shape: kv.Value.Shape.ToArray())).ToArray();
            double sum = 0;
            for (int draw = 0; draw < 2; draw++)
            {
                var random = new SeededRandom(1000 + (ulong)draw);
                foreach (var (_, p) in model.NamedParameters())
                {
                    Span<float> w = p.Span;
                    for (int i = 0; i < w.Length; i++)
                    {
                        w[i] *= (float)(1 + (0.1 * random.NextGaussian()));
                    }
                }
                sum += Evaluator.Evaluate(model, Digits().Test).Accuracy;
                model.LoadStateDict(saved.Select(v => new KeyValuePair<string, Tensor<float>>(v.Key, new Tensor<float>(v.Values, v.Shape))));
            }
            return sum / 2;
        }
        double plain = Noisy(Train("digits-mlp", 2, 0.001));
        double injected = Noisy(Train("digits-mlp", 2, 0.001, new GradientNoiseInjection<float>(0.05, NoisePattern.Telegraph, 0.1, 7)));
        Assert.Equal(100 * ((injected / plain) - 1), Value(e, "robustnessGainPercent"), 1e-9);
    }

    [Fact]
    public void Run_UnreadSetting_IsRefused_AQuickTwinIsNot()
    {
        var ex = Assert.Throws<HardwareDataException>(() => Run("photonic-latency", ("modes", 4), ("bits", 8), ("rateGigasamplesPerSecond", 10), ("seed", 1), ("quickModes", 2), ("typoSetting", 1)));
        Assert.Equal("claims: simulation 'photonic-latency' has no setting 'typoSetting'", ex.Message);
    }

    [Fact]
    public void ThermalSlope_EmptyRange_IsRefusedBeforeTraining()
    {
        var ex = Assert.Throws<HardwareDataException>(() => Run("onn-thermal-slope", ("epochs", 100), ("quickEpochs", 2), ("learningRate", 0.01), ("seed", 42),
            ("maxDeltaKelvin", 0), ("maxDeltaKelvinBalanced", 40)));
        Assert.Equal("claims: simulation 'onn-thermal-slope': maxDeltaKelvin (0) and maxDeltaKelvinBalanced (40) must be above 0 K", ex.Message);
    }

    [Theory]
    [InlineData("photonic-latency", "needs a finite setting 'modes'")]
    [InlineData("onn-thermal-slope", "needs a finite setting 'seed'")]
    public void Run_MissingSetting_NamesSimulationAndSetting(string simulation, string message)
    {
        var ex = Assert.Throws<HardwareDataException>(() => s_quick.Run(simulation, new Dictionary<string, double>()));
        Assert.Equal($"claims: simulation '{simulation}' {message}", ex.Message);
    }

    [Fact]
    public void Run_FractionalCount_NamesSetting()
    {
        var ex = Assert.Throws<HardwareDataException>(() => Run("wdm-crosstalk", ("modes", 16.5)));
        Assert.Contains("setting 'modes' is 16.5; expected a whole number of at least 2", ex.Message, StringComparison.Ordinal);
    }
}
