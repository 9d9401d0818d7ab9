using Triad.Learning.Models;
using Triad.Learning.Training;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Tests.Models;

public class SequentialGradientTests
{
    [Fact]
    public void BackwardParametersOnly_FlattenFirst_GivesTheSameGradientsAsBackward()
    {
        ModelSpec spec = ModelSpec.BuiltIn("fashion-mlp");
        Sequential full = Sequential.Build(spec, 4), partial = Sequential.Build(spec, 4);
        Tensor<double> x = GradientCheck.Random(new SeededRandom(4), [2, .. spec.InputShape]);
        Tensor<double> target = DataFit.OneHot([3, 7], 10);
        foreach (Sequential model in (Sequential[])[full, partial])
        {
            model.ZeroGradients();
            Tensor<double> y = model.Forward(x, training: false);
            var g = new Tensor<double>(y.Shape.ToArray());
            model.Loss.Evaluate(y, target, g);
            if (model == full)
            {
                model.Backward(g);
            }
            else
            {
                model.BackwardParametersOnly(g);
            }
        }
        for (int i = 0; i < full.Parameters.Count; i++)
        {
            Assert.True(full.Parameters[i].Gradient.ReadOnlySpan.SequenceEqual(partial.Parameters[i].Gradient.ReadOnlySpan), full.ParameterNames[i]);
        }
    }

    [Theory]
    [InlineData("digits-cnn")]
    [InlineData("iris-mlp")]
    public void Backward_WholeModelWithLoss_MatchesFiniteDifferences(string name)
    {
        const ulong seed = 31;
        Sequential model = Sequential.Build(ModelSpec.BuiltIn(name), seed);
        var random = new SeededRandom(seed);
        Tensor<double> x = GradientCheck.Random(random, [3, .. model.InputShape]);
        Tensor<double> target = DataFit.OneHot([0, 2, 1], model.OutputShape[0]);

        double Objective()
        {
            Tensor<double> y = model.Forward(x, training: false);
            return model.Loss.Evaluate(y, target, new Tensor<double>(y.Shape.ToArray()));
        }

        model.ZeroGradients();
        Tensor<double> output = model.Forward(x, training: false);
        var g = new Tensor<double>(output.Shape.ToArray());
        model.Loss.Evaluate(output, target, g);
        Tensor<double> dx = model.Backward(g);

        Assert.True(GradientCheck.RelativeError(dx.ReadOnlySpan, GradientCheck.Numeric(x.Span, Objective)) < 1e-6, $"{name} input gradient (seed {seed})");
        for (int i = 0; i < model.Parameters.Count; i++)
        {
            double error = GradientCheck.RelativeError(model.Parameters[i].Gradient.ReadOnlySpan, GradientCheck.Numeric(model.Parameters[i].Value.Span, Objective));
            Assert.True(error < 1e-6, $"{name} {model.ParameterNames[i]} relative error {error:E2} (seed {seed})");
        }
    }
}
