using Triad.Learning.Models;
using Triad.Learning.Optimizers;
using Triad.Learning.Training;
using Xunit.Abstractions;

namespace Triad.Learning.Tests.Modules.Quantum;

/// <summary>
/// The article's hybrid block on digits (<c>digits-hybrid</c>: conv → quantum-conv2d on 4 qubits → dense) next to an
/// electronic model with nearly the same number of parameters (<c>digits-hybrid-electronic</c>), each trained 10
/// epochs at η = 0.01 with seed 42 on <c>triad train</c>'s split. Both figures are printed whichever is better; the
/// test holds the hybrid to a learning bar (90 %), not to beating the electronic model.
/// </summary>
[Trait("Category", "Slow")]
public sealed class HybridAccuracyTests(ITestOutputHelper output)
{
    private static double Accuracy(string name)
    {
        Model<float> model = Model<float>.Build(BuiltInModels.Get(name), 42);
        using var trainer = new Trainer<float>(model, new TrainingOptions
        {
            Epochs = 10,
            BatchSize = 32,
            Seed = 42,
            ValidationFraction = 0.1,
            Patience = 0,
            Optimizer = new OptimizerSpec { Name = "adam", LearningRate = 0.01 },
        });
        trainer.Fit(TestSupport.Digits.Train);
        return Evaluator.Evaluate(model, TestSupport.Digits.Test).Accuracy;
    }

    [Fact]
    public void DigitsHybrid_Trains_AndIsReportedNextToTheElectronicModelOfTheSameSize()
    {
        long hybridParameters = Model<float>.Build(BuiltInModels.Get("digits-hybrid"), 42).ParameterCount;
        long electronicParameters = Model<float>.Build(BuiltInModels.Get("digits-hybrid-electronic"), 42).ParameterCount;
        Assert.Equal(1674, hybridParameters);
        Assert.Equal(1658, electronicParameters);
        double hybrid = Accuracy("digits-hybrid"), electronic = Accuracy("digits-hybrid-electronic");
        output.WriteLine($"digits-hybrid ({hybridParameters} parameters): {hybrid:P2}; digits-hybrid-electronic ({electronicParameters} parameters): {electronic:P2}; " +
            $"{(hybrid > electronic ? "hybrid" : hybrid < electronic ? "electronic" : "neither")} better by {Math.Abs(hybrid - electronic) * 100:F2} points");
        Assert.True(hybrid >= 0.90, $"digits-hybrid reached only {hybrid:P2}");
    }
}
