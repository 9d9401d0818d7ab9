using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Learning.Optimizers;
using Triad.Learning.Tests.TestSupport;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Xunit.Abstractions;

namespace Triad.Learning.Tests.Training;

/// <summary>
/// SGD and Adam, run once per element type by thin subclasses. Single-value steps are checked against the update
/// rules worked by hand; vector steps (37 values: whole SIMD vectors and a scalar tail) against the same rules
/// evaluated in double, within 16ε·max(1, |θ|) — a missing term or a wrong bias correction is off by far more.
/// </summary>
public abstract class OptimizerTests<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const ulong Seed = 20_251_126;

    private readonly ITestOutputHelper _output;

    protected OptimizerTests(ITestOutputHelper output)
    {
        _output = output;
        _output.WriteLine($"seed {Seed}, element type {Precision<T>.Name}");
    }

    private static double Tolerance(double expected) => 16 * Precision<T>.Epsilon * Math.Max(1.0, Math.Abs(expected));

    private static Parameter<T> Param(double value, double gradient)
    {
        var p = new Parameter<T>(Tensor<T>.FromSpan([T.CreateTruncating(value)], 1));
        p.Gradient[0] = T.CreateTruncating(gradient);
        return p;
    }

    private static double Value(Parameter<T> p, int i = 0) => double.CreateTruncating(p.Value[i]);

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance(expected), $"{what}: expected {expected:R}, got {actual:R}");

    [Fact]
    public void Sgd_PlainStep_MovesAgainstGradient()
    {
        Parameter<T> p = Param(1.0, 0.5);
        new Sgd<T>(new OptimizerSpec { Name = "sgd", LearningRate = 0.1 }).Step([p]);
        AssertClose(0.95, Value(p), "θ");
    }

    [Fact]
    public void Sgd_Momentum_AccumulatesVelocity()
    {
        Parameter<T> p = Param(1.0, 1.0);
        var sgd = new Sgd<T>(new OptimizerSpec { Name = "sgd", LearningRate = 0.1, Momentum = 0.9 });
        sgd.Step([p]);   // v = 1, θ = 0.9
        sgd.Step([p]);   // v = 1.9, θ = 0.71
        AssertClose(0.71, Value(p), "θ after two steps");
        Assert.Equal(2, sgd.Steps);
    }

    [Fact]
    public void Sgd_Nesterov_StepsWithLookAheadVelocity()
    {
        // v₁ = g = 1, θ₁ = 1 − η(g + μv₁) = 1 − 0.1·1.9 = 0.81; v₂ = 0.9 + 1 = 1.9, θ₂ = 0.81 − 0.1(1 + 1.71) = 0.539.
        Parameter<T> p = Param(1.0, 1.0);
        var sgd = new Sgd<T>(new OptimizerSpec { Name = "sgd", LearningRate = 0.1, Momentum = 0.9, Nesterov = true });
        sgd.Step([p]);
        AssertClose(0.81, Value(p), "θ₁");
        sgd.Step([p]);
        AssertClose(0.539, Value(p), "θ₂");
    }

    [Fact]
    public void Sgd_WeightDecay_AddsLambdaTheta()
    {
        Parameter<T> p = Param(2.0, 0.0);
        new Sgd<T>(new OptimizerSpec { Name = "sgd", LearningRate = 0.5, WeightDecay = 0.1 }).Step([p]);
        AssertClose(2.0 - (0.5 * 0.2), Value(p), "θ");
    }

    [Fact]
    public void Sgd_WeightDecay_LeavesTheGradientUnchanged()
    {
        // The decayed gradient g + λθ is a scratch value: the parameter's own gradient must stay as backward left it.
        Parameter<T> p = Param(2.0, 0.25);
        new Sgd<T>(new OptimizerSpec { Name = "sgd", LearningRate = 0.5, WeightDecay = 0.1, Momentum = 0.5 }).Step([p]);
        Assert.Equal(0.25, double.CreateTruncating(p.Gradient[0]));
    }

    [Theory]
    [InlineData(0.0, false, 0.0)]
    [InlineData(0.9, false, 0.0)]
    [InlineData(0.9, true, 0.0)]
    [InlineData(0.8, false, 0.01)]
    [InlineData(0.8, true, 0.01)]
    public void Sgd_VectorOfOddLength_MatchesReferenceEveryStep(double momentum, bool nesterov, double weightDecay)
    {
        var spec = new OptimizerSpec { Name = "sgd", LearningRate = 0.05, Momentum = momentum, Nesterov = nesterov, WeightDecay = weightDecay };
        (Parameter<T> p, double[] theta, double[][] grads) = RandomProblem(37, steps: 4);
        var sgd = new Sgd<T>(spec);
        double[] v = new double[theta.Length];
        for (int step = 0; step < grads.Length; step++)
        {
            SetGradient(p, grads[step]);
            sgd.Step([p]);
            for (int i = 0; i < theta.Length; i++)
            {
                double g = grads[step][i] + (weightDecay * theta[i]);
                if (momentum == 0)
                {
                    theta[i] -= spec.LearningRate * g;
                    continue;
                }
                v[i] = (momentum * v[i]) + g;
                theta[i] -= spec.LearningRate * (nesterov ? g + (momentum * v[i]) : v[i]);
            }
            AssertVector(theta, p, $"step {step + 1}");
        }
    }

    [Fact]
    public void Adam_FirstStep_IsLearningRateTimesSignOfGradient()
    {
        // After one step m̂ = g and v̂ = g², so the update is η·g/(|g| + ε).
        Parameter<T> p = Param(1.0, -3.0);
        new Adam<T>(new OptimizerSpec { Name = "adam", LearningRate = 0.01 }).Step([p]);
        AssertClose(1.0 + (0.01 * 3.0 / (3.0 + 1e-8)), Value(p), "θ");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    public void Adam_VectorOfOddLength_MatchesReferenceEveryStep(double weightDecay)
    {
        var spec = new OptimizerSpec { Name = "adam", LearningRate = 0.01, Beta1 = 0.8, Beta2 = 0.95, Epsilon = 1e-6, WeightDecay = weightDecay };
        (Parameter<T> p, double[] theta, double[][] grads) = RandomProblem(37, steps: 5);
        var adam = new Adam<T>(spec);
        double[] m = new double[theta.Length], v = new double[theta.Length];
        for (int step = 0; step < grads.Length; step++)
        {
            SetGradient(p, grads[step]);
            adam.Step([p]);
            int t = step + 1;
            for (int i = 0; i < theta.Length; i++)
            {
                double g = grads[step][i] + (weightDecay * theta[i]);
                m[i] = (spec.Beta1 * m[i]) + ((1 - spec.Beta1) * g);
                v[i] = (spec.Beta2 * v[i]) + ((1 - spec.Beta2) * g * g);
                double mHat = m[i] / (1 - Math.Pow(spec.Beta1, t)), vHat = v[i] / (1 - Math.Pow(spec.Beta2, t));
                theta[i] -= spec.LearningRate * mHat / (Math.Sqrt(vHat) + spec.Epsilon);
            }
            AssertVector(theta, p, $"step {t}");
        }
        Assert.Equal(grads.Length, adam.Steps);
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    public void ExportImport_MidRun_ContinuesBitIdentically(string name)
    {
        var spec = new OptimizerSpec { Name = name, LearningRate = 0.05, Momentum = name == "sgd" ? 0.9 : 0.0 };
        (Parameter<T> a, _, double[][] grads) = RandomProblem(37, steps: 4);
        Parameter<T> b = new(a.Value.Clone());
        Optimizer<T> first = Optimizer<T>.Create(spec);
        for (int s = 0; s < 2; s++)
        {
            SetGradient(a, grads[s]);
            first.Step([a]);
        }
        IReadOnlyDictionary<string, Tensor<T>> state = first.ExportState();
        Assert.Equal(name == "adam" ? ["m.0", "v.0"] : ["velocity.0"], state.Keys.Order().ToArray());
        Optimizer<T> copy = Optimizer<T>.Create(spec);
        copy.ImportState(state.ToDictionary(kv => kv.Key, kv => kv.Value.Clone()), first.Steps, [b]);
        a.Value.CopyTo(b.Value);
        for (int s = 2; s < grads.Length; s++)
        {
            SetGradient(a, grads[s]);
            SetGradient(b, grads[s]);
            first.Step([a]);
            copy.Step([b]);
        }
        Precision<T>.AssertBitIdentical([a.Value.Span.ToArray()], [b.Value.Span.ToArray()], $"{name} after import");
        Assert.Equal(first.Steps, copy.Steps);
    }

    [Fact]
    public void ImportState_KeyMissing_ThrowsNamingIt()
    {
        Parameter<T> a = Param(1.0, 0.5), b = Param(2.0, 0.5);
        var adam = new Adam<T>(new OptimizerSpec());
        adam.Step([a]);
        var state = adam.ExportState();
        var e = Assert.Throws<InvalidDataException>(() => new Adam<T>(new OptimizerSpec()).ImportState(state, 1, [a, b]));
        Assert.Contains("optimizer state lacks 'm.1'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportState_ShapeDiffers_ThrowsNamingTheBuffer()
    {
        var state = new Dictionary<string, Tensor<T>> { ["velocity.0"] = new Tensor<T>(3) };
        var sgd = new Sgd<T>(new OptimizerSpec { Name = "sgd", Momentum = 0.9 });
        var e = Assert.Throws<ShapeMismatchException>(() => sgd.ImportState(state, 4, [Param(1.0, 0.0)]));
        Assert.Contains("optimizer state 'velocity.0'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_ParameterCountChangesBetweenSteps_Throws()
    {
        var adam = new Adam<T>(new OptimizerSpec());
        adam.Step([Param(1.0, 1.0)]);
        var e = Assert.Throws<InvalidOperationException>(() => adam.Step([Param(1.0, 1.0), Param(1.0, 1.0)]));
        Assert.Contains("state for 1 parameters, got 2", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sgd", typeof(Sgd<>))]
    [InlineData(" SGD ", typeof(Sgd<>))]
    [InlineData("adam", typeof(Adam<>))]
    [InlineData("Adam", typeof(Adam<>))]
    public void Create_Name_MakesThatOptimizer(string name, Type expected)
    {
        Assert.Equal(expected.MakeGenericType(typeof(T)), Optimizer<T>.Create(new OptimizerSpec { Name = name }).GetType());
    }

    [Theory]
    [InlineData("sgd", -0.1, 0.0, "learning rate -0.1")]
    [InlineData("adam", 0.0, 0.0, "learning rate 0")]
    [InlineData("adam", double.NaN, 0.0, "learning rate NaN must be positive and finite")]
    [InlineData("adam", double.PositiveInfinity, 0.0, "must be positive and finite")]
    [InlineData("sgd", 0.1, 1.0, "momentum 1")]
    [InlineData("sgd", 0.1, -0.5, "momentum -0.5")]
    [InlineData("rmsprop", 0.1, 0.0, "unknown optimizer 'rmsprop'")]
    public void Create_BadSetting_ThrowsNamingIt(string name, double lr, double momentum, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => Optimizer<T>.Create(new OptimizerSpec { Name = name, LearningRate = lr, Momentum = momentum }));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.0, 0.999, 1e-8, 0.0, "beta1 1")]
    [InlineData(0.9, 1.0, 1e-8, 0.0, "beta2 1")]
    [InlineData(0.9, 0.999, 0.0, 0.0, "epsilon 0")]
    [InlineData(0.9, 0.999, 1e-8, -0.1, "weight decay -0.1")]
    public void Adam_BadSetting_ThrowsNamingIt(double beta1, double beta2, double epsilon, double weightDecay, string expected)
    {
        var spec = new OptimizerSpec { Name = "adam", Beta1 = beta1, Beta2 = beta2, Epsilon = epsilon, WeightDecay = weightDecay };
        var e = Assert.Throws<ArgumentException>(() => new Adam<T>(spec));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    private static (Parameter<T> Parameter, double[] Theta, double[][] Gradients) RandomProblem(int length, int steps)
    {
        var random = new SeededRandom(Seed);
        double[] theta = new double[length];
        random.FillGaussian(theta, 0, 1);
        var tensor = new Tensor<T>(length);
        for (int i = 0; i < length; i++)
        {
            tensor[i] = T.CreateTruncating(theta[i]);
            theta[i] = double.CreateTruncating(tensor[i]); // the reference starts from the rounded values
        }
        double[][] grads = new double[steps][];
        for (int s = 0; s < steps; s++)
        {
            grads[s] = new double[length];
            random.FillGaussian(grads[s], 0, 1);
            for (int i = 0; i < length; i++)
            {
                grads[s][i] = double.CreateTruncating(T.CreateTruncating(grads[s][i]));
            }
        }
        return (new Parameter<T>(tensor), theta, grads);
    }

    private static void SetGradient(Parameter<T> p, double[] gradient)
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            p.Gradient[i] = T.CreateTruncating(gradient[i]);
        }
    }

    private static void AssertVector(double[] expected, Parameter<T> actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            AssertClose(expected[i], Value(actual, i), $"{what}, θ[{i}]");
        }
    }
}
