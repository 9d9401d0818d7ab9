using System.Globalization;
using Triad.Hardware;
using Triad.Hardware.Audit;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Optimizers;
using Triad.Learning.Training;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Triad.Photonics.Thermal;

namespace Triad.Cli.Audit;

/// <summary>
/// The claims that need a trained model (Triad.Learning on the built-in digits, split as <c>triad train</c> splits
/// it: 20 % of each class held out with the seed): accuracy against temperature on a photonic network, noise injection
/// on the gradient, and the hybrid quantum convolution against its electronic twin. Each model is trained here, at
/// audit time, with the settings printed in the assumptions.
/// </summary>
internal static class LearningEvidence
{
    private const double TestFraction = 0.2;

    private static (Dataset Train, Dataset Test) Digits(ulong seed) => BuiltInData.Load("digits").StratifiedSplit(TestFraction, seed);

    private static Model<float> Train(string name, EvidenceSettings s, Dataset train, IGradientTransform<float>? transform = null)
    {
        ulong seed = s.Seed("seed");
        Model<float> model = Model<float>.Build(BuiltInModels.Get(name), seed);
        using var trainer = new Trainer<float>(model, new TrainingOptions
        {
            Epochs = s.Size("epochs"),
            BatchSize = 32,
            Seed = seed,
            ValidationFraction = 0.1,
            Patience = 0,
            Optimizer = new OptimizerSpec { Name = "adam", LearningRate = s.Number("learningRate") },
            LearningRateSchedule = "cosine",
        });
        if (transform is not null)
        {
            trainer.GradientTransforms.Add(transform);
        }
        trainer.Fit(train);
        return model;
    }

    private static string Training(string name, EvidenceSettings s, Dataset train, Dataset test) =>
        $"{name} trained on the built-in digits ({train.Count} training samples, 10 % of them for validation; {test.Count} held out, 20 % per class, seed {s.Seed("seed")}), float32, Adam η = {G(s.Number("learningRate"))} on a cosine schedule, batch 32, {s.SizeNote("epochs")}, seed {s.Seed("seed")}";

