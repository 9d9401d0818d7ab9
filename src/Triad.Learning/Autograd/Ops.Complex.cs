using System.Numerics;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Autograd;

public static partial class Ops
{
    /// <summary>z = re + i·im from two real values of one shape (im = 0 when null). Backward: ∂re = Re ∂z, ∂im = Im ∂z.</summary>
    public static Variable<T> ToComplex<T>(Variable<T> re, Variable<T>? im = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = im is null ? Tape<T>.Of(re) : Tape<T>.Of(re, im);
        if (re.IsComplex || (im is not null && (im.IsComplex || !im.Shape.SequenceEqual(re.Shape))))
        {
            throw new ShapeMismatchException($"to-complex: needs real parts of one shape, got {re.ShapeString} and {im?.ShapeString ?? "none"}");
        }
        Variable<T> z = tape.NewValue(re.Shape, true, im is null ? tape.AnyRequiresGrad(re) : tape.AnyRequiresGrad(re, im));
        ReadOnlySpan<T> r = re.Span, i = im is null ? default : im.Span;
        Span<T> zs = z.Span;
        for (int k = 0; k < r.Length; k++)
        {
            zs[2 * k] = r[k];
            zs[(2 * k) + 1] = im is null ? T.Zero : i[k];
        }
        if (im is null)
        {
            tape.Record(new PartsFunction<T>(PartKind.ToComplex), z, re);
        }
        else
        {
            tape.Record(new PartsFunction<T>(PartKind.ToComplex), z, re, im);
        }
        return z;
    }

    /// <summary>The real part of a complex value. Backward: ∂z = ∂y + 0i.</summary>
    public static Variable<T> Real<T>(Variable<T> z) where T : unmanaged, IFloatingPointIeee754<T> => Part(z, PartKind.Real);

    /// <summary>The imaginary part of a complex value. Backward: ∂z = 0 + i·∂y.</summary>
    public static Variable<T> Imag<T>(Variable<T> z) where T : unmanaged, IFloatingPointIeee754<T> => Part(z, PartKind.Imag);

    /// <summary>
    /// |z|² = Re² + Im², the intensity a photodetector sees (direct detection). Backward: ∂z = 2·∂y·z.
    /// </summary>
    public static Variable<T> AbsSquared<T>(Variable<T> z) where T : unmanaged, IFloatingPointIeee754<T> => Part(z, PartKind.AbsSquared);

    /// <summary>The complex conjugate. Backward: ∂z = conj(∂y).</summary>
    public static Variable<T> Conj<T>(Variable<T> z) where T : unmanaged, IFloatingPointIeee754<T> => Part(z, PartKind.Conj);

    /// <summary>What a <see cref="PartsFunction{T}"/> computes.</summary>
    internal enum PartKind
    {
        ToComplex,
        Real,
        Imag,
        AbsSquared,
        Conj,
    }

    private static Variable<T> Part<T>(Variable<T> z, PartKind kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = Tape<T>.Of(z);
        if (!z.IsComplex)
        {
            throw new ShapeMismatchException($"{kind.ToString().ToLowerInvariant()}: needs a complex value, got {z.ShapeString}");
        }
        Variable<T> y = tape.NewValue(z.Shape, kind == PartKind.Conj, tape.AnyRequiresGrad(z));
        ReadOnlySpan<T> zs = z.Span;
        Span<T> ys = y.Span;
        int n = z.Length;
        for (int k = 0; k < n; k++)
        {
            T re = zs[2 * k], im = zs[(2 * k) + 1];
            switch (kind)
            {
                case PartKind.Real:
                    ys[k] = re;
                    break;
                case PartKind.Imag:
                    ys[k] = im;
                    break;
                case PartKind.AbsSquared:
                    ys[k] = (re * re) + (im * im);
                    break;
                default:
                    ys[2 * k] = re;
                    ys[(2 * k) + 1] = -im;
                    break;
            }
        }
        tape.Record(new PartsFunction<T>(kind), y, z);
        return y;
    }

