using Triad.Learning.Layers;
using Triad.Learning.Optimizers;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Tests.Training;

public class OptimizerTests
{
    private static Parameter Param(double value, double gradient)
    {
        var p = new Parameter("p", Tensor<double>.FromSpan([value], 1));
        p.Gradient[0] = gradient;
        return p;
    }

    [Fact]
    public void Sgd_PlainStep_MovesAgainstGradient()
    {
        Parameter p = Param(1.0, 0.5);
        new Sgd(new OptimizerSpec { Name = "sgd", LearningRate = 0.1 }).Step([p]);
        Assert.Equal(0.95, p.Value[0], 1e-15);
    }

    [Fact]
    public void Sgd_Momentum_AccumulatesVelocity()
    {
        Parameter p = Param(1.0, 1.0);
        var sgd = new Sgd(new OptimizerSpec { Name = "sgd", LearningRate = 0.1, Momentum = 0.9 });
        sgd.Step([p]);   // v = 1, θ = 0.9
        sgd.Step([p]);   // v = 1.9, θ = 0.71
        Assert.Equal(0.71, p.Value[0], 1e-14);
        Assert.Equal(2, sgd.Steps);
    }

    [Fact]
    public void Sgd_Nesterov_StepsWithLookAheadVelocity()
    {
        // v₁ = g = 1, θ₁ = 1 − η(g + μv₁) = 1 − 0.1·1.9 = 0.81; v₂ = 0.9 + 1 = 1.9, θ₂ = 0.81 − 0.1(1 + 1.71) = 0.539.
        Parameter p = Param(1.0, 1.0);
        var sgd = new Sgd(new OptimizerSpec { Name = "sgd", LearningRate = 0.1, Momentum = 0.9, Nesterov = true });
        sgd.Step([p]);
        Assert.Equal(0.81, p.Value[0], 1e-14);
        sgd.Step([p]);
        Assert.Equal(0.539, p.Value[0], 1e-14);
    }

    [Fact]
    public void Sgd_WeightDecay_AddsLambdaTheta()
    {
        Parameter p = Param(2.0, 0.0);
        new Sgd(new OptimizerSpec { Name = "sgd", LearningRate = 0.5, WeightDecay = 0.1 }).Step([p]);
        Assert.Equal(2.0 - (0.5 * 0.2), p.Value[0], 1e-15);
    }

    [Fact]
    public void Adam_FirstStep_IsLearningRateTimesSignOfGradient()
    {
        // After one step m̂ = g and v̂ = g², so the update is η·g/(|g| + ε).
        Parameter p = Param(1.0, -3.0);
        new Adam(new OptimizerSpec { Name = "adam", LearningRate = 0.01 }).Step([p]);
        Assert.Equal(1.0 + (0.01 * 3.0 / (3.0 + 1e-8)), p.Value[0], 1e-15);
    }

    [Fact]
    public void Adam_ExportImport_ContinuesIdentically()
    {
        var spec = new OptimizerSpec { Name = "adam", LearningRate = 0.05 };
        Parameter a = Param(1.0, 0.3), b = Param(1.0, 0.3);
        var first = new Adam(spec);
        first.Step([a]);
        first.Step([a]);
        var copy = new Adam(spec);
        copy.ImportState(first.ExportState().ToDictionary(kv => kv.Key, kv => kv.Value.Clone()), first.Steps, [b]);
        b.Value[0] = a.Value[0];
        first.Step([a]);
        copy.Step([b]);
        Assert.Equal(a.Value[0], b.Value[0]);
    }

    [Theory]
    [InlineData("sgd", -0.1, 0.0, "learning rate -0.1")]
    [InlineData("adam", 0.0, 0.0, "learning rate 0")]
    [InlineData("sgd", 0.1, 1.0, "momentum 1")]
    [InlineData("rmsprop", 0.1, 0.0, "unknown optimizer 'rmsprop'")]
    public void Create_BadSetting_ThrowsNamingIt(string name, double lr, double momentum, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => Optimizer.Create(new OptimizerSpec { Name = name, LearningRate = lr, Momentum = momentum }));
        Assert.Contains(expected, e.Message);
    }
}