    /// <summary>
    /// digits-onn (two 64-mode MZI meshes) trained, then scored with every phase shifter offset by the thermal drift of
    /// a uniform ΔT (<see cref="Triad.Learning.Modules.Photonic.PhotonicChip.SetThermalDrift{T}"/>, which follows
    /// <see cref="ThermalDrift.Compute"/>) on two versions of the stated chip: unbalanced arms (every shifter sees
    /// Δφ = 2π·L·(dn/dT)·ΔT/λ), ΔT from 0 to <c>maxDeltaKelvin</c>, and balanced arms (a uniform ΔT cancels between the
    /// arms; only the arm-length imbalance ΔL acts, δθ = 2π·ΔL·(dn/dT)·ΔT/λ), ΔT from 0 to
    /// <c>maxDeltaKelvinBalanced</c>, each at five points. Accuracy falls slowly at first and then steeply (a phase error
    /// δ costs fidelity ∝ δ², e.g. cos⁴(δ/2) for one MZI), so no single slope describes the curve; the loss rate is the
    /// secant, (accuracy at 0 − accuracy at the largest ΔT)/ΔT, the mean loss per kelvin over the stated range.
    /// </summary>
    public static ClaimEvidence ThermalSlope(EvidenceSettings s)
    {
        (Dataset train, Dataset test) = Digits(s.Seed("seed"));
        double max = s.Number("maxDeltaKelvin"), maxBalanced = s.Number("maxDeltaKelvinBalanced");
        if (!(max > 0) || !(maxBalanced > 0))
        {
            throw new HardwareDataException($"claims: simulation 'onn-thermal-slope': maxDeltaKelvin ({G(max)}) and maxDeltaKelvinBalanced ({G(maxBalanced)}) must be above 0 K");
        }
        Model<float> model = Train("digits-onn", s, train);
        var chip = new ThermalChip();
        var balanced = chip with { Arms = ThermalArms.Balanced };
        (double[] deltas, double[] accuracy) = Sweep(model, test, chip, max);
        (double[] balancedDeltas, double[] balancedAccuracy) = Sweep(model, test, balanced, maxBalanced);
        double loss = LossPerKelvin(deltas, accuracy), balancedLoss = LossPerKelvin(balancedDeltas, balancedAccuracy);
        return new ClaimEvidence(
            [
                new("pointsLostPerKelvin", $"accuracy lost per kelvin over 0–{G(deltas[^1])} K, digits-onn, unbalanced arms", "points/K", loss),
                new("pointsLostPerKelvinBalanced", $"accuracy lost per kelvin over 0–{G(balancedDeltas[^1])} K, digits-onn, balanced arms", "points/K", balancedLoss),
                new("idealAccuracy", "digits-onn accuracy, no drift", "%", accuracy[0]),
            ],
            [
                Training("digits-onn (two 64-mode Clements meshes)", s, train, test),
                $"chip: heater {G(chip.HeaterLengthMeters * 1e6)} µm, λ {G(chip.WavelengthMeters * 1e9)} nm, dn/dT {G(chip.ThermoOpticPerKelvin)} K⁻¹ (Komma et al. 2012): {G(chip.PhasePerKelvin)} rad/K, no gradient, no crosstalk, no remedy",
                $"unbalanced arms (every phase shifter sees ΔT over its heater length): accuracy at ΔT = {Points(deltas, accuracy)}; mean loss {G(loss)} points/K over 0–{G(deltas[^1])} K",
                $"balanced arms (a uniform ΔT cancels between the arms; an arm-length imbalance ΔL = {G(balanced.ArmLengthImbalanceMeters * 1e6)} µm, an assumption, is what drifts): accuracy at ΔT = {Points(balancedDeltas, balancedAccuracy)}; mean loss {G(balancedLoss)} points/K over 0–{G(balancedDeltas[^1])} K",
                "the loss grows faster than linearly in ΔT (a phase error costs fidelity as its square), so a per-kelvin figure holds only for its range",
                "the article names no chip; the two arm models bracket a real design, whose drift also depends on its gradients and crosstalk",
            ]);
    }

    /// <summary>Mean accuracy lost per kelvin between the first and the last point: (y₀ − y_last)/(x_last − x₀).</summary>
    internal static double LossPerKelvin(IReadOnlyList<double> deltas, IReadOnlyList<double> accuracy) =>
        (accuracy[0] - accuracy[^1]) / (deltas[^1] - deltas[0]);

    private static (double[] Deltas, double[] Accuracy) Sweep(Model<float> model, Dataset test, ThermalChip chip, double max)
    {
        double[] deltas = [0, 0.25 * max, 0.5 * max, 0.75 * max, max];
        double[] accuracy = new double[deltas.Length];
        try
        {
            for (int i = 0; i < deltas.Length; i++)
            {
                Triad.Learning.Modules.Photonic.PhotonicChip.SetThermalDrift(model, chip, deltas[i]);
                accuracy[i] = 100 * Evaluator.Evaluate(model, test).Accuracy;
            }
        }
        finally
        {
            Triad.Learning.Modules.Photonic.PhotonicChip.SetThermalDrift(model, chip, 0);
        }
        return (deltas, accuracy);
    }

    private static string Points(double[] deltas, double[] accuracy) =>
        string.Join(", ", deltas.Select((d, i) => $"{G(d)} K: {G(accuracy[i])} %"));

