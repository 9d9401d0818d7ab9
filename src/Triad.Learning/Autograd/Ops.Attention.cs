using System.Numerics;
using Triad.Numerics.Tensors;
using Triad.Numerics.Threading;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Triad.Learning.Autograd;

public static partial class Ops
{
    /// <summary>
    /// Scaled dot-product attention (Vaswani et al., 2017): for each item of the leading axes,
    /// S = Q·Kᵀ/√d_k, P = softmax(S) over keys, Y = P·V; with <paramref name="causal"/>, query i sees keys j ≤ i only
    /// (PyTorch's <c>is_causal</c>). q is [… , Tq, Dk], k [… , Tk, Dk], v [… , Tk, Dv]; y is [… , Tq, Dv].
    /// Backward: ∂V = Pᵀ·∂Y, ∂P = ∂Y·Vᵀ, ∂S = P ⊙ (∂P − rowsum(∂P ⊙ P))/√d_k, ∂Q = ∂S·K, ∂K = ∂Sᵀ·Q.
    /// </summary>
    public static Variable<T> ScaledDotProductAttention<T>(Variable<T> q, Variable<T> k, Variable<T> v, bool causal = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        Tape<T> tape = Tape<T>.Of([q, k, v]);
        if (q.IsComplex || k.IsComplex || v.IsComplex || q.Rank < 2 || k.Rank != q.Rank || v.Rank != q.Rank)
        {
            throw new ShapeMismatchException($"attention: needs real q, k, v of equal rank ≥ 2, got {q.ShapeString}, {k.ShapeString}, {v.ShapeString}");
        }
        if (!q.Shape[..^2].SequenceEqual(k.Shape[..^2]) || !q.Shape[..^2].SequenceEqual(v.Shape[..^2])
            || q.Dim(-1) != k.Dim(-1) || k.Dim(-2) != v.Dim(-2))
        {
            throw new ShapeMismatchException(
                $"attention: q {q.ShapeString}, k {k.ShapeString} and v {v.ShapeString} do not fit ([…, Tq, Dk], […, Tk, Dk], […, Tk, Dv])");
        }
        int tq = q.Dim(-2), tk = k.Dim(-2), dk = q.Dim(-1), dv = v.Dim(-1);
        int items = OpSupport.Product(q.Shape[..^2]);
        int[] shape = q.ShapeArray;
        shape[^1] = dv;
        Variable<T> y = tape.NewValue(shape, false, tape.AnyRequiresGrad([q, k, v]));
        var layout = new AttentionLayout(items, 1, tq, tk, dk, dv,
            QItem: tq * dk, QHead: 0, QRow: dk, KItem: tk * dk, KHead: 0, KRow: dk, VItem: tk * dv, VHead: 0, VRow: dv,
            OItem: tq * dv, OHead: 0, ORow: dv, causal);
        Tensor<T> probabilities = tape.Allocate(items, tq, tk);
        AttentionKernel<T>.Forward(layout, q.Value.Data, k.Value.Data, v.Value.Data, y.Value.Data, probabilities.Data);
        tape.Record(new AttentionFunction<T>(layout, probabilities, fused: false), y, q, k, v);
        return y;
    }

