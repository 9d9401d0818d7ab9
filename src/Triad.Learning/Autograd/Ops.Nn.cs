using System.Numerics;
using Triad.Numerics.Kernels;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;
using Triad.Numerics.Threading;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Triad.Learning.Autograd;

public static partial class Ops
{
    /// <summary>
    /// Softmax over the last axis: y[…, j] = exp(x[…, j] − m) / Σ_k exp(x[…, k] − m), m the row maximum (so exp
    /// cannot overflow). Backward: ∂x = y ⊙ (∂y − Σ_k ∂y_k·y_k).
    /// </summary>
    public static Variable<T> Softmax<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = Tape<T>.Of(x);
        if (x.IsComplex || x.Rank == 0 || x.Dim(-1) == 0)
        {
            throw new ShapeMismatchException($"softmax: needs a real value with a non-empty last axis, got {x.ShapeString}");
        }
        int cols = x.Dim(-1);
        Variable<T> y = tape.NewValue(x.Shape, false, tape.AnyRequiresGrad(x));
        RowKernels.Softmax((ReadOnlySpan<T>)x.Span, cols, y.Span);
        tape.Record(new SoftmaxFunction<T>(cols), y, x);
        return y;
    }

    private sealed class SoftmaxFunction<T>(int cols) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "softmax";

        public override long Flops => 5L * Output.Length;

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            if (GradientFor(0, out bool fresh) is not { } g)
            {
                return;
            }
            ReadOnlySpan<T> y = Output.Span, dy = outputGradient.Span;
            Span<T> dx = g.Span;
            for (int r = 0; r < y.Length; r += cols)
            {
                ReadOnlySpan<T> yr = y.Slice(r, cols), dyr = dy.Slice(r, cols);
                Span<T> dxr = dx.Slice(r, cols);
                T dot = TP.Dot(yr, dyr);
                for (int j = 0; j < cols; j++)
                {
                    T v = yr[j] * (dyr[j] - dot);
                    dxr[j] = fresh ? v : dxr[j] + v;
                }
            }
        }
    }

    /// <summary>
    /// Layer normalisation over the last axis (Ba, Kiros and Hinton, arXiv:1607.06450): with μ and σ² the mean and
    /// (biased) variance of a row, y = (x − μ)/√(σ² + ε) ⊙ γ + β; γ and β have the last axis's extent.
    /// Backward, with x̂ = (x − μ)·r, r = 1/√(σ² + ε), ĝ = ∂y ⊙ γ: ∂x = r/D·(D·ĝ − Σĝ − x̂·Σ(ĝ⊙x̂)), ∂γ = Σ_rows ∂y⊙x̂, ∂β = Σ_rows ∂y.
    /// </summary>
    public static Variable<T> LayerNorm<T>(Variable<T> x, Variable<T> gamma, Variable<T> beta, double epsilon = 1e-5)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = Tape<T>.Of(x);
        if (x.IsComplex || x.Rank == 0)
        {
            throw new ShapeMismatchException($"layer-norm: needs a real value, got {x.ShapeString}");
        }
        int d = x.Dim(-1);
        if (gamma.Rank != 1 || gamma.Dim(0) != d || beta.Rank != 1 || beta.Dim(0) != d)
        {
            throw new ShapeMismatchException($"layer-norm: γ {gamma.ShapeString} and β {beta.ShapeString} must both be [{d}] for input {x.ShapeString}");
        }
        if (!(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "layer-norm: ε must be positive");
        }
        int rows = d == 0 ? 0 : x.Length / d;
        bool requires = tape.AnyRequiresGrad(x, gamma) || tape.AnyRequiresGrad(beta);
        Variable<T> y = tape.NewValue(x.Shape, false, requires);
        Tensor<T> stats = tape.Allocate(rows, 2);
        T[] xs = x.Value.Data, ys = y.Value.Data, st = stats.Data, gs = gamma.Value.Data, bs = beta.Value.Data;
        T eps = T.CreateTruncating(epsilon), invD = T.One / T.CreateTruncating(d);
        ForRows(rows, d, (r0, r1) =>
        {
            for (int r = r0; r < r1; r++)
            {
                ReadOnlySpan<T> xr = xs.AsSpan(r * d, d);
                Span<T> yr = ys.AsSpan(r * d, d);
                T mean = TP.Sum(xr) * invD;
                TP.Subtract(xr, mean, yr);
                T variance = TP.SumOfSquares<T>(yr) * invD;
                T rstd = T.One / T.Sqrt(variance + eps);
                TP.Multiply(yr, rstd, yr);
                st[2 * r] = mean;
                st[(2 * r) + 1] = rstd;
                TP.MultiplyAdd(yr, gs, bs, yr);
            }
        });
        tape.Record(new LayerNormFunction<T>(rows, d, stats), y, x, gamma, beta);
        return y;
    }

    private sealed class LayerNormFunction<T>(int rows, int d, Tensor<T> stats) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "layer-norm";

        public override long Flops => 8L * Output.Length;

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            T[] xs = Inputs[0].Value.Data, gs = Inputs[1].Value.Data, dy = outputGradient.Data, st = stats.Data;
            Tensor<T> xhatAll = Tape.Allocate(rows, d);
            T[] xhat = xhatAll.Data;
            ForRows(rows, d, (r0, r1) =>
            {
                for (int r = r0; r < r1; r++)
                {
                    Span<T> h = xhat.AsSpan(r * d, d);
                    TP.Subtract(xs.AsSpan(r * d, d), st[2 * r], h);
                    TP.Multiply(h, st[(2 * r) + 1], h);
                }
            });
            if (GradientFor(1, out bool freshG) is { } gg)
            {
                Span<T> dg = gg.Span;
                if (freshG)
                {
                    dg.Clear();
                }
                for (int r = 0; r < rows; r++)
                {
                    TP.MultiplyAdd(dy.AsSpan(r * d, d), xhat.AsSpan(r * d, d), dg, dg);
                }
            }
            if (GradientFor(2, out bool freshB) is { } gb)
            {
                Span<T> db = gb.Span;
                if (freshB)
                {
                    db.Clear();
                }
                RowKernels.AddColumnSums((ReadOnlySpan<T>)dy, db);
            }
            if (GradientFor(0, out bool freshX) is not { } gx)
            {
                return;
            }
            T[] dx = gx.Data;
            T dT = T.CreateTruncating(d), invD = T.One / dT;
            ForRows(rows, d, (r0, r1) =>
            {
                Span<T> ghat = d <= 1024 ? stackalloc T[d] : new T[d];
                for (int r = r0; r < r1; r++)
                {
                    TP.Multiply(dy.AsSpan(r * d, d), gs, ghat);
                    ReadOnlySpan<T> h = xhat.AsSpan(r * d, d);
                    T sum = TP.Sum<T>(ghat), dot = TP.Dot<T>(ghat, h);
                    T rstd = st[(2 * r) + 1];
                    Span<T> dxr = dx.AsSpan(r * d, d);
                    for (int j = 0; j < d; j++)
                    {
                        T v = rstd * invD * ((dT * ghat[j]) - sum - (h[j] * dot));
                        dxr[j] = freshX ? v : dxr[j] + v;
                    }
                }
            });
        }
    }

    /// <summary>Runs <paramref name="body"/>(firstRow, endRow) over row blocks of about 16 Ki elements, in parallel when large.</summary>
    private static void ForRows(int rows, int cols, Action<int, int> body)
    {
        int perPiece = Math.Max(1, (1 << 14) / Math.Max(1, cols));
        int pieces = (rows + perPiece - 1) / perPiece;
        if (pieces <= 1)
        {
            body(0, rows);
            return;
        }
        ThreadSettings.For(pieces, p => body(p * perPiece, Math.Min(rows, (p + 1) * perPiece)));
    }

    /// <summary>
    /// Inverted dropout (Srivastava et al., JMLR 15, 2014): each element is kept with probability 1 − p and scaled
    /// by 1/(1 − p), drawing from <paramref name="random"/> in element order. Callers apply it only while training.
    /// </summary>
    public static Variable<T> Dropout<T>(Variable<T> x, double rate, SeededRandom random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        Tape<T> tape = Tape<T>.Of(x);
        if (!(rate >= 0.0 && rate < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "dropout rate must lie in [0, 1)");
        }
        Variable<T> y = tape.NewValue(x.Shape, x.IsComplex, tape.AnyRequiresGrad(x));
        Tensor<T> mask = tape.Allocate(x.Value.Length);
        Span<T> m = mask.Span;
        double keep = 1.0 - rate;
        T scale = T.CreateTruncating(1.0 / keep);
        int width = x.IsComplex ? 2 : 1;
        for (int i = 0; i < m.Length; i += width)
        {
            T v = random.NextDouble() < keep ? scale : T.Zero;
            m[i] = v;
            if (width == 2)
            {
                m[i + 1] = v;
            }
        }
        TP.Multiply(x.Span, m, y.Span);
        tape.Record(new DropoutFunction<T>(mask), y, x);
        return y;
    }

    private sealed class DropoutFunction<T>(Tensor<T> mask) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "dropout";

        public override long Flops => Output.Value.Length;

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            if (GradientFor(0, out bool fresh) is { } g)
            {
                if (fresh)
                {
                    TP.Multiply(outputGradient.Span, mask.Span, g.Span);
                }
                else
                {
                    TP.MultiplyAdd(outputGradient.Span, mask.Span, g.Span, g.Span);
                }
            }
        }
    }
}
