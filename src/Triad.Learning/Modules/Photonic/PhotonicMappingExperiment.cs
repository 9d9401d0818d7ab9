using System.Globalization;
using System.Text;
using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Optimizers;
using Triad.Learning.Training;
using Triad.Photonics.Meshes;

namespace Triad.Learning.Modules.Photonic;

/// <summary>What <see cref="PhotonicMappingExperiment"/> runs.</summary>
public sealed record PhotonicMappingOptions
{
    /// <summary>The electronic model: dense layers (mapped) and electronic nodes between them.</summary>
    public required ModelSpec Electronic { get; init; }

    /// <summary>Training samples.</summary>
    public required Dataset Train { get; init; }

    /// <summary>Test samples, scored on every chip.</summary>
    public required Dataset Test { get; init; }

    /// <summary>Training of the electronic model (its seed is replaced by each of <see cref="Seeds"/>).</summary>
    public required TrainingOptions Training { get; init; }

    /// <summary>Training seeds: one electronic model per seed.</summary>
    public IReadOnlyList<ulong> Seeds { get; init; } = [42];

    /// <summary>Chips: each is one draw of the defects (a seed for <see cref="PhotonicChip.SetDefects{T}"/>).</summary>
    public IReadOnlyList<ulong> Chips { get; init; } = [1000, 1001, 1002];

    /// <summary>Static phase errors σ_φ (rad) of the table's rows.</summary>
    public IReadOnlyList<double> PhaseErrors { get; init; } = [0, 0.01, 0.02, 0.05, 0.1];

    /// <summary>The other defects of every chip (coupler error, loss, phase bits; their σ_φ and seed are replaced).</summary>
    public MeshDefects OtherDefects { get; init; } = MeshDefects.None;

    /// <summary>Mesh kind.</summary>
    public MeshKind Mesh { get; init; } = MeshKind.Clements;

    /// <summary>Epochs of hardware-aware training (started from the mapped phases).</summary>
    public int HardwareAwareEpochs { get; init; } = 30;

    /// <summary>Adam learning rate of hardware-aware training (phases in rad per step, about).</summary>
    public double HardwareAwareLearningRate { get; init; } = 0.005;

    /// <summary>Whether to run the second hardware-aware variant, fresh phase noise in training and scored on unseen chips.</summary>
    public bool NoiseAware { get; init; } = true;
}

/// <summary>One row of the table: means over seeds × chips of test accuracy at one σ_φ.</summary>
/// <param name="PhaseError">σ_φ (rad).</param>
/// <param name="Mapped">Mapped after electronic training, programmed on the chip.</param>
/// <param name="MappedLowest">The lowest of those seeds × chips.</param>
/// <param name="OnChip">Hardware-aware: the mapped phases trained on with the chip's own defects in every pass.</param>
/// <param name="OnChipLowest">The lowest of those.</param>
/// <param name="NoiseAware">Hardware-aware: the mapped phases trained on with fresh N(0, σ_φ²) phase noise in every
/// training pass, then programmed on the chips (which training never saw); NaN when not run.</param>
public sealed record PhotonicMappingRow(double PhaseError, double Mapped, double MappedLowest, double OnChip, double OnChipLowest, double NoiseAware);

