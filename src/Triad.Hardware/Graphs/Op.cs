namespace Triad.Hardware.Graphs;

/// <summary>
/// One operator of an <see cref="OpGraph"/>: what it computes, on which shapes, its floating-point operations
/// (FLOPs, a multiply-add counted as 2), the bytes it moves to and from memory (inputs read once, output written
/// once, at its precision) and the number of trained parameters it holds.
/// </summary>
/// <param name="Id">Unique name in the graph, e.g. "L3.ffn.up".</param>
/// <param name="Kind">What it computes.</param>
/// <param name="InputShapes">Shapes of its inputs (weights included), outermost axis first.</param>
/// <param name="OutputShape">Shape of its output.</param>
/// <param name="Flops">Floating-point operations of one forward evaluation.</param>
/// <param name="Bytes">Bytes read and written in one forward evaluation.</param>
/// <param name="Precision">Number format it runs in.</param>
/// <param name="Parameters">Trained parameters (weights) it holds.</param>
public sealed record Op(string Id, OpKind Kind, IReadOnlyList<long[]> InputShapes, long[] OutputShape, double Flops, double Bytes,
    Precision Precision, long Parameters)
{
    /// <summary>Arithmetic intensity, FLOPs per byte moved (0 when it moves no bytes).</summary>
    public double Intensity => Bytes > 0 ? Flops / Bytes : 0;

    /// <summary>Elements of <see cref="OutputShape"/>.</summary>
    public long OutputElements => OutputShape.Aggregate(1L, (a, b) => a * b);
}
