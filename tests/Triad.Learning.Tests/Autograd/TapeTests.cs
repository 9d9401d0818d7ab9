using Triad.Learning.Autograd;
using Triad.Learning.Models;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Tests.Autograd;

public sealed class TapeTests
{
    [Fact]
    public void Reset_ValuesOfThePassCannotBeReadAnyMore()
    {
        var tape = new Tape<double>();
        Variable<double> y = Ops.Scale(tape.Input(new Tensor<double>(3)), 2.0);
        tape.Reset();
        var e = Assert.Throws<ObjectDisposedException>(() => y.Value);
        Assert.Contains("reset", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backward_Twice_Throws()
    {
        using var tape = new Tape<double>();
        var w = new Parameter<double>(Tensor<double>.Filled(2.0, 3));
        Variable<double> loss = Ops.Sum(Ops.Multiply(tape.Input(Tensor<double>.Filled(1.0, 3)), w));
        tape.Backward(loss);
        Assert.Throws<InvalidOperationException>(() => tape.Backward(loss));
    }

    [Fact]
    public void Backward_ParameterUsedTwice_GetsBothContributions()
    {
        // L = Σ (w ⊙ x) + Σ (w ⊙ 2x): ∂L/∂w = 3x.
        using var tape = new Tape<double>();
        var w = new Parameter<double>(Tensor<double>.Filled(0.5, 3));
        Variable<double> x = tape.Input(new Tensor<double>([1.0, 2.0, 3.0], 3));
        Variable<double> loss = Ops.Add(Ops.Sum(Ops.Multiply(x, w)), Ops.Sum(Ops.Multiply(Ops.Scale(x, 2.0), w)));
        tape.Backward(loss);
        Assert.Equal([3.0, 6.0, 9.0], w.Gradient.Span.ToArray());
    }

    [Fact]
    public void GradientsDisabled_RecordsNothing_AndBackwardRefuses()
    {
        using var tape = new Tape<double> { GradientsEnabled = false };
        var w = new Parameter<double>(Tensor<double>.Filled(1.0, 2, 2));
        Variable<double> y = Ops.MatMul(tape.Input(Tensor<double>.Filled(1.0, 1, 2)), w);
        Assert.False(y.RequiresGrad);
        Assert.Equal(0, tape.Count);
        Assert.Throws<InvalidOperationException>(() => tape.Backward(Ops.Sum(y)));
    }

    [Fact]
    public void Operations_RecordKindsShapesProducersAndFlops()
    {
        var model = Model<double>.Build(BuiltInModels.Get("iris-mlp"), seed: 1);
        IReadOnlyList<OpRecord> ops = model.Trace(batch: 8);
        // dense 4→16, tanh, dense 16→3.
        Assert.Equal(["linear", "tanh", "linear"], ops.Select(o => o.Kind).ToArray());
        Assert.Equal(["0", "1", "2"], ops.Select(o => o.Module).ToArray());
        Assert.Equal((2L * 8 * 4 * 16) + (8 * 16), ops[0].Flops);
        Assert.Equal([8, 16], ops[0].OutputShape);
        Assert.Equal(-1, ops[0].Inputs[0].Producer);
        Assert.True(ops[0].Inputs[1].IsParameter);
        Assert.Equal(0, ops[1].Inputs[0].Producer);
        Assert.Equal(1, ops[2].Inputs[0].Producer);
        // Bytes: input 8×4, weight 4×16, bias 16 and output 8×16 doubles.
        Assert.Equal(8L * ((8 * 4) + (4 * 16) + 16 + (8 * 16)), ops[0].BytesMoved);
        Assert.All(ops, o => Assert.Equal("float64", o.ElementType));
    }

    [Fact]
    public void Pool_SteadyState_AllocatesNoNewBuffers()
    {
        var model = Model<float>.Build(BuiltInModels.Get("digits-cnn"), seed: 3);
        var pool = new TensorPool<float>();
        var x = new Tensor<float>(16, 1, 8, 8);
        var targets = new Tensor<float>(Enumerable.Range(0, 16).Select(i => (float)(i % 10)).ToArray(), 16);
        long afterFirst = 0;
        for (int step = 0; step < 4; step++)
        {
            using var tape = new Tape<float>(pool);
            model.ZeroGrad();
            tape.Backward(Ops.SoftmaxCrossEntropy(model.Forward(tape.Input(x)), targets));
            tape.Reset();
            if (step == 0)
            {
                afterFirst = pool.Allocations;
            }
        }
        Assert.True(afterFirst > 0);
        Assert.Equal(afterFirst, pool.Allocations);
    }

    [Fact]
    public void RandomFor_DependsOnSeedModulePathAndCallOnly()
    {
        var spec = ModelSpec.FromJson("""
            { "name": "twice", "input": [50], "nodes": [
              { "name": "d", "type": "dropout", "rate": 0.5, "inputs": ["input"] },
              { "name": "e", "type": "dropout", "shares": "d", "inputs": ["d"] },
              { "name": "f", "type": "dense", "units": 2, "inputs": ["e"] } ], "output": "f" }
            """, "twice.json");
        var model = Model<double>.Build(spec, seed: 1);
        var modules = model.NodeModules;
        double[] Masks(ulong seed)
        {
            using var tape = new Tape<double>(random: new SeededRandom(seed));
            Variable<double> x = tape.Input(Tensor<double>.Filled(1.0, 1, 50));
            Variable<double> first = modules[0].Forward(x), second = modules[1].Forward(x);
            return [.. first.Value.Span.ToArray(), .. second.Value.Span.ToArray()];
        }
        double[] a = Masks(7), b = Masks(7), c = Masks(8);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        // The same module called twice in a pass draws two different masks.
        Assert.NotEqual(a[..50], a[50..]);
    }

    [Fact]
    public void Ops_WithoutAnyTapeOperand_ExplainWhatToDo()
    {
        var p = new Parameter<double>(new Tensor<double>(3));
        var e = Assert.Throws<InvalidOperationException>(() => Ops.Add(p, p));
        Assert.Contains("tape.Input", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Activate_LetsOperationsOnParametersAloneRecord_AndRestoresTheOuterTape()
    {
        var p = new Parameter<double>(new Tensor<double>([1.0, 2.0], 2));
        using var outer = new Tape<double>();
        using var inner = new Tape<double>();
        using (outer.Activate())
        {
            using (inner.Activate())
            {
                Assert.Same(inner, Tape<double>.Current);
                inner.Backward(Ops.Sum(Ops.Multiply(p, p)));
            }
            Assert.Same(outer, Tape<double>.Current);
        }
        Assert.Null(Tape<double>.Current);
        Assert.Equal([2.0, 4.0], p.Gradient.Span.ToArray());
    }
}