    /// <summary>
    /// digits-mlp trained with and without <see cref="GradientNoiseInjection{T}"/> (telegraph pattern), each then scored
    /// with multiplicative weight noise w ← w·(1 + σ·n), n ~ N(0, 1), averaged over seeded draws; the robustness gain is
    /// the relative change of that noisy accuracy.
    /// </summary>
    public static ClaimEvidence NoiseInjection(EvidenceSettings s)
    {
        (Dataset train, Dataset test) = Digits(s.Seed("seed"));
        double rate = s.Number("errorRate"), switching = s.Number("switchProbability"), sigma = s.Number("weightNoise");
        ulong noiseSeed = s.Seed("noiseSeed");
        int draws = s.Size("draws");
        (double plainClean, double plainNoisy) = Robustness(Train("digits-mlp", s, train), test, sigma, draws);
        (double injectedClean, double injectedNoisy) = Robustness(
            Train("digits-mlp", s, train, new GradientNoiseInjection<float>(rate, NoisePattern.Telegraph, switching, noiseSeed)), test, sigma, draws);
        double gain = 100 * ((injectedNoisy / plainNoisy) - 1);
        return new ClaimEvidence(
            [
                new("robustnessGainPercent", "accuracy gain under weight noise from noise injection", "%", gain),
                new("plainNoisyAccuracy", "accuracy under weight noise, trained plainly", "%", 100 * plainNoisy),
                new("injectedNoisyAccuracy", "accuracy under weight noise, trained with noise injection", "%", 100 * injectedNoisy),
            ],
            [
                Training("digits-mlp", s, train, test) + ", twice: plainly and with noise injection",
                $"noise injection: g ← g + r·rms(g)·s with r = {G(rate)}, s = ±1 telegraph signs flipping with probability {G(switching)} per step (seed {noiseSeed})",
                $"robustness: accuracy with every parameter (weights and biases) multiplied by 1 + {G(sigma)}·N(0, 1), mean of {s.SizeNote("draws")} (seeds 1000 …)",
                $"plain {G(100 * plainClean)} % clean, {G(100 * plainNoisy)} % under weight noise; with injection {G(100 * injectedClean)} % clean, {G(100 * injectedNoisy)} % under weight noise: gain {G(gain)} %",
            ]);
    }

    /// <summary>digits-hybrid (conv → quantum-conv2d on 4 qubits → dense) and digits-hybrid-electronic trained alike.</summary>
    public static ClaimEvidence HybridConvolution(EvidenceSettings s)
    {
        (Dataset train, Dataset test) = Digits(s.Seed("seed"));
        Model<float> hybrid = Train("digits-hybrid", s, train), electronic = Train("digits-hybrid-electronic", s, train);
        double h = 100 * Evaluator.Evaluate(hybrid, test).Accuracy, e = 100 * Evaluator.Evaluate(electronic, test).Accuracy;
        return new ClaimEvidence(
            [
                new("pointsDifference", "hybrid − electronic test accuracy, digits", "points", h - e),
            ],
            [
                Training("digits-hybrid and digits-hybrid-electronic", s, train, test),
                $"digits-hybrid ({hybrid.ParameterCount} parameters: conv → quantum-conv2d, 4 qubits, adjoint gradients → dense) {G(h)} %; digits-hybrid-electronic ({electronic.ParameterCount} parameters, a 3×3 conv, tanh and a 1×1 conv in its place) {G(e)} %",
            ]);
    }

    private static (double Clean, double Noisy) Robustness(Model<float> model, Dataset test, double sigma, int draws)
    {
        double clean = Evaluator.Evaluate(model, test).Accuracy;
        var saved = model.StateDict().Select(kv => (kv.Key, Values: kv.Value.Span.ToArray(), Shape: kv.Value.Shape.ToArray())).ToArray();
        double sum = 0;
        for (int draw = 0; draw < draws; draw++)
        {
            var random = new SeededRandom(1000 + (ulong)draw);
            foreach (var (_, p) in model.NamedParameters())
            {
                Span<float> w = p.Span;
                for (int i = 0; i < w.Length; i++)
                {
                    w[i] *= (float)(1 + (sigma * random.NextGaussian()));
                }
            }
            sum += Evaluator.Evaluate(model, test).Accuracy;
            model.LoadStateDict(saved.Select(v => new KeyValuePair<string, Tensor<float>>(v.Key, new Tensor<float>(v.Values, v.Shape))));
        }
        return (clean, sum / draws);
    }

    private static string G(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
