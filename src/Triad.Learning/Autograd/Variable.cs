using System.Numerics;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Autograd;

/// <summary>
/// A value in a computation that gradients can flow through: a tensor of <typeparamref name="T"/> (float or
/// double), real or complex, and — once <see cref="Tape{T}.Backward(Variable{T})"/> has run — its gradient.
/// <para>
/// Layout: a real value of logical shape [d0, …, dk] is stored as a row-major tensor of that shape. A complex
/// value of logical shape [d0, …, dk] is stored interleaved, as a real tensor of shape [d0, …, dk, 2] holding
/// (re, im) pairs (complex64 when T is float, complex128 when T is double), the layout of PyTorch's
/// <c>view_as_real</c>. <see cref="Shape"/> is always the logical shape.
/// </para>
/// <para>
/// Gradient convention (the one PyTorch's autograd exposes): for a real loss L and a complex value z = a + ib,
/// the gradient kept is ∂L/∂a + i·∂L/∂b (= 2·∂L/∂z̄, the conjugate Wirtinger derivative scaled by two), so a
/// step z ← z − η·grad descends L. A holomorphic y = f(z) passes back grad_z = conj(f′(z))·grad_y; a real x
/// feeding a complex y passes back grad_x = Re(conj(∂y/∂x)·grad_y).
/// </para>
/// Values made by a tape live until the tape is reset: their buffers are then reused, and reading them
/// throws <see cref="ObjectDisposedException"/>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public class Variable<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T> _value;
    private readonly int[] _shape;
    private readonly int _generation;
    private Tensor<T>? _grad;

    /// <summary>Wraps <paramref name="value"/> (not copied) as a leaf that belongs to no tape.</summary>
    /// <param name="value">The data; for a complex leaf its last axis must be 2.</param>
    /// <param name="requiresGrad">Whether gradients should reach this value.</param>
    /// <param name="isComplex">Whether the data holds interleaved complex pairs.</param>
    public Variable(Tensor<T> value, bool requiresGrad = false, bool isComplex = false)
        : this(value, isComplex, requiresGrad, null, 0)
    {
    }

    internal Variable(Tensor<T> value, bool isComplex, bool requiresGrad, Tape<T>? tape, int generation)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (isComplex && (value.Rank == 0 || value.Dim(-1) != 2))
        {
            throw new ShapeMismatchException($"a complex value is stored with a last axis of 2 (re, im), got {value.ShapeString}");
        }
        _value = value;
        _shape = isComplex ? value.Shape[..^1].ToArray() : value.Shape.ToArray();
        IsComplex = isComplex;
        RequiresGrad = requiresGrad;
        Tape = tape;
        _generation = generation;
    }

    /// <summary>The stored data (interleaved pairs for a complex value).</summary>
    /// <exception cref="ObjectDisposedException">The tape that made this value has been reset.</exception>
    public Tensor<T> Value
    {
        get
        {
            if (Tape is { } tape && tape.Generation != _generation)
            {
                throw new ObjectDisposedException(nameof(Variable<T>),
                    "this value was made on a tape that has since been reset; copy what you need before resetting");
            }
            return _value;
        }
    }

    /// <summary>The stored data as a span (interleaved pairs for a complex value).</summary>
    public Span<T> Span => Value.Span;

    /// <summary>The logical shape (without the (re, im) axis of a complex value).</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The logical shape as an array (a copy).</summary>
    public int[] ShapeArray => (int[])_shape.Clone();

    /// <summary>Number of axes of the logical shape.</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of logical elements (complex numbers count once).</summary>
    public int Length => IsComplex ? _value.Length / 2 : _value.Length;

    /// <summary>Extent of a logical axis; negative axes count from the end.</summary>
    public int Dim(int axis)
    {
        int a = axis < 0 ? axis + _shape.Length : axis;
        if ((uint)a >= (uint)_shape.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"a value of shape {ShapeString} has no axis {axis}");
        }
        return _shape[a];
    }

    /// <summary>Whether the value holds complex numbers (interleaved pairs).</summary>
    public bool IsComplex { get; }

    /// <summary>Whether gradients flow to this value (a parameter, or computed from one).</summary>
    public bool RequiresGrad { get; }

    /// <summary>The tape that made this value; null for leaves such as parameters.</summary>
    public Tape<T>? Tape { get; }

    /// <summary>
    /// The gradient ∂L/∂value after <see cref="Tape{T}.Backward(Variable{T})"/>, in the value's storage layout; null when no
    /// gradient reached it. For values made on a tape it is released with the tape.
    /// </summary>
    public Tensor<T>? Grad
    {
        get
        {
            _ = Value;
            return _grad;
        }
        internal set => _grad = value;
    }

    /// <summary>The logical shape as text, e.g. "[64, 10]" (with "complex" for a complex value).</summary>
    public string ShapeString => IsComplex ? $"complex {Tensor<T>.ShapeToString(_shape)}" : Tensor<T>.ShapeToString(_shape);

    /// <summary>The single element of a one-element real value.</summary>
    /// <exception cref="InvalidOperationException">The value has more than one element or is complex.</exception>
    public T Item()
    {
        if (IsComplex || _value.Length != 1)
        {
            throw new InvalidOperationException($"Item() needs a single real element, got {ShapeString}");
        }
        return Value.Span[0];
    }

    /// <summary>Element-wise sum; see <see cref="Ops.Add{T}"/>.</summary>
    public static Variable<T> operator +(Variable<T> a, Variable<T> b) => Ops.Add(a, b);

    /// <summary>Element-wise difference; see <see cref="Ops.Subtract{T}"/>.</summary>
    public static Variable<T> operator -(Variable<T> a, Variable<T> b) => Ops.Subtract(a, b);

    /// <summary>Element-wise product; see <see cref="Ops.Multiply{T}"/>.</summary>
    public static Variable<T> operator *(Variable<T> a, Variable<T> b) => Ops.Multiply(a, b);

    /// <summary>Product with a constant; see <see cref="Ops.Scale{T}"/>.</summary>
    public static Variable<T> operator *(Variable<T> a, T s) => Ops.Scale(a, s);

    /// <inheritdoc />
    public override string ToString() => $"Variable<{typeof(T).Name}>{ShapeString}";
}