    private sealed class PartsFunction<T>(PartKind kind) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => kind switch
        {
            PartKind.ToComplex => "to-complex",
            PartKind.Real => "real",
            PartKind.Imag => "imag",
            PartKind.AbsSquared => "abs-squared",
            _ => "conj",
        };

        public override long Flops => kind == PartKind.AbsSquared ? 3L * Output.Length : 0;

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            ReadOnlySpan<T> g = outputGradient.Span;
            if (kind == PartKind.ToComplex)
            {
                for (int part = 0; part < Inputs.Count; part++)
                {
                    if (GradientFor(part, out bool freshPart) is { } gp)
                    {
                        Span<T> d = gp.Span;
                        for (int k = 0; k < d.Length; k++)
                        {
                            T v = g[(2 * k) + part];
                            d[k] = freshPart ? v : d[k] + v;
                        }
                    }
                }
                return;
            }
            if (GradientFor(0, out bool fresh) is not { } gz)
            {
                return;
            }
            Span<T> dz = gz.Span;
            ReadOnlySpan<T> zs = Inputs[0].Span;
            T two = T.CreateTruncating(2.0);
            for (int k = 0; k < Inputs[0].Length; k++)
            {
                (T re, T im) = kind switch
                {
                    PartKind.Real => (g[k], T.Zero),
                    PartKind.Imag => (T.Zero, g[k]),
                    PartKind.AbsSquared => (two * g[k] * zs[2 * k], two * g[k] * zs[(2 * k) + 1]),
                    _ => (g[2 * k], -g[(2 * k) + 1]),
                };
                dz[2 * k] = fresh ? re : dz[2 * k] + re;
                dz[(2 * k) + 1] = fresh ? im : dz[(2 * k) + 1] + im;
            }
        }
    }

    /// <summary>
    /// z = r·e^{iφ} from a real magnitude and a real phase of one shape (r = 1 when null): a modulator's field.
    /// Backward: ∂r = cos φ·Re ∂z + sin φ·Im ∂z; ∂φ = r·(cos φ·Im ∂z − sin φ·Re ∂z).
    /// </summary>
    public static Variable<T> Polar<T>(Variable<T>? magnitude, Variable<T> phase) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = magnitude is null ? Tape<T>.Of(phase) : Tape<T>.Of(magnitude, phase);
        if (phase.IsComplex || (magnitude is not null && (magnitude.IsComplex || !magnitude.Shape.SequenceEqual(phase.Shape))))
        {
            throw new ShapeMismatchException($"polar: needs real magnitude and phase of one shape, got {magnitude?.ShapeString ?? "none"} and {phase.ShapeString}");
        }
        bool requires = magnitude is null ? tape.AnyRequiresGrad(phase) : tape.AnyRequiresGrad(magnitude, phase);
        Variable<T> z = tape.NewValue(phase.Shape, true, requires);
        ReadOnlySpan<T> ph = phase.Span, mag = magnitude is null ? default : magnitude.Span;
        Span<T> zs = z.Span;
        for (int k = 0; k < ph.Length; k++)
        {
            (T s, T c) = T.SinCos(ph[k]);
            T r = magnitude is null ? T.One : mag[k];
            zs[2 * k] = r * c;
            zs[(2 * k) + 1] = r * s;
        }
        if (magnitude is null)
        {
            tape.Record(new PolarFunction<T>(hasMagnitude: false), z, phase);
        }
        else
        {
            tape.Record(new PolarFunction<T>(hasMagnitude: true), z, magnitude, phase);
        }
        return z;
    }

    private sealed class PolarFunction<T>(bool hasMagnitude) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "polar";

        public override long Flops => 4L * Output.Length;

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            ReadOnlySpan<T> g = outputGradient.Span;
            int phaseIndex = hasMagnitude ? 1 : 0;
            ReadOnlySpan<T> ph = Inputs[phaseIndex].Span;
            ReadOnlySpan<T> mag = hasMagnitude ? Inputs[0].Span : default;
            if (hasMagnitude && GradientFor(0, out bool freshR) is { } gr)
            {
                Span<T> dr = gr.Span;
                for (int k = 0; k < ph.Length; k++)
                {
                    (T s, T c) = T.SinCos(ph[k]);
                    T v = (c * g[2 * k]) + (s * g[(2 * k) + 1]);
                    dr[k] = freshR ? v : dr[k] + v;
                }
            }
            if (GradientFor(phaseIndex, out bool freshP) is { } gp)
            {
                Span<T> dp = gp.Span;
                for (int k = 0; k < ph.Length; k++)
                {
                    (T s, T c) = T.SinCos(ph[k]);
                    T r = hasMagnitude ? mag[k] : T.One;
                    T v = r * ((c * g[(2 * k) + 1]) - (s * g[2 * k]));
                    dp[k] = freshP ? v : dp[k] + v;
                }
            }
        }
    }

    /// <summary>
    /// Complex matrix product over the last two axes, y = a·b, with a [… , m, k] and b [… , k, n] (or a plain
    /// matrix b shared by every item); either operand may be real (imaginary part 0), at least one complex.
    /// Computed from the real and imaginary planes with four real products ("4M"). Backward: ∂a = ∂y·bᴴ,
    /// ∂b = aᴴ·∂y, keeping only the real part for a real operand.
    /// </summary>
    public static Variable<T> ComplexMatMul<T>(Variable<T> a, Variable<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = Tape<T>.Of(a, b);
        if (!a.IsComplex && !b.IsComplex)
        {
            return MatMul(a, b);
        }
        MatMulShape s = MatMulShape.Of(a, b, false, false, "complex matmul");
        Variable<T> y = tape.NewValue(s.OutputShape, true, tape.AnyRequiresGrad(a, b));
        (Tensor<T> ar, Tensor<T> ai) = Planes(tape, a);
        (Tensor<T> br, Tensor<T> bi) = Planes(tape, b);
        Tensor<T> yr = tape.Allocate(y.Length), yi = tape.Allocate(y.Length);
        // yr = ar·br − ai·bi, yi = ar·bi + ai·br
        PlaneProduct(s, false, false, T.One, ar, br, T.Zero, yr);
        PlaneProduct(s, false, false, -T.One, ai, bi, T.One, yr);
        PlaneProduct(s, false, false, T.One, ar, bi, T.Zero, yi);
        PlaneProduct(s, false, false, T.One, ai, br, T.One, yi);
        Interleave(yr.Span, yi.Span, y.Span);
        tape.Record(new ComplexMatMulFunction<T>(s, ar, ai, br, bi), y, a, b);
        return y;
    }

    private static (Tensor<T> Re, Tensor<T> Im) Planes<T>(Tape<T> tape, Variable<T> v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tensor<T> re = tape.Allocate(v.Length), im = tape.Allocate(v.Length);
        ReadOnlySpan<T> s = v.Span;
        Span<T> r = re.Span, i = im.Span;
        if (!v.IsComplex)
        {
            s.CopyTo(r);
            i.Clear();
            return (re, im);
        }
        for (int k = 0; k < r.Length; k++)
        {
            r[k] = s[2 * k];
            i[k] = s[(2 * k) + 1];
        }
        return (re, im);
    }

    private static void Interleave<T>(ReadOnlySpan<T> re, ReadOnlySpan<T> im, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int k = 0; k < re.Length; k++)
        {
            destination[2 * k] = re[k];
            destination[(2 * k) + 1] = im[k];
        }
    }

    /// <summary>
    /// c ← α·op(x)·op(y) + β·c over the items of <paramref name="s"/>, in the orientation asked: (false, false) is the
    /// forward a·b; (false, true) is ∂y·bᵀ; (true, false) is aᵀ·∂y (summed over items into a shared b).
    /// </summary>
    private static void PlaneProduct<T>(MatMulShape s, bool gradB, bool gradA, T alpha, Tensor<T> x, Tensor<T> y, T beta, Tensor<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = s.M, n = s.N, k = s.K;
        if (!gradA && !gradB)
        {
            if (s.SharedB)
            {
                Gemm.Multiply(false, false, s.Batch * m, n, k, alpha, x.Data, k, y.Data, n, beta, c.Data, n);
            }
            else
            {
                Gemm.MultiplyBatched(s.Batch, false, false, m, n, k, alpha, x.Data, 0, k, (long)m * k, y.Data, 0, n, (long)k * n, beta, c.Data, 0, n, (long)m * n);
            }
        }
        else if (gradA)
        {
            // ∂a[m, k] = ∂y[m, n] · bᵀ  (x = ∂y, y = b)
            if (s.SharedB)
            {
                Gemm.Multiply(false, true, s.Batch * m, k, n, alpha, x.Data, n, y.Data, n, beta, c.Data, k);
            }
            else
            {
                Gemm.MultiplyBatched(s.Batch, false, true, m, k, n, alpha, x.Data, 0, n, (long)m * n, y.Data, 0, n, (long)k * n, beta, c.Data, 0, k, (long)m * k);
            }
        }
        else
        {
            // ∂b[k, n] = aᵀ · ∂y  (x = a, y = ∂y)
            if (s.SharedB)
            {
                Gemm.Multiply(true, false, k, n, s.Batch * m, alpha, x.Data, k, y.Data, n, beta, c.Data, n);
            }
            else
            {
                Gemm.MultiplyBatched(s.Batch, true, false, k, n, m, alpha, x.Data, 0, k, (long)m * k, y.Data, 0, n, (long)m * n, beta, c.Data, 0, n, (long)k * n);
            }
        }
    }

    private sealed class ComplexMatMulFunction<T>(MatMulShape s, Tensor<T> ar, Tensor<T> ai, Tensor<T> br, Tensor<T> bi) : Function<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "complex-matmul";

        public override long Flops => 8L * s.Batch * s.M * s.N * s.K;

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            Tensor<T> gr = Tape.Allocate(outputGradient.Length / 2), gi = Tape.Allocate(outputGradient.Length / 2);
            ReadOnlySpan<T> g = outputGradient.Span;
            for (int k = 0; k < gr.Length; k++)
            {
                gr.Span[k] = g[2 * k];
                gi.Span[k] = g[(2 * k) + 1];
            }
            if (NeedsGradient(0))
            {
                // ∂a = ∂y·bᴴ: re = gr·brᵀ + gi·biᵀ, im = gi·brᵀ − gr·biᵀ
                Tensor<T> re = Tape.Allocate(ar.Length), im = Tape.Allocate(ar.Length);
                PlaneProduct(s, false, true, T.One, gr, br, T.Zero, re);
                PlaneProduct(s, false, true, T.One, gi, bi, T.One, re);
                PlaneProduct(s, false, true, T.One, gi, br, T.Zero, im);
                PlaneProduct(s, false, true, -T.One, gr, bi, T.One, im);
                Store(0, re, im);
            }
            if (NeedsGradient(1))
            {
                // ∂b = aᴴ·∂y: re = arᵀ·gr + aiᵀ·gi, im = arᵀ·gi − aiᵀ·gr
                Tensor<T> re = Tape.Allocate(br.Length), im = Tape.Allocate(br.Length);
                PlaneProduct(s, true, false, T.One, ar, gr, T.Zero, re);
                PlaneProduct(s, true, false, T.One, ai, gi, T.One, re);
                PlaneProduct(s, true, false, T.One, ar, gi, T.Zero, im);
                PlaneProduct(s, true, false, -T.One, ai, gr, T.One, im);
                Store(1, re, im);
            }
        }

        private void Store(int index, Tensor<T> re, Tensor<T> im)
        {
            Tensor<T> g = GradientFor(index, out bool fresh)!;
            Span<T> d = g.Span;
            ReadOnlySpan<T> r = re.Span, i = im.Span;
            if (Inputs[index].IsComplex)
            {
                for (int k = 0; k < r.Length; k++)
                {
                    d[2 * k] = fresh ? r[k] : d[2 * k] + r[k];
                    d[(2 * k) + 1] = fresh ? i[k] : d[(2 * k) + 1] + i[k];
                }
            }
            else
            {
                for (int k = 0; k < r.Length; k++)
                {
                    d[k] = fresh ? r[k] : d[k] + r[k];
                }
            }
        }
    }
}
