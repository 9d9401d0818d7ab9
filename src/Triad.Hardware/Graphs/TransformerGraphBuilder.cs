using Triad.Hardware.Models;

namespace Triad.Hardware.Graphs;

/// <summary>
/// Builds the forward op graph of a Llama-style decoder (<see cref="TransformerConfig"/>) for a batch of
/// <c>b</c> sequences of length <c>s</c> (t = b·s tokens), in one precision.
/// </summary>
/// <remarks>
/// FLOPs, per op (multiply-add = 2):
/// projections 2·t·in·out; attention scores and context 2·b·s²·h each (dense: the causal mask's zeros are
/// counted, as a GEMM kernel computes them); RMSNorm 4 per element (square, sum, scale, weight); softmax 5 per
/// score (max, subtract, exp, sum, divide); rotary embedding 3 per q/k element; SwiGLU 5 per ffn element
/// (sigmoid ≈ 3, two multiplies); residual add 1 per element. Bytes: every input read once and the output written
/// once at the op's precision (weights included), the lower bound a fused kernel reaches. A training step costs
/// about 3× the forward FLOPs (backward ≈ 2× forward; Kaplan et al., arXiv:2001.08361, §2.1), which for a large
/// model is ≈ 6·N per token plus the attention term 12·layers·s·h.
/// </remarks>
public static class TransformerGraphBuilder
{
    /// <summary>The forward graph of <paramref name="config"/> for <paramref name="batch"/> sequences of <paramref name="sequenceLength"/> tokens.</summary>
    /// <exception cref="HardwareDataException">The config is inconsistent, or batch/sequence length below 1.</exception>
    public static OpGraph Build(TransformerConfig config, int batch, int sequenceLength, Precision precision)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (batch < 1 || sequenceLength < 1)
        {
            throw new HardwareDataException($"batch {batch} and sequence length {sequenceLength} must be at least 1");
        }
        var g = new Builder(precision);
        long b = batch, s = sequenceLength, t = b * s, h = config.Hidden, kv = config.KvWidth, f = config.Ffn, v = config.Vocab;
        long heads = config.Heads;

        string residual = g.Add("embed", OpKind.Embedding, [[t], [v, h]], [t, h], flops: 0,
            bytes: t * 8 + 2.0 * t * h * g.E, parameters: v * h);
        for (int layer = 0; layer < config.Layers; layer++)
        {
            string p = $"L{layer}.";
            string norm1 = g.Add(p + "attn_norm", OpKind.Normalization, [[t, h], [h]], [t, h], 4.0 * t * h, g.E * (2.0 * t * h + h), h, residual);
            string q = g.MatMul(p + "attn.q", t, h, h, weights: true, norm1);
            string k = g.MatMul(p + "attn.k", t, h, kv, weights: true, norm1);
            string vv = g.MatMul(p + "attn.v", t, h, kv, weights: true, norm1);
            string rope = g.Add(p + "attn.rope", OpKind.Elementwise, [[t, h], [t, kv]], [t, h + kv], 3.0 * t * (h + kv),
                g.E * 2.0 * t * (h + kv), 0, q, k);
            string scores = g.Add(p + "attn.scores", OpKind.MatMul, [[b, heads, s, h / heads], [b, heads, h / heads, s]], [b, heads, s, s],
                2.0 * b * s * s * h, g.E * (t * h + t * kv + (double)b * heads * s * s), 0, rope);
            string softmax = g.Add(p + "attn.softmax", OpKind.Softmax, [[b, heads, s, s]], [b, heads, s, s], 5.0 * b * heads * s * s,
                g.E * 2.0 * b * heads * s * s, 0, scores);
            string context = g.Add(p + "attn.context", OpKind.MatMul, [[b, heads, s, s], [b, heads, s, h / heads]], [t, h],
                2.0 * b * s * s * h, g.E * ((double)b * heads * s * s + t * kv + t * h), 0, softmax, vv);
            string o = g.MatMul(p + "attn.o", t, h, h, weights: true, context);
            string add1 = g.Add(p + "attn_residual", OpKind.Elementwise, [[t, h], [t, h]], [t, h], t * h, g.E * 3.0 * t * h, 0, residual, o);
            string norm2 = g.Add(p + "ffn_norm", OpKind.Normalization, [[t, h], [h]], [t, h], 4.0 * t * h, g.E * (2.0 * t * h + h), h, add1);
            string gate = g.MatMul(p + "ffn.gate", t, h, f, weights: true, norm2);
            string up = g.MatMul(p + "ffn.up", t, h, f, weights: true, norm2);
            string swiglu = g.Add(p + "ffn.swiglu", OpKind.Elementwise, [[t, f], [t, f]], [t, f], 5.0 * t * f, g.E * 3.0 * t * f, 0, gate, up);
            string down = g.MatMul(p + "ffn.down", t, f, h, weights: true, swiglu);
            residual = g.Add(p + "ffn_residual", OpKind.Elementwise, [[t, h], [t, h]], [t, h], t * h, g.E * 3.0 * t * h, 0, add1, down);
        }
        string final = g.Add("final_norm", OpKind.Normalization, [[t, h], [h]], [t, h], 4.0 * t * h, g.E * (2.0 * t * h + h), h, residual);
        if (config.TiedEmbeddings)
        {
            g.Add("lm_head", OpKind.MatMul, [[t, h], [h, v]], [t, v], 2.0 * t * h * v, g.E * (t * h + h * v + t * v), 0, final);
        }
        else
        {
            g.MatMul("lm_head", t, h, v, weights: true, final);
        }
        return new OpGraph(g.Ops, g.Edges);
    }

    private sealed class Builder(Precision precision)
    {
        public List<Op> Ops { get; } = [];

        public List<OpEdge> Edges { get; } = [];

        /// <summary>Bytes per element.</summary>
        public double E { get; } = PrecisionNames.BytesPerElement(precision);

        public string Add(string id, OpKind kind, long[][] inputs, long[] output, double flops, double bytes, long parameters, params string[] from)
        {
            var op = new Op(id, kind, inputs, output, flops, bytes, precision, parameters);
            foreach (string producer in from)
            {
                Op p = Ops.First(x => x.Id == producer);
                Edges.Add(new OpEdge(producer, id, p.OutputElements * E));
            }
            Ops.Add(op);
            return id;
        }

        /// <summary>[m × k] · [k × n] with a weight matrix of k·n parameters: 2mkn FLOPs, (mk + kn + mn) elements moved.</summary>
        public string MatMul(string id, long m, long k, long n, bool weights, string from) =>
            Add(id, OpKind.MatMul, [[m, k], [k, n]], [m, n], 2.0 * m * k * n, E * ((double)m * k + (double)k * n + (double)m * n),
                weights ? k * n : 0, from);
    }
}
