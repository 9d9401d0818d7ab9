using Triad.Learning.Autograd;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Xunit.Abstractions;
using static Triad.Learning.Tests.Autograd.TapeCheck;

namespace Triad.Learning.Tests.Autograd;

public sealed class ComplexGradientTests(ITestOutputHelper output)
{
    private const ulong Seed = 6060;

    [Fact]
    public void Parts_MatchFiniteDifferencesOnRealAndImaginaryParts()
    {
        AssertGradients((t, v) => Ops.ToComplex(v[0], v[1]), [Real(Seed, 3, 2), Real(Seed + 1, 3, 2)], Seed, output, "to-complex");
        AssertGradients((t, v) => Ops.ToComplex(v[0]), [Real(Seed, 5)], Seed, output, "to-complex, no imaginary part");
        AssertGradients((t, v) => Ops.Real(v[0]), [Complex(Seed, 3, 2)], Seed, output, "real");
        AssertGradients((t, v) => Ops.Imag(v[0]), [Complex(Seed, 3, 2)], Seed, output, "imag");
        AssertGradients((t, v) => Ops.AbsSquared(v[0]), [Complex(Seed, 3, 2)], Seed, output, "abs-squared");
        AssertGradients((t, v) => Ops.Conj(v[0]), [Complex(Seed, 3, 2)], Seed, output, "conj");
        AssertGradients((t, v) => Ops.Polar(v[0], v[1]), [Real(Seed, 4), Real(Seed + 1, 4)], Seed, output, "polar");
        AssertGradients((t, v) => Ops.Polar(null, v[0]), [Real(Seed, 4)], Seed, output, "phase only");
    }

    [Fact]
    public void AbsSquared_Gradient_IsTwoZ_AsInPyTorch()
    {
        // PyTorch: z = 1+2j, (z.abs()**2).backward() gives z.grad = 2+4j, i.e. ∂L/∂Re z + i·∂L/∂Im z.
        using var tape = new Tape<double>();
        Variable<double> z = tape.Input(new Tensor<double>([1.0, 2.0], 1, 2), requiresGrad: true, isComplex: true);
        Variable<double> loss = Ops.Sum(Ops.AbsSquared(z));
        tape.Backward(loss);
        Xunit.Assert.Equal([2.0, 4.0], z.Grad!.Span.ToArray());
    }

    [Fact]
    public void Multiply_Gradient_IsConjugateOfTheOtherFactor()
    {
        // L = Re(a·b) with a = 1+2i, b = 3−i: ∂L/∂a in our convention is conj(b)·1 = 3+i.
        using var tape = new Tape<double>();
        Variable<double> a = tape.Input(new Tensor<double>([1.0, 2.0], 1, 2), requiresGrad: true, isComplex: true);
        Variable<double> b = tape.Input(new Tensor<double>([3.0, -1.0], 1, 2), isComplex: true);
        tape.Backward(Ops.Sum(Ops.Real(Ops.Multiply(a, b))));
        Xunit.Assert.Equal([3.0, 1.0], a.Grad!.Span.ToArray());
    }

    [Fact]
    public void PhotonicLikeChain_ModulatePhaseInterfereDetect_MatchesFiniteDifferences()
    {
        // Fields from a phase modulator, a complex 4×4 "mesh" matrix, intensity detection, then an electronic layer:
        // complex values flow between operations while every trained quantity is real.
        AssertGradients((t, v) =>
        {
            // A phase screen after the mesh would not change the intensities (|z·e^{iφ}|² = |z|²), so it goes before.
            Variable<double> field = Ops.Polar(null, v[0]);
            Variable<double> phased = Ops.Multiply(field, Ops.Polar(null, v[2]));
            Variable<double> mixed = Ops.ComplexMatMul(phased, v[1]);
            return Ops.Linear(Ops.AbsSquared(mixed), v[3]);
        }, [Real(Seed, 3, 4), Complex(Seed + 1, 4, 4), Param(Seed + 2, 4), Param(Seed + 3, 4, 2)], Seed, output, "modulate, phase, mix, detect, dense");
    }

    [Fact]
    public void Float32_ComplexChain_AgreesWithFloat64()
    {
        var r = new SeededRandom(Seed);
        Tensor<double> phases = Random(r, 3, 4), matrix = Random(r, 4, 4, 2);
        double[] Run<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            using var tape = new Tape<T>();
            Tensor<T> Cast(Tensor<double> d) => new(d.Span.ToArray().Select(T.CreateTruncating).ToArray(), d.Shape.ToArray());
            Variable<T> y = Ops.AbsSquared(Ops.ComplexMatMul(Ops.Polar(null, tape.Input(Cast(phases))), tape.Input(Cast(matrix), isComplex: true)));
            return y.Value.Span.ToArray().Select(double.CreateTruncating).ToArray();
        }
        double[] single = Run<float>(), full = Run<double>();
        for (int i = 0; i < full.Length; i++)
        {
            Xunit.Assert.True(Math.Abs(single[i] - full[i]) <= 1e-5 * Math.Max(1, Math.Abs(full[i])), $"element {i}: float32 {single[i]}, float64 {full[i]}");
        }
    }

    [Fact]
    public void ComplexOps_OnRealValues_Throw()
    {
        using var tape = new Tape<double>();
        Variable<double> x = tape.Input(new Tensor<double>(3));
        Xunit.Assert.Throws<ShapeMismatchException>(() => Ops.AbsSquared(x));
        Xunit.Assert.Throws<ShapeMismatchException>(() => Ops.ReLU(tape.Input(new Tensor<double>(3, 2), isComplex: true)));
    }
}
