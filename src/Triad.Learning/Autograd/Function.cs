using System.Numerics;
using System.Runtime.CompilerServices;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Autograd;

/// <summary>
/// A differentiable function: one recorded application of an operation, after PyTorch's
/// <c>torch.autograd.Function</c>. A new instance is made for every call, so the instance is the call's
/// context: whatever the backward pass needs (saved inputs, masks, indices) lives in its fields, never in a
/// module, and one module may run several times in a step.
/// <para>
/// Contract: the forward computation happens before <see cref="Tape{T}.Record"/> is called (by the static op
/// that makes the function); <see cref="Backward"/> receives ∂L/∂output and adds ∂L/∂input for every input that
/// <see cref="NeedsGradient"/>, through <see cref="GradientFor"/>. Other projects (photonic meshes with adjoint
/// field gradients, quantum circuits with parameter-shift gradients) derive from this class the same way.
/// </para>
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public abstract class Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Variable<T>[] _inputs = [];
    private Variable<T>? _output;
    private Tape<T>? _tape;

    /// <summary>Operation kind for the op graph, e.g. "matmul".</summary>
    public abstract string Kind { get; }

    /// <summary>The inputs of this call, in order.</summary>
    public IReadOnlyList<Variable<T>> Inputs => _inputs;

    /// <summary>The result of this call.</summary>
    public Variable<T> Output => _output ?? throw new InvalidOperationException($"{Kind}: the function has not been recorded");

    /// <summary>The tape this call was recorded on.</summary>
    protected Tape<T> Tape => _tape ?? throw new InvalidOperationException($"{Kind}: the function has not been recorded");

    /// <summary>Dotted path of the module that ran this call, "" outside modules.</summary>
    public string Module { get; private set; } = "";

    /// <summary>The model node whose call ran this, "" outside a model.</summary>
    public string Node { get; private set; } = "";

    /// <summary>Position on the tape.</summary>
    public int Id { get; private set; }

    /// <summary>Floating-point operations of the forward computation (a multiply–add counts 2).</summary>
    public virtual long Flops => 0;

    /// <summary>Bytes read and written by the forward computation; by default every operand and the result once.</summary>
    public virtual long BytesMoved
    {
        get
        {
            long bytes = ValueBytes(Output);
            foreach (Variable<T> input in _inputs)
            {
                bytes += ValueBytes(input);
            }
            return bytes;
        }
    }

    /// <summary>Adds ∂L/∂input for each input that needs it, given ∂L/∂output (same layout as the output).</summary>
    protected internal abstract void Backward(Tensor<T> outputGradient);

    /// <summary>Whether input <paramref name="index"/> needs a gradient.</summary>
    protected bool NeedsGradient(int index) => _inputs[index].RequiresGrad;

    /// <summary>
    /// The gradient buffer of input <paramref name="index"/>, or null when that input needs none. When
    /// <paramref name="fresh"/> is true the buffer has just been made and holds garbage: the caller must write
    /// every element (overwrite). Otherwise other uses of the input have already added to it: the caller adds.
    /// </summary>
    protected Tensor<T>? GradientFor(int index, out bool fresh) => Tape.GradientFor(_inputs[index], out fresh);

    /// <summary>Adds <paramref name="gradient"/> (or copies it into a fresh buffer) to input <paramref name="index"/>'s gradient.</summary>
    protected void AccumulateGradient(int index, ReadOnlySpan<T> gradient)
    {
        if (GradientFor(index, out bool fresh) is not { } g)
        {
            return;
        }
        if (fresh)
        {
            gradient.CopyTo(g.Span);
        }
        else
        {
            System.Numerics.Tensors.TensorPrimitives.Add(g.Span, gradient, g.Span);
        }
    }

    /// <summary>Bytes in the storage of <paramref name="value"/>.</summary>
    protected static long ValueBytes(Variable<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return (long)value.Value.Length * Unsafe.SizeOf<T>();
    }

    internal void Attach(Tape<T> tape, Variable<T> output, Variable<T>[] inputs, string module, string node, int id)
    {
        _tape = tape;
        _output = output;
        _inputs = inputs;
        Module = module;
        Node = node;
        Id = id;
    }

    internal void Detach()
    {
        _tape = null;
        _output = null;
        _inputs = [];
    }
}