    /// <summary>
    /// Multi-head self-attention read straight from a projected [B, T, 3·D] tensor holding, per token, the queries,
    /// keys and values of all heads side by side (head h of the queries is columns h·D/H … (h+1)·D/H − 1); the
    /// result is [B, T, D] with the heads side by side again. Same mathematics as
    /// <see cref="ScaledDotProductAttention{T}"/> per (batch, head), without copying heads apart or together.
    /// </summary>
    public static Variable<T> MultiHeadAttention<T>(Variable<T> qkv, int heads, bool causal = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = Tape<T>.Of(qkv);
        if (qkv.IsComplex || qkv.Rank != 3 || qkv.Dim(2) % 3 != 0)
        {
            throw new ShapeMismatchException($"multi-head attention: needs real [batch, tokens, 3·dim], got {qkv.ShapeString}");
        }
        int batch = qkv.Dim(0), tokens = qkv.Dim(1), dim = qkv.Dim(2) / 3;
        if (heads < 1 || dim % heads != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(heads), heads, $"multi-head attention: {heads} heads do not divide the dimension {dim}");
        }
        int dh = dim / heads;
        Variable<T> y = tape.NewValue([batch, tokens, dim], false, tape.AnyRequiresGrad(qkv));
        var layout = new AttentionLayout(batch, heads, tokens, tokens, dh, dh,
            QItem: tokens * 3 * dim, QHead: dh, QRow: 3 * dim,
            KItem: tokens * 3 * dim, KHead: dh, KRow: 3 * dim,
            VItem: tokens * 3 * dim, VHead: dh, VRow: 3 * dim,
            OItem: tokens * dim, OHead: dh, ORow: dim, causal)
        { KOffset = dim, VOffset = 2 * dim };
        Tensor<T> probabilities = tape.Allocate(batch * heads, tokens, tokens);
        T[] data = qkv.Value.Data;
        AttentionKernel<T>.Forward(layout, data, data, data, y.Value.Data, probabilities.Data);
        tape.Record(new AttentionFunction<T>(layout, probabilities, fused: true), y, qkv);
        return y;
    }

    /// <summary>
    /// Where item i, head h of each operand lives: row t of Q starts at i·QItem + h·QHead + t·QRow (keys and values
    /// likewise, after their offsets into a shared buffer); the output row at i·OItem + h·OHead + t·ORow.
    /// </summary>
    internal sealed record AttentionLayout(
        int Items, int Heads, int Tq, int Tk, int Dk, int Dv,
        int QItem, int QHead, int QRow, int KItem, int KHead, int KRow, int VItem, int VHead, int VRow,
        int OItem, int OHead, int ORow, bool Causal)
    {
        public int KOffset { get; init; }

        public int VOffset { get; init; }

        public long Flops => 2L * Items * Heads * Tq * Tk * (Dk + Dv);
    }

    private sealed class AttentionFunction<T>(AttentionLayout layout, Tensor<T> probabilities, bool fused) : Function<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => fused ? "multi-head-attention" : "attention";

        public override long Flops => layout.Flops;

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            if (fused)
            {
                if (GradientFor(0, out bool fresh) is { } g)
                {
                    if (fresh)
                    {
                        g.Clear();
                    }
                    T[] data = Inputs[0].Value.Data;
                    AttentionKernel<T>.Backward(layout, data, data, data, outputGradient.Data, probabilities.Data, g.Data, g.Data, g.Data);
                }
                return;
            }
            T[]? dq = Cleared(0), dk = Cleared(1), dv = Cleared(2);
            AttentionKernel<T>.Backward(layout, Inputs[0].Value.Data, Inputs[1].Value.Data, Inputs[2].Value.Data,
                outputGradient.Data, probabilities.Data, dq, dk, dv);
        }

        private T[]? Cleared(int index)
        {
            if (GradientFor(index, out bool fresh) is not { } g)
            {
                return null;
            }
            if (fresh)
            {
                g.Clear();
            }
            return g.Data;
        }
    }

    private static class AttentionKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static void Forward(AttentionLayout l, T[] q, T[] k, T[] v, T[] o, T[] p)
        {
            T scale = T.One / T.Sqrt(T.CreateTruncating(l.Dk));
            ThreadSettings.For(l.Items * l.Heads, item =>
            {
                int i = item / l.Heads, h = item % l.Heads;
                int q0 = (i * l.QItem) + (h * l.QHead), k0 = (i * l.KItem) + (h * l.KHead) + l.KOffset;
                int v0 = (i * l.VItem) + (h * l.VHead) + l.VOffset, o0 = (i * l.OItem) + (h * l.OHead);
                Span<T> probs = p.AsSpan(item * l.Tq * l.Tk, l.Tq * l.Tk);
                for (int t = 0; t < l.Tq; t++)
                {
                    ReadOnlySpan<T> qr = q.AsSpan(q0 + (t * l.QRow), l.Dk);
                    Span<T> row = probs.Slice(t * l.Tk, l.Tk);
                    int visible = l.Causal ? Math.Min(l.Tk, t + 1) : l.Tk;
                    for (int j = 0; j < visible; j++)
                    {
                        row[j] = TP.Dot(qr, k.AsSpan(k0 + (j * l.KRow), l.Dk)) * scale;
                    }
                    Span<T> seen = row[..visible];
                    T max = TP.Max<T>(seen);
                    TP.Subtract(seen, max, seen);
                    TP.Exp(seen, seen);
                    TP.Divide(seen, TP.Sum<T>(seen), seen);
                    row[visible..].Clear();
                    Span<T> orow = o.AsSpan(o0 + (t * l.ORow), l.Dv);
                    orow.Clear();
                    for (int j = 0; j < visible; j++)
                    {
                        TP.MultiplyAdd(v.AsSpan(v0 + (j * l.VRow), l.Dv), row[j], orow, orow);
                    }
                }
            });
        }

        /// <summary>Adds the gradients into dq, dk, dv (any may be null; they may be one buffer, as for fused qkv).</summary>
        public static void Backward(AttentionLayout l, T[] q, T[] k, T[] v, T[] dOut, T[] p, T[]? dq, T[]? dk, T[]? dv)
        {
            T scale = T.One / T.Sqrt(T.CreateTruncating(l.Dk));
            ThreadSettings.For(l.Items * l.Heads, item =>
            {
                int i = item / l.Heads, h = item % l.Heads;
                int q0 = (i * l.QItem) + (h * l.QHead), k0 = (i * l.KItem) + (h * l.KHead) + l.KOffset;
                int v0 = (i * l.VItem) + (h * l.VHead) + l.VOffset, o0 = (i * l.OItem) + (h * l.OHead);
                ReadOnlySpan<T> probs = p.AsSpan(item * l.Tq * l.Tk, l.Tq * l.Tk);
                Span<T> ds = l.Tk <= 2048 ? stackalloc T[l.Tk] : new T[l.Tk];
                for (int t = 0; t < l.Tq; t++)
                {
                    ReadOnlySpan<T> prow = probs.Slice(t * l.Tk, l.Tk);
                    ReadOnlySpan<T> go = dOut.AsSpan(o0 + (t * l.ORow), l.Dv);
                    int visible = l.Causal ? Math.Min(l.Tk, t + 1) : l.Tk;
                    for (int j = 0; j < visible; j++)
                    {
                        ds[j] = TP.Dot(go, v.AsSpan(v0 + (j * l.VRow), l.Dv));
                        if (dv is not null)
                        {
                            Span<T> dvr = dv.AsSpan(v0 + (j * l.VRow), l.Dv);
                            TP.MultiplyAdd(go, prow[j], dvr, dvr);
                        }
                    }
                    Span<T> seen = ds[..visible];
                    T dot = TP.Dot(seen, prow[..visible]);
                    for (int j = 0; j < visible; j++)
                    {
                        seen[j] = prow[j] * (seen[j] - dot) * scale;
                    }
                    if (dq is not null)
                    {
                        Span<T> dqr = dq.AsSpan(q0 + (t * l.QRow), l.Dk);
                        for (int j = 0; j < visible; j++)
                        {
                            TP.MultiplyAdd(k.AsSpan(k0 + (j * l.KRow), l.Dk), seen[j], dqr, dqr);
                        }
                    }
                    if (dk is not null)
                    {
                        ReadOnlySpan<T> qr = q.AsSpan(q0 + (t * l.QRow), l.Dk);
                        for (int j = 0; j < visible; j++)
                        {
                            Span<T> dkr = dk.AsSpan(k0 + (j * l.KRow), l.Dk);
                            TP.MultiplyAdd(qr, seen[j], dkr, dkr);
                        }
                    }
                }
            });
        }
    }
}