/// <summary>The outcome of <see cref="PhotonicMappingExperiment.Run"/>.</summary>
/// <param name="Electronic">Test accuracy of each seed's electronic model.</param>
/// <param name="MappedIdeal">Test accuracy of each seed's mapped model on ideal meshes.</param>
/// <param name="LargestOutputDifference">Largest |photonic − electronic| output over the test set on ideal meshes, any seed.</param>
/// <param name="Layers">The mapped layers of the first seed.</param>
/// <param name="Rows">The table, one row per σ_φ.</param>
public sealed record PhotonicMappingResult(
    IReadOnlyList<double> Electronic, IReadOnlyList<double> MappedIdeal, double LargestOutputDifference, IReadOnlyList<MappedLayer> Layers,
    IReadOnlyList<PhotonicMappingRow> Rows)
{
    /// <summary>The table as text (accuracies in %).</summary>
    public string Format(string title)
    {
        var b = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        b.AppendLine(title);
        b.AppendLine(c, $"electronic test accuracy per seed: {string.Join(", ", Electronic.Select(a => a.ToString("P2", c)))}; mapped on ideal meshes: {string.Join(", ", MappedIdeal.Select(a => a.ToString("P2", c)))}; largest output difference {LargestOutputDifference:E1}");
        foreach (MappedLayer l in Layers)
        {
            b.AppendLine(c, $"  layer {l.Node}: {l.Outputs}×{l.Inputs} on {l.Modes}-mode meshes, {l.Mzis} MZIs, scale {l.Matrix.Scale:F3}, ‖W − W_hw‖_F {l.ReconstructionError:E1}");
        }
        b.AppendLine("σ_φ (rad) | mapped after electronic training (mean, lowest) | hardware-aware: trained on the chip (mean, lowest) | hardware-aware: phase noise, unseen chips");
        foreach (PhotonicMappingRow r in Rows)
        {
            string noise = double.IsNaN(r.NoiseAware) ? "—" : r.NoiseAware.ToString("P2", c);
            b.AppendLine(c, $"{r.PhaseError,9:0.00} | {r.Mapped,8:P2} ({r.MappedLowest:P2}) | {r.OnChip,8:P2} ({r.OnChipLowest:P2}) | {noise}");
        }
        return b.ToString();
    }
}

/// <summary>
/// The issue's Learning table for weights trained electronically and then mapped. For each training seed: train the
/// electronic model, map every dense layer onto two meshes (<see cref="PhotonicMapping.ToPhotonic{T}"/>; exact on ideal
/// meshes, which is checked: the accuracies and the largest output difference are reported), then for each σ_φ and
/// each chip (one draw of the defects):
/// <list type="bullet">
/// <item>mapped: program the mapped phases on the chip and score the test set;</item>
/// <item>hardware-aware, on the chip: start from the mapped phases on that chip and train the phases and the electronic
/// biases with the chip's defects in every forward and adjoint pass (in-situ training, Hughes et al., Optica 5, 864
/// (2018)), then score on the same chip;</item>
/// <item>hardware-aware, phase noise: start from the mapped phases and train with fresh phase errors N(0, σ_φ²) in every
/// training pass (no chip known), then score on every chip.</item>
/// </list>
/// Everything is in double precision and seeded: the same options give the same table on any thread count.
/// </summary>
public static class PhotonicMappingExperiment
{
    /// <summary>Runs the experiment.</summary>
    public static PhotonicMappingResult Run(PhotonicMappingOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        int s = options.PhaseErrors.Count;
        var mapped = new List<double>[s];
        var onChip = new List<double>[s];
        var noise = new List<double>[s];
        for (int i = 0; i < s; i++)
        {
            (mapped[i], onChip[i], noise[i]) = ([], [], []);
        }
        var electronicAccuracy = new List<double>();
        var idealAccuracy = new List<double>();
        double largest = 0;
        IReadOnlyList<MappedLayer> firstLayers = [];
        foreach (ulong seed in options.Seeds)
        {
            Model<double> electronic = Model<double>.Build(options.Electronic, seed);
            using (var trainer = new Trainer<double>(electronic, options.Training with { Seed = seed }))
            {
                trainer.Fit(options.Train);
            }
            electronicAccuracy.Add(Evaluator.Evaluate(electronic, options.Test).Accuracy);
            Model<double> photonic = PhotonicMapping.ToPhotonic(electronic, options.Mesh, out IReadOnlyList<MappedLayer> layers);
            if (firstLayers.Count == 0)
            {
                firstLayers = layers;
            }
            idealAccuracy.Add(Evaluator.Evaluate(photonic, options.Test).Accuracy);
            largest = Math.Max(largest, LargestDifference(electronic, photonic, options.Test));
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: electronic {electronicAccuracy[^1]:P2}, mapped on ideal meshes {idealAccuracy[^1]:P2}"));

            for (int i = 0; i < s; i++)
            {
                double sigma = options.PhaseErrors[i];
                foreach (ulong chip in options.Chips)
                {
                    PhotonicChip.SetDefects(photonic, Chip(options, sigma, chip));
                    mapped[i].Add(Evaluator.Evaluate(photonic, options.Test).Accuracy);
                    Model<double> tuned = Copy(photonic);
                    PhotonicChip.SetDefects(tuned, Chip(options, sigma, chip));
                    FineTune(tuned, options, seed);
                    onChip[i].Add(Evaluator.Evaluate(tuned, options.Test).Accuracy);
                }
                PhotonicChip.SetDefects(photonic, MeshDefects.None);
                if (options.NoiseAware)
                {
                    Model<double> noisy = Copy(photonic);
                    PhotonicChip.SetTrainingPhaseNoise(noisy, sigma);
                    FineTune(noisy, options, seed);
                    PhotonicChip.SetTrainingPhaseNoise(noisy, 0);
                    foreach (ulong chip in options.Chips)
                    {
                        PhotonicChip.SetDefects(noisy, Chip(options, sigma, chip));
                        noise[i].Add(Evaluator.Evaluate(noisy, options.Test).Accuracy);
                    }
                }
                progress?.Report(string.Create(CultureInfo.InvariantCulture,
                    $"seed {seed}, σ_φ {sigma}: mapped {mapped[i].Skip(mapped[i].Count - options.Chips.Count).Average():P2}, on the chip {onChip[i].Skip(onChip[i].Count - options.Chips.Count).Average():P2}"));
            }
        }
        PhotonicMappingRow[] rows = [.. Enumerable.Range(0, s).Select(i => new PhotonicMappingRow(
            options.PhaseErrors[i], mapped[i].Average(), mapped[i].Min(), onChip[i].Average(), onChip[i].Min(),
            noise[i].Count > 0 ? noise[i].Average() : double.NaN))];
        return new PhotonicMappingResult(electronicAccuracy, idealAccuracy, largest, firstLayers, rows);
    }

