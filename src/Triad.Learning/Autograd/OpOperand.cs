namespace Triad.Learning.Autograd;

/// <summary>An operand of a recorded operation.</summary>
/// <param name="Producer">Id of the operation that made it, or −1 when it came from outside the tape.</param>
/// <param name="Shape">Logical shape.</param>
/// <param name="Complex">Whether it is complex.</param>
/// <param name="IsParameter">Whether it is a trainable parameter.</param>
/// <param name="Bytes">Its size in bytes.</param>
public sealed record OpOperand(int Producer, int[] Shape, bool Complex, bool IsParameter, long Bytes);
