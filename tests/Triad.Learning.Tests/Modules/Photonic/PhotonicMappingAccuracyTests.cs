using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Modules.Photonic;
using Triad.Learning.Optimizers;
using Triad.Learning.Training;
using Xunit.Abstractions;

namespace Triad.Learning.Tests.Modules.Photonic;

/// <summary>
/// The Learning tables for weights trained electronically and then mapped onto meshes, against hardware-aware
/// training (<see cref="PhotonicMappingExperiment"/>): iris on 4-mode meshes (iris-onn-electronic: dense 4 → tanh →
/// dense 3) and digits on 64-mode meshes (digits-onn-electronic: dense 64 → relu → dense 10), test accuracy against
/// static phase error σ_φ, means over training seeds × chips. The digits run is cut to one seed, two chips and five
/// epochs of hardware-aware training to keep the suite short; <c>triad photonic map-experiment</c> runs the full size.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PhotonicMappingAccuracyTests(ITestOutputHelper output)
{
    private static readonly double[] s_sigmas = [0, 0.01, 0.02, 0.05, 0.1];

    private static void Check(PhotonicMappingResult result, double idealFloor, string name)
    {
        Assert.InRange(result.LargestOutputDifference, 0, 1e-9);
        Assert.Equal(result.Electronic, result.MappedIdeal);
        Assert.True(result.MappedIdeal.Average() >= idealFloor, $"{name}: mapped on ideal meshes {result.MappedIdeal.Average():P2} is under {idealFloor:P0}");
        foreach (PhotonicMappingRow row in result.Rows.Where(r => r.PhaseError >= 0.05))
        {
            Assert.True(row.OnChip > row.Mapped, $"{name} at σ_φ = {row.PhaseError}: hardware-aware {row.OnChip:P2} does not beat mapped {row.Mapped:P2}");
        }
    }

    [Fact]
    public void Iris_FourModeMeshes_MappedAgainstHardwareAwareTraining()
    {
        (Dataset train, Dataset test) = BuiltInData.Load("iris").StratifiedSplit(0.2, 42);
        PhotonicMappingResult result = PhotonicMappingExperiment.Run(new PhotonicMappingOptions
        {
            Electronic = BuiltInModels.Get("iris-onn-electronic"),
            Train = train,
            Test = test,
            Training = new TrainingOptions { Epochs = 300, BatchSize = 32, ValidationFraction = 0.1, Optimizer = new OptimizerSpec { Name = "adam", LearningRate = 0.01 } },
            Seeds = [42, 43, 44],
            Chips = [1000, 1001, 1002, 1003],
            PhaseErrors = s_sigmas,
            HardwareAwareEpochs = 60,
            HardwareAwareLearningRate = 0.005,
        }, new Progress(output));
        output.WriteLine(result.Format($"iris ({test.Count} test samples), 4-mode Clements meshes, 3 seeds × 4 chips"));
        Check(result, 0.93, "iris");
    }

    [Fact]
    public void Digits_SixtyFourModeMeshes_MappedAgainstHardwareAwareTraining()
    {
        PhotonicMappingResult result = PhotonicMappingExperiment.Run(new PhotonicMappingOptions
        {
            Electronic = BuiltInModels.Get("digits-onn-electronic"),
            Train = TestSupport.Digits.Train,
            Test = TestSupport.Digits.Test,
            Training = new TrainingOptions { Epochs = 60, BatchSize = 32, ValidationFraction = 0.1, Optimizer = new OptimizerSpec { Name = "adam", LearningRate = 0.002 } },
            Seeds = [42],
            Chips = [1000, 1001],
            PhaseErrors = s_sigmas,
            HardwareAwareEpochs = 5,
            HardwareAwareLearningRate = 0.002,
            NoiseAware = false,
        }, new Progress(output));
        output.WriteLine(result.Format($"digits ({TestSupport.Digits.Test.Count} test samples), 64-mode Clements meshes, 1 seed × 2 chips, 5 epochs of hardware-aware training"));
        Check(result, 0.95, "digits");
    }

    private sealed class Progress(ITestOutputHelper output) : IProgress<string>
    {
        public void Report(string value) => output.WriteLine(value);
    }
}