    /// <summary>The defects of chip <paramref name="chip"/> at σ_φ (other defects as the options say).</summary>
    public static MeshDefects Chip(PhotonicMappingOptions options, double sigma, ulong chip)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.OtherDefects with { PhaseErrorStdRadians = sigma, Seed = chip };
    }

    /// <summary>Largest |photonic − electronic| over every output of every sample of <paramref name="data"/>.</summary>
    public static double LargestDifference(Model<double> electronic, Model<double> photonic, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(electronic);
        ArgumentNullException.ThrowIfNull(photonic);
        ArgumentNullException.ThrowIfNull(data);
        double[] a = Outputs(electronic, data), b = Outputs(photonic, data);
        double largest = 0;
        for (int i = 0; i < a.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(a[i] - b[i]));
        }
        return largest;
    }

    /// <summary>The model's outputs (row-major, samples × outputs) on every sample, in evaluation mode.</summary>
    public static double[] Outputs(Model<double> model, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        data = DataFit.Conform(model, data);
        model.Eval();
        using var tape = new Autograd.Tape<double>();
        return model.Forward(tape.Input(DataFit.Features<double>(data))).Span.ToArray();
    }

    private static Model<double> Copy(Model<double> model)
    {
        Model<double> copy = Model<double>.Build(model.Spec, 0);
        copy.LoadStateDict(model.StateDict());
        return copy;
    }

    private static void FineTune(Model<double> model, PhotonicMappingOptions options, ulong seed)
    {
        var training = options.Training with
        {
            Seed = seed + 100,
            Epochs = options.HardwareAwareEpochs,
            Patience = 0,
            Optimizer = new OptimizerSpec { Name = "adam", LearningRate = options.HardwareAwareLearningRate },
        };
        using var trainer = new Trainer<double>(model, training);
        trainer.Fit(options.Train);
    }
}
