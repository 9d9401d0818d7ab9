namespace Triad.Learning.Autograd;

/// <summary>
/// One recorded operation of a forward pass, as the hardware planner reads it: what it was, which values it
/// read (from which earlier operation, or from outside: data and parameters), what it wrote, and its cost.
/// </summary>
/// <param name="Id">Position on the tape, from 0.</param>
/// <param name="Kind">Operation kind, e.g. "matmul", "conv2d", "softmax".</param>
/// <param name="Module">Dotted path of the module that ran it ("" outside any module).</param>
/// <param name="Node">The model node whose call ran it ("" outside a model): differs from the module's path for a node
/// that shares another node's module.</param>
/// <param name="Inputs">The operands in order.</param>
/// <param name="OutputShape">Logical shape of the result.</param>
/// <param name="OutputComplex">Whether the result is complex.</param>
/// <param name="Flops">Floating-point operations of the forward computation (a multiply–add counts 2).</param>
/// <param name="BytesMoved">Bytes read and written by the forward computation, counting each operand and the result once.</param>
/// <param name="ElementType">"float32" or "float64" (the real type; complex values are pairs of it).</param>
public sealed record OpRecord(
    int Id, string Kind, string Module, string Node, IReadOnlyList<OpOperand> Inputs, int[] OutputShape, bool OutputComplex,
    long Flops, long BytesMoved, string ElementType);
