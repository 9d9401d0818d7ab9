using Triad.Learning.Autograd;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Xunit.Abstractions;

namespace Triad.Learning.Tests.Autograd;

/// <summary>
/// Central finite differences for anything recorded on a tape (PyTorch's gradcheck, in double): with a fixed random
/// g of the output's storage shape, L = Σ g ⊙ y (for a complex y, Σ g_re·Re y + g_im·Im y, a real function of y
/// whose gradient in our convention is g itself). Backward seeded with g must give, for every operand element (the
/// real and imaginary parts of complex ones separately), (L(v + h) − L(v − h)) / 2h. The error is the norm-wise
/// relative error ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖), per operand.
/// </summary>
internal static class TapeCheck
{
    public const double Step = 1e-5;
    public const double Tolerance = 1e-6;

    /// <summary>An operand: its data (storage layout), whether it is complex, and whether it enters as a parameter (leaf).</summary>
    public sealed record Operand(Tensor<double> Data, bool Complex = false, bool Parameter = false)
    {
        /// <summary>A module's own parameter, passed through unchanged so the module's gradients are the ones checked.</summary>
        public Parameter<double>? Existing { get; init; }

        public static Operand Of(Parameter<double> p) => new(p.Value, Parameter: true) { Existing = p };
    }

    public static Tensor<double> Random(SeededRandom random, params int[] shape)
    {
        var t = new Tensor<double>(shape);
        random.FillGaussian(t.Span, 0.0, 1.0);
        return t;
    }

    public static Operand Real(ulong seed, params int[] shape) => new(Random(new SeededRandom(seed), shape));

    public static Operand Complex(ulong seed, params int[] shape) => new(Random(new SeededRandom(seed), [.. shape, 2]), Complex: true);

    public static Operand Param(ulong seed, params int[] shape) => new(Random(new SeededRandom(seed), shape), Parameter: true);

    /// <summary>The worst per-operand relative error; every operand's error is written to <paramref name="output"/>.</summary>
    /// <param name="f">Builds the output from the operands on the given tape.</param>
    /// <param name="operands">The operands, perturbed in place one element at a time.</param>
    /// <param name="seed">Seed of g and of the tape's random stream.</param>
    /// <param name="output">Where to write each operand's error.</param>
    /// <param name="maxElements">
    /// Operands larger than this are checked on this many elements drawn at random (seeded), not all: the large
    /// cases exist to exercise the threaded paths, whose every element takes the same code.
    /// </param>
    public static double MaxError(
        Func<Tape<double>, IReadOnlyList<Variable<double>>, Variable<double>> f, IReadOnlyList<Operand> operands, ulong seed,
        ITestOutputHelper? output = null, int maxElements = 4096)
    {
        double[][] analytic;
        Tensor<double> g;
        foreach (Operand o in operands)
        {
            o.Existing?.ZeroGrad();
        }
        using (var tape = new Tape<double>(random: new SeededRandom(seed)))
        {
            Variable<double>[] vars = Wrap(tape, operands);
            Variable<double> y;
            using (tape.Activate())
            {
                y = f(tape, vars);
            }
            g = Random(new SeededRandom(seed ^ 0x5EED), y.Value.Shape.ToArray());
            tape.Backward(y, g);
            analytic = vars.Select(v => v.Grad is { } grad ? grad.Span.ToArray() : new double[v.Value.Length]).ToArray();
        }

        double Objective()
        {
            using var tape = new Tape<double>(random: new SeededRandom(seed));
            using var active = tape.Activate();
            Variable<double> y = f(tape, Wrap(tape, operands));
            double s = 0;
            ReadOnlySpan<double> ys = y.Value.Span, gs = g.Span;
            for (int i = 0; i < ys.Length; i++)
            {
                s += ys[i] * gs[i];
            }
            return s;
        }

        double worst = 0;
        for (int k = 0; k < operands.Count; k++)
        {
            int length = operands[k].Data.Length;
            int[] picked = length <= maxElements
                ? Enumerable.Range(0, length).ToArray()
                : new SeededRandom(seed + (ulong)k).Permutation(length)[..maxElements];
            double[] numeric = Numeric(operands[k].Data.Span, Objective, picked);
            double error = RelativeError(picked.Select(i => analytic[k][i]).ToArray(), numeric);
            output?.WriteLine($"operand {k} ({Tensor<double>.ShapeToString(operands[k].Data.Shape)}{(operands[k].Complex ? " complex" : "")}): relative error {error:E2}");
            worst = Math.Max(worst, error);
        }
        output?.WriteLine($"seed {seed}");
        return worst;
    }

    /// <summary>Asserts the worst error is below <see cref="Tolerance"/>.</summary>
    public static void AssertGradients(
        Func<Tape<double>, IReadOnlyList<Variable<double>>, Variable<double>> f, IReadOnlyList<Operand> operands, ulong seed, ITestOutputHelper output, string what,
        int maxElements = 4096)
    {
        double error = MaxError(f, operands, seed, output, maxElements);
        Xunit.Assert.True(error < Tolerance, $"{what}: gradient relative error {error:E2} ≥ {Tolerance:E0} (seed {seed})");
    }

    private static Variable<double>[] Wrap(Tape<double> tape, IReadOnlyList<Operand> operands) =>
        operands.Select(o => o.Existing ?? (o.Parameter ? new Parameter<double>(o.Data) : tape.Input(o.Data, requiresGrad: true, isComplex: o.Complex))).ToArray();

    public static double RelativeError(ReadOnlySpan<double> analytic, ReadOnlySpan<double> numeric)
    {
        double diff = 0, a = 0, n = 0;
        for (int i = 0; i < analytic.Length; i++)
        {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            a += analytic[i] * analytic[i];
            n += numeric[i] * numeric[i];
        }
        double scale = Math.Max(Math.Sqrt(a), Math.Sqrt(n));
        return scale == 0 ? Math.Sqrt(diff) : Math.Sqrt(diff) / scale;
    }

    public static double[] Numeric(Span<double> values, Func<double> objective, int[] indices)
    {
        double[] result = new double[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            double saved = values[i];
            values[i] = saved + Step;
            double plus = objective();
            values[i] = saved - Step;
            double minus = objective();
            values[i] = saved;
            result[k] = (plus - minus) / (2 * Step);
        }
        return result;
    }
}
