using Triad.Learning.Data;
using Triad.Learning.Models;
using Triad.Learning.Modules.Photonic;
using Triad.Learning.Optimizers;
using Triad.Learning.Training;
using Triad.Photonics.Components;
using Triad.Photonics.Energy;
using Triad.Photonics.Meshes;
using Triad.Photonics.Thermal;

namespace Triad.Learning.Tests.Modules.Photonic;

/// <summary><see cref="PhotonicDriftAccuracy"/> on a small trained iris-onn (two 4-mode meshes).</summary>
public sealed class PhotonicDriftAccuracyTests
{
    private static readonly Lazy<(Model<double> Model, Dataset Test)> s_iris = new(() =>
    {
        (Dataset train, Dataset test) = BuiltInData.Load("iris").StratifiedSplit(0.2, 42);
        Model<double> model = Model<double>.Build(BuiltInModels.Get("iris-onn"), 42);
        using var trainer = new Trainer<double>(model, new TrainingOptions
        {
            Epochs = 150, Seed = 42, Optimizer = new OptimizerSpec { Name = "adam", LearningRate = 0.01 },
        });
        trainer.Fit(train);
        return (model, test);
    });

    private static readonly ThermalChip s_uniformChip = new();

    [Fact]
    public void ExactRemedies_HoldTheUndriftedAccuracy_NoRemedyLosesIt_AndOffsetsAreClearedAfter()
    {
        (Model<double> model, Dataset test) = s_iris.Value;
        double undrifted = Evaluator.Evaluate(model, test).Accuracy;
        Assert.True(undrifted >= 0.8, $"iris-onn trained to {undrifted:P2} only");
        // 20 K after the first sample: 1.46 rad on every phase shifter, far past what the network tolerates.
        AmbientTrace trace = AmbientTrace.Step(4, 1, 0.5, 20);
        IReadOnlyList<DriftAccuracyRun> runs = PhotonicDriftAccuracy.Run(model, test, s_uniformChip, trace,
        [
            () => new NoRemedy(),
            () => new MonitorOffsetCorrection(1),      // read every sample; a uniform drift is removed exactly
            () => new PeriodicRecalibration(1),        // recalibrated every sample, without error
            () => new CooledOperation(residualFraction: 0),
        ]);

        Assert.Equal(["none", "monitor", "recalibrate", "cooled"], runs.Select(r => r.Remedy));
        Assert.All(runs, r => Assert.Equal([0, 1, 2, 3, 4], r.Steps));
        Assert.All(runs, r => Assert.Equal(undrifted, r.Accuracy[0]));
        Assert.True(runs[0].Accuracy.Skip(1).Max() < undrifted - 0.1, $"20 K without a remedy left {string.Join(", ", runs[0].Accuracy)}");
        foreach (DriftAccuracyRun r in runs.Skip(1))
        {
            Assert.All(r.Accuracy, a => Assert.Equal(undrifted, a, 12));
        }
        Assert.All(PhotonicChip.Layers(model), l => Assert.Null(l.PhaseOffsets));
        Assert.Equal(undrifted, Evaluator.Evaluate(model, test).Accuracy);
    }

    [Fact]
    public void Power_IsSummedOverMeshes_ExceptTheOneCoolerOfTheChip()
    {
        (Model<double> model, Dataset test) = s_iris.Value;
        AmbientTrace trace = AmbientTrace.Step(2, 1, 0.5, 3);
        var heater = new ThermoOpticPhaseShifter();
        IReadOnlyList<DriftAccuracyRun> runs = PhotonicDriftAccuracy.Run(model, test, s_uniformChip, trace,
            [() => new NoRemedy(), () => new MonitorOffsetCorrection(1), () => new CooledOperation(), () => new PidHeaterControl()], scoreEvery: 2, heater: heater);

        Assert.All(runs, r => Assert.Equal([0, 2], r.Steps));
        Assert.Equal(0, runs[0].MeanPowerWatts);
        // Two meshes, two monitor MZIs each at P_π/2.
        Assert.Equal(2 * 2 * heater.PiPowerMilliwatts / 2 * 1e-3, runs[1].MeanPowerWatts, 12);
        double heaters = PhotonicChip.Layers(model).Sum(l => EnergyModel.HeaterPowerWatts(
            new MeshPhases(l.Layout, l.Theta.Span.ToArray(), l.Phi.Span.ToArray(), l.Alpha.Span.ToArray()), heater));
        double[] ambient = [.. trace.DeltaKelvin];
        double expected = ambient.Average(t => (heaters + (0.1 * Math.Abs(t))) / 0.5);
        Assert.Equal(expected, runs[2].MeanPowerWatts, 12);
        Assert.True(runs[3].MeanPowerWatts > 0);
    }

    [Fact]
    public void Run_RefusesAModelWithoutMeshes()
    {
        Model<double> mlp = Model<double>.Build(BuiltInModels.Get("iris-mlp"), 1);
        Dataset test = BuiltInData.Load("iris");
        var e = Assert.Throws<ArgumentException>(() => PhotonicDriftAccuracy.Run(mlp, test, s_uniformChip, AmbientTrace.Step(1, 1, 0, 1), [() => new NoRemedy()]));
        Assert.Contains("no photonic-linear mesh", e.Message, StringComparison.Ordinal);
    }
}
