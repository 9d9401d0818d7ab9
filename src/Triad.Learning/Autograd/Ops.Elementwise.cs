using System.Numerics;
using Triad.Numerics.Tensors;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Triad.Learning.Autograd;

/// <summary>
/// The differentiable operations. Each one computes its result on the tape of its operands, records a
/// <see cref="Function{T}"/> that keeps what its backward pass needs, and returns the result. Each
/// operation's backward pass sits next to its forward pass in the nested function class.
/// <para>
/// Broadcasting: where an operation says "b may be a trailing part of a", b's shape must equal the last axes
/// of a's shape (a bias [D] over [B, T, D], positions [T, D] over [B, T, D]); b then repeats over a's leading
/// axes, and its gradient is the sum over them. There is no other broadcasting.
/// </para>
/// </summary>
public static partial class Ops
{
    /// <summary>y = a + b element-wise (real or complex alike; b may be a trailing part of a).</summary>
    public static Variable<T> Add<T>(Variable<T> a, Variable<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        AddOrSubtract(a, b, subtract: false);

    /// <summary>y = a − b element-wise (real or complex alike; b may be a trailing part of a).</summary>
    public static Variable<T> Subtract<T>(Variable<T> a, Variable<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        AddOrSubtract(a, b, subtract: true);

    private static Variable<T> AddOrSubtract<T>(Variable<T> a, Variable<T> b, bool subtract) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = Tape<T>.Of(a, b);
        string op = subtract ? "subtract" : "add";
        if (a.IsComplex != b.IsComplex)
        {
            throw new ShapeMismatchException($"{op}: cannot combine a real and a complex value ({a.ShapeString}, {b.ShapeString}); convert with Ops.ToComplex");
        }
        int repeats = OpSupport.SuffixRepeats(a, b, op);
        Variable<T> y = tape.NewValue(a.Shape, a.IsComplex, tape.AnyRequiresGrad(a, b));
        Span<T> ys = y.Span;
        ReadOnlySpan<T> aSpan = a.Span, bSpan = b.Span;
        int n = bSpan.Length;
        for (int r = 0; r < repeats; r++)
        {
            if (subtract)
            {
                TP.Subtract(aSpan.Slice(r * n, n), bSpan, ys.Slice(r * n, n));
            }
            else
            {
                TP.Add(aSpan.Slice(r * n, n), bSpan, ys.Slice(r * n, n));
            }
        }
        tape.Record(new AddFunction<T>(subtract, repeats), y, a, b);
        return y;
    }

    private sealed class AddFunction<T>(bool subtract, int repeats) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => subtract ? "subtract" : "add";

        public override long Flops => Output.Value.Length;

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            ReadOnlySpan<T> g = outputGradient.Span;
            AccumulateGradient(0, g);
            if (GradientFor(1, out bool fresh) is { } gb)
            {
                Span<T> db = gb.Span;
                if (!subtract)
                {
                    if (fresh)
                    {
                        db.Clear();
                    }
                    for (int r = 0; r < repeats; r++)
                    {
                        TP.Add(db, g.Slice(r * db.Length, db.Length), db);
                    }
                }
                else
                {
                    if (fresh)
                    {
                        db.Clear();
                    }
                    for (int r = 0; r < repeats; r++)
                    {
                        TP.Subtract(db, g.Slice(r * db.Length, db.Length), db);
                    }
                }
            }
        }
    }

    /// <summary>
    /// y = a ⊙ b element-wise; b may be a trailing part of a. Real × real, complex × complex, and real × complex
    /// (either way round; the result is complex) are all allowed.
    /// Backward: ∂a = ∂y ⊙ conj(b), ∂b = Σ ∂y ⊙ conj(a), with Re(·) taken for a real operand.
    /// </summary>
    public static Variable<T> Multiply<T>(Variable<T> a, Variable<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = Tape<T>.Of(a, b);
        int repeats = OpSupport.SuffixRepeats(a, b, "multiply");
        bool complex = a.IsComplex || b.IsComplex;
        Variable<T> y = tape.NewValue(a.Shape, complex, tape.AnyRequiresGrad(a, b));
        int n = b.Length;
        ReadOnlySpan<T> aSpan = a.Span, bSpan = b.Span;
        Span<T> ys = y.Span;
        if (!complex)
        {
            for (int r = 0; r < repeats; r++)
            {
                TP.Multiply(aSpan.Slice(r * n, n), bSpan, ys.Slice(r * n, n));
            }
        }
        else
        {
            int aw = a.IsComplex ? 2 : 1, bw = b.IsComplex ? 2 : 1;
            for (int r = 0; r < repeats; r++)
            {
                for (int i = 0; i < n; i++)
                {
                    int ia = ((r * n) + i) * aw, ib = i * bw, iy = ((r * n) + i) * 2;
                    T ar = aSpan[ia], ai = aw == 2 ? aSpan[ia + 1] : T.Zero;
                    T br = bSpan[ib], bi = bw == 2 ? bSpan[ib + 1] : T.Zero;
                    ys[iy] = (ar * br) - (ai * bi);
                    ys[iy + 1] = (ar * bi) + (ai * br);
                }
            }
        }
        tape.Record(new MultiplyFunction<T>(repeats), y, a, b);
        return y;
    }

    private sealed class MultiplyFunction<T>(int repeats) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "multiply";

        public override long Flops => Output.IsComplex ? 6L * Output.Length : Output.Length;

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            Variable<T> a = Inputs[0], b = Inputs[1];
            ReadOnlySpan<T> g = outputGradient.Span, aSpan = a.Span, bSpan = b.Span;
            int n = b.Length;
            if (!Output.IsComplex)
            {
                if (GradientFor(0, out bool freshA) is { } ga)
                {
                    Span<T> da = ga.Span;
                    for (int r = 0; r < repeats; r++)
                    {
                        Span<T> dst = da.Slice(r * n, n);
                        if (freshA)
                        {
                            TP.Multiply(g.Slice(r * n, n), bSpan, dst);
                        }
                        else
                        {
                            TP.MultiplyAdd(g.Slice(r * n, n), bSpan, dst, dst);
                        }
                    }
                }
                if (GradientFor(1, out bool freshB) is { } gb)
                {
                    Span<T> db = gb.Span;
                    if (freshB)
                    {
                        db.Clear();
                    }
                    for (int r = 0; r < repeats; r++)
                    {
                        TP.MultiplyAdd(g.Slice(r * n, n), aSpan.Slice(r * n, n), db, db);
                    }
                }
                return;
            }
            int aw = a.IsComplex ? 2 : 1, bw = b.IsComplex ? 2 : 1;
            if (GradientFor(0, out bool fa) is { } gca)
            {
                Span<T> da = gca.Span;
                if (fa)
                {
                    da.Clear();
                }
                for (int r = 0; r < repeats; r++)
                {
                    for (int i = 0; i < n; i++)
                    {
                        int ia = ((r * n) + i) * aw, ib = i * bw, iy = ((r * n) + i) * 2;
                        T br = bSpan[ib], bi = bw == 2 ? bSpan[ib + 1] : T.Zero;
                        T gr = g[iy], gi = g[iy + 1];
                        // ∂a = ∂y · conj(b)
                        da[ia] += (gr * br) + (gi * bi);
                        if (aw == 2)
                        {
                            da[ia + 1] += (gi * br) - (gr * bi);
                        }
                    }
                }
            }
            if (GradientFor(1, out bool fb) is { } gcb)
            {
                Span<T> db = gcb.Span;
                if (fb)
                {
                    db.Clear();
                }
                for (int r = 0; r < repeats; r++)
                {
                    for (int i = 0; i < n; i++)
                    {
                        int ia = ((r * n) + i) * aw, ib = i * bw, iy = ((r * n) + i) * 2;
                        T ar = aSpan[ia], ai = aw == 2 ? aSpan[ia + 1] : T.Zero;
                        T gr = g[iy], gi = g[iy + 1];
                        // ∂b = Σ ∂y · conj(a)
                        db[ib] += (gr * ar) + (gi * ai);
                        if (bw == 2)
                        {
                            db[ib + 1] += (gi * ar) - (gr * ai);
                        }
                    }
                }
            }
        }
    }

    /// <summary>y = s·a for a constant s (real or complex a).</summary>
    public static Variable<T> Scale<T>(Variable<T> a, T s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = Tape<T>.Of(a);
        Variable<T> y = tape.NewValue(a.Shape, a.IsComplex, tape.AnyRequiresGrad(a));
        TP.Multiply(a.Span, s, y.Span);
        tape.Record(new ScaleFunction<T>(s), y, a);
        return y;
    }

    private sealed class ScaleFunction<T>(T s) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "scale";

        public override long Flops => Output.Value.Length;

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            if (GradientFor(0, out bool fresh) is { } g)
            {
                if (fresh)
                {
                    TP.Multiply(outputGradient.Span, s, g.Span);
                }
                else
                {
                    TP.MultiplyAdd(outputGradient.Span, s, g.Span, g.Span);
                }
            }
        }
    }
}
