using Triad.Hardware;
using Triad.Hardware.Graphs;
using Triad.Learning.Autograd;

namespace Triad.Cli.Planning;

/// <summary>
/// The bridge from Triad.Learning to Triad.Hardware (which depends on Triad.Numerics only, so the bridge lives in the
/// CLI that references both): the operations one forward pass records on the tape (<see cref="OpRecord"/>, from
/// <c>Model&lt;T&gt;.Trace(batch)</c>) become an <see cref="OpGraph"/> the cost models and the scheduler read.
/// </summary>
/// <remarks>
/// Each record becomes one op with the tape's own FLOPs and bytes moved (so the graph's totals equal the tape's), its
/// operand shapes, output shape, the precision of its element type (float32 → fp32, float64 → fp64) and the elements
/// of the parameters it reads. Its kind maps as listed in <see cref="KindOf"/>; a kind the map does not know is an
/// error, never a guess. Every operand made by an earlier op gives an edge from that producer carrying the
/// producer's output, elements × bytes per element (× 2 for complex values); an op reading the same producer twice
/// (x·x) gets one edge, as the value moves once. The op ids are "&lt;tape id&gt;:&lt;kind&gt;", followed by "@&lt;module
/// path&gt;" when there is one, e.g. "1:linear@0.projection".
/// </remarks>
internal static class LearningOpGraph
{
    /// <summary>The op graph of <paramref name="records"/>.</summary>
    /// <exception cref="HardwareDataException">A record of a kind with no hardware mapping, an unknown element type or a
    /// producer id that is not an earlier record.</exception>
    public static OpGraph FromRecords(IReadOnlyList<OpRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var ids = new Dictionary<int, (string Id, double OutputBytes)>();
        var ops = new List<Op>(records.Count);
        var edges = new List<OpEdge>();
        foreach (OpRecord r in records)
        {
            Precision precision = PrecisionOf(r);
            string id = r.Module.Length > 0 ? $"{r.Id}:{r.Kind}@{r.Module}" : $"{r.Id}:{r.Kind}";
            long parameters = 0;
            var inputShapes = new List<long[]>(r.Inputs.Count);
            var producers = new List<int>();
            foreach (OpOperand operand in r.Inputs)
            {
                inputShapes.Add([.. operand.Shape.Select(d => (long)d)]);
                if (operand.IsParameter)
                {
                    parameters += operand.Shape.Aggregate(1L, (a, b) => a * b);
                }
                if (operand.Producer >= 0 && !producers.Contains(operand.Producer))
                {
                    producers.Add(operand.Producer);
                }
            }
            foreach (int producer in producers)
            {
                if (!ids.TryGetValue(producer, out (string Id, double OutputBytes) from))
                {
                    throw new HardwareDataException($"op {r.Id} ({r.Kind}) reads op {producer}, which is not an earlier op of the trace");
                }
                edges.Add(new OpEdge(from.Id, id, from.OutputBytes));
            }
            long outputElements = r.OutputShape.Aggregate(1L, (a, b) => a * b);
            double outputBytes = (double)outputElements * PrecisionNames.BytesPerElement(precision) * (r.OutputComplex ? 2 : 1);
            ids[r.Id] = (id, outputBytes);
            ops.Add(new Op(id, KindOf(r), inputShapes, [.. r.OutputShape.Select(d => (long)d)], r.Flops, r.BytesMoved, precision, parameters));
        }
        return new OpGraph(ops, edges);
    }

    /// <summary>
    /// The hardware kind of a tape kind: products (matmul, linear, conv2d as an im2col product, complex-matmul) →
    /// MatMul; attention (fused or not) → Attention; softmax and softmax-cross-entropy → Softmax; layer-norm →
    /// Normalization; sum, mean, mse, maxpool2d → Reduction; gather → Embedding; reshape, permute, concat, slice,
    /// repeat, patches → DataMovement; element-wise maps (add, subtract, multiply, scale, activations, dropout, the
    /// complex parts and polar form) → Elementwise.
    /// </summary>
    /// <exception cref="HardwareDataException">The kind is not in the map.</exception>
    public static OpKind KindOf(OpRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Kind switch
        {
            "matmul" or "linear" or "conv2d" or "complex-matmul" => OpKind.MatMul,
            "attention" or "multi-head-attention" => OpKind.Attention,
            "softmax" or "softmax-cross-entropy" => OpKind.Softmax,
            "layer-norm" or "normalize" => OpKind.Normalization,
            // An MZI mesh applies an N×N unitary to each field: a matrix product by its FLOPs (its phases, not a weight
            // matrix, are the operands, so the photonic cost model does not tile it; it is priced by roofline).
            "photonic-mesh" => OpKind.MatMul,
            "quantum-circuit" => OpKind.QuantumCircuit,
            "sum" or "mean" or "mse" or "maxpool2d" => OpKind.Reduction,
            "gather" => OpKind.Embedding,
            "reshape" or "permute" or "concat" or "slice" or "repeat" or "patches" => OpKind.DataMovement,
            "add" or "subtract" or "multiply" or "scale" or "relu" or "gelu" or "tanh" or "sigmoid" or "exp" or "dropout"
                or "to-complex" or "real" or "imag" or "abs-squared" or "conj" or "polar" => OpKind.Elementwise,
            _ => throw new HardwareDataException($"op {record.Id}: kind '{record.Kind}' has no hardware op kind"),
        };
    }

    private static Precision PrecisionOf(OpRecord r) => r.ElementType switch
    {
        "float32" => Precision.Fp32,
        "float64" => Precision.Fp64,
        _ => throw new HardwareDataException($"op {r.Id} ({r.Kind}): element type '{r.ElementType}' is neither float32 nor float64"),
    };
}
