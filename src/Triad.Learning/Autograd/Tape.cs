using System.Numerics;
using System.Runtime.CompilerServices;
using Triad.Learning.Modules;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Autograd;

/// <summary>
/// A reverse-mode tape (Wengert list): operations append themselves while the forward pass runs, and
/// <see cref="Backward(Variable{T})"/> walks them in reverse, each adding its share to its inputs' gradients, so a value that
/// fans out collects the sum of its uses. <see cref="Reset"/> releases everything the pass made: its buffers go
/// back to the <see cref="TensorPool{T}"/> for the next step, and values made before the reset may no longer be read.
/// <para>
/// A tape is also the context of a forward pass: whether gradients are wanted (<see cref="GradientsEnabled"/>,
/// PyTorch's <c>no_grad</c> when false), which module is running (for the op graph), and the seeded random stream
/// of the step, from which each module call draws its own stream (<see cref="RandomFor"/>) so that dropout, noise
/// and shots depend on the seed, the step and the module, never on threads or on the order of unrelated work.
/// </para>
/// One tape serves one thread at a time.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Tape<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorPool<T> _pool;
    private readonly List<T[]> _rented = [];
    private readonly List<int[]> _rentedIndices = [];
    private readonly List<Function<T>> _entries = [];
    private readonly Dictionary<Variable<T>, Function<T>> _creators = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly List<string> _moduleStack = [];
    private readonly Stack<Tape<T>?> _outerCurrent = new();
    private bool _backwardDone;

    [ThreadStatic]
    private static Tape<T>? t_current;

    static Tape()
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"tapes run on float or double, not {typeof(T).Name}");
        }
    }

    /// <summary>Creates a tape drawing its buffers from <paramref name="pool"/> (a private pool when null).</summary>
    /// <param name="pool">Buffers to reuse; share one pool between the tapes of successive steps.</param>
    /// <param name="random">The step's random stream (null when nothing stochastic runs).</param>
    /// <param name="recordOperations">Keep every operation, even those no gradient needs, for <see cref="Operations"/>.</param>
    public Tape(TensorPool<T>? pool = null, SeededRandom? random = null, bool recordOperations = false)
    {
        _pool = pool ?? new TensorPool<T>();
        Random = random;
        RecordOperations = recordOperations;
    }

    /// <summary>Name of the element type: "float32" or "float64".</summary>
    public static string ElementTypeName => typeof(T) == typeof(float) ? "float32" : "float64";

    /// <summary>Counts resets; values remember the generation they were made in.</summary>
    internal int Generation { get; private set; }

    /// <summary>Whether operations record what backward needs (false: inference only, like PyTorch's no_grad).</summary>
    public bool GradientsEnabled { get; set; } = true;

    /// <summary>Whether every operation is kept for <see cref="Operations"/>, gradients or not.</summary>
    public bool RecordOperations { get; set; }

    /// <summary>The step's random stream; null when none was given.</summary>
    public SeededRandom? Random { get; set; }

    /// <summary>The model node being run, for the op graph (set by <see cref="Models.Model{T}"/>; "" outside a model).</summary>
    public string CurrentNode { get; set; } = "";

    /// <summary>The buffers this tape draws from.</summary>
    public TensorPool<T> Pool => _pool;

    /// <summary>Operations recorded since the last reset.</summary>
    public int Count => _entries.Count;

    /// <summary>Wraps caller-owned data (not copied) as an input of this pass.</summary>
    /// <param name="data">The data; for a complex input its last axis holds (re, im).</param>
    /// <param name="requiresGrad">Whether to compute ∂L/∂input (read it from <see cref="Variable{T}.Grad"/> after backward).</param>
    /// <param name="isComplex">Whether the data is interleaved complex.</param>
    public Variable<T> Input(Tensor<T> data, bool requiresGrad = false, bool isComplex = false) =>
        new(data, isComplex, requiresGrad && GradientsEnabled, this, Generation);

    /// <summary>
    /// A new value of logical <paramref name="shape"/>, its buffer taken from the pool (contents undefined: the
    /// operation that asks for it writes all of it). It requires gradients when gradients are enabled and
    /// <paramref name="requiresGrad"/> is true.
    /// </summary>
    public Variable<T> NewValue(ReadOnlySpan<int> shape, bool isComplex, bool requiresGrad)
    {
        int[] storage = isComplex ? [.. shape, 2] : shape.ToArray();
        return new Variable<T>(Allocate(storage), isComplex, requiresGrad && GradientsEnabled, this, Generation);
    }

    /// <summary>A scratch tensor that lives until the next reset (for what a backward pass needs besides values).</summary>
    public Tensor<T> Allocate(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long length = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ShapeMismatchException($"shape {Tensor<T>.ShapeToString(shape)} has a negative extent");
            }
            length *= d;
            if (length > Array.MaxLength)
            {
                throw new ShapeMismatchException(
                    $"shape {Tensor<T>.ShapeToString(shape)} needs more than {Array.MaxLength} elements " +
                    $"({length * Unsafe.SizeOf<T>() / (1 << 20)} MiB or more)");
            }
        }
        T[] array = _pool.Rent((int)length);
        _rented.Add(array);
        return new Tensor<T>(array, shape);
    }

    /// <summary>An index array of <paramref name="length"/> that lives until the next reset (contents undefined).</summary>
    public int[] AllocateIndices(int length)
    {
        int[] array = _pool.Indices.Rent(length);
        _rentedIndices.Add(array);
        return array;
    }

    /// <summary>Whether any of the values requires gradients (and gradients are enabled).</summary>
    public bool AnyRequiresGrad(Variable<T> a) => GradientsEnabled && a.RequiresGrad;

    /// <inheritdoc cref="AnyRequiresGrad(Variable{T})"/>
    public bool AnyRequiresGrad(Variable<T> a, Variable<T> b) => GradientsEnabled && (a.RequiresGrad || b.RequiresGrad);

    /// <inheritdoc cref="AnyRequiresGrad(Variable{T})"/>
    public bool AnyRequiresGrad(ReadOnlySpan<Variable<T>> values)
    {
        if (!GradientsEnabled)
        {
            return false;
        }
        foreach (Variable<T> v in values)
        {
            if (v.RequiresGrad)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Records one call of <paramref name="function"/> that computed <paramref name="output"/> from
    /// <paramref name="inputs"/>. It is kept when the output needs gradients or operations are being recorded;
    /// otherwise it is dropped at once.
    /// </summary>
    public void Record(Function<T> function, Variable<T> output, params Variable<T>[] inputs)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(inputs);
        if (output.Tape != this)
        {
            throw new InvalidOperationException($"{function.Kind}: the output was not made on this tape");
        }
        if (!output.RequiresGrad && !RecordOperations)
        {
            return;
        }
        if (_backwardDone)
        {
            throw new InvalidOperationException($"{function.Kind}: this tape has run backward; reset it before recording a new pass");
        }
        function.Attach(this, output, inputs, _moduleStack.Count == 0 ? "" : _moduleStack[^1], CurrentNode, _entries.Count);
        _entries.Add(function);
        _creators[output] = function;
    }

    /// <summary>
    /// The tape active on this thread: the tape of the module call in progress, or one made active with
    /// <see cref="Activate"/>; null when none. Operations whose operands are all leaves (parameters) record on it.
    /// </summary>
    public static Tape<T>? Current => t_current;

    /// <summary>Makes this tape <see cref="Current"/> on this thread until the result is disposed.</summary>
    public IDisposable Activate()
    {
        _outerCurrent.Push(t_current);
        t_current = this;
        return new Activation(this);
    }

    private sealed class Activation(Tape<T> tape) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (!_done)
            {
                _done = true;
                t_current = tape._outerCurrent.Pop();
            }
        }
    }

    /// <summary>The tape of the first input that has one, else <see cref="Current"/>.</summary>
    /// <exception cref="InvalidOperationException">No input was made on a tape and none is active (wrap data with <see cref="Input"/>).</exception>
    public static Tape<T> Of(Variable<T> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.Tape ?? t_current ?? throw NoTape();
    }

    /// <inheritdoc cref="Of(Variable{T})"/>
    public static Tape<T> Of(Variable<T> a, Variable<T> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Tape ?? b.Tape ?? t_current ?? throw NoTape();
    }

    /// <inheritdoc cref="Of(Variable{T})"/>
    public static Tape<T> Of(ReadOnlySpan<Variable<T>> values)
    {
        foreach (Variable<T> v in values)
        {
            ArgumentNullException.ThrowIfNull(v);
            if (v.Tape is { } t)
            {
                return t;
            }
        }
        return t_current ?? throw NoTape();
    }

    private static InvalidOperationException NoTape() =>
        new("no operand was made on a tape and no tape is active: wrap the input data with tape.Input(...), or call tape.Activate()");

    /// <summary>
    /// Back-propagates from a scalar <paramref name="loss"/> (seed ∂L/∂L = 1): every value on the tape that the
    /// loss depends on gets its <see cref="Variable{T}.Grad"/>, and every parameter adds to its gradient.
    /// Runs once per pass.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loss is not a real scalar of this tape, or backward already ran.</exception>
    public void Backward(Variable<T> loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (loss.IsComplex || loss.Length != 1)
        {
            throw new InvalidOperationException($"backward needs a real scalar loss, got {loss.ShapeString}; pass the output gradient explicitly");
        }
        var seed = Allocate(loss.Value.Shape.ToArray());
        seed.Span[0] = T.One;
        Backward(loss, seed);
    }

    /// <summary>Back-propagates from <paramref name="output"/> with ∂L/∂output = <paramref name="outputGradient"/> (copied).</summary>
    public void Backward(Variable<T> output, Tensor<T> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (output.Tape != this)
        {
            throw new InvalidOperationException("backward: the value was not made on this tape");
        }
        _ = output.Value;
        if (_backwardDone)
        {
            throw new InvalidOperationException("backward already ran on this pass; reset the tape and run the forward pass again");
        }
        if (!output.RequiresGrad)
        {
            throw new InvalidOperationException("backward: the value does not depend on anything that requires gradients");
        }
        output.Value.EnsureSameShape(outputGradient, "output gradient");
        _backwardDone = true;
        Tensor<T> seed = GradientFor(output, out bool fresh)!;
        if (fresh)
        {
            outputGradient.Span.CopyTo(seed.Span);
        }
        else
        {
            System.Numerics.Tensors.TensorPrimitives.Add(seed.Span, outputGradient.Span, seed.Span);
        }
        for (int i = _entries.Count - 1; i >= 0; i--)
        {
            Function<T> f = _entries[i];
            if (f.Output.Grad is { } g)
            {
                f.Backward(g);
            }
        }
    }

    /// <summary>The gradient buffer of <paramref name="value"/>; see <see cref="Function{T}.GradientFor"/>.</summary>
    internal Tensor<T>? GradientFor(Variable<T> value, out bool fresh)
    {
        fresh = false;
        if (!value.RequiresGrad)
        {
            return null;
        }
        if (value.Grad is { } g)
        {
            return g;
        }
        fresh = true;
        // Values of this pass take pooled buffers; a leaf that is not a parameter (a test input, say) gets
        // its own, since its gradient outlives the pass, and starts from zero.
        value.Grad = value.Tape == this ? Allocate(value.Value.Shape.ToArray()) : new Tensor<T>(value.Value.Shape.ToArray());
        return value.Grad;
    }

    /// <summary>
    /// The random stream of one call of <paramref name="module"/>: the step's stream forked by a stable hash of the
    /// module's dotted path and by how many times it has been called in this pass.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tape was made without a random stream.</exception>
    public SeededRandom RandomFor(Module<T> module)
    {
        ArgumentNullException.ThrowIfNull(module);
        SeededRandom root = Random ?? throw new InvalidOperationException(
            $"module '{module.Path}' ({module.Kind}) draws random numbers, but the pass was given no random stream");
        _calls.TryGetValue(module.Path, out int call);
        return root.Fork(StableHash(module.Path)).Fork((ulong)call);
    }

    /// <summary>Marks the start of a call of <paramref name="module"/>.</summary>
    internal void EnterModule(Module<T> module)
    {
        _moduleStack.Add(module.Path);
        _outerCurrent.Push(t_current);
        t_current = this;
    }

    /// <summary>Marks the end of the current module call.</summary>
    internal void ExitModule(Module<T> module)
    {
        _moduleStack.RemoveAt(_moduleStack.Count - 1);
        t_current = _outerCurrent.Pop();
        _calls[module.Path] = _calls.TryGetValue(module.Path, out int c) ? c + 1 : 1;
    }

    /// <summary>The operations recorded since the last reset, as the op graph the hardware planner reads.</summary>
    public IReadOnlyList<OpRecord> Operations()
    {
        var records = new List<OpRecord>(_entries.Count);
        foreach (Function<T> f in _entries)
        {
            var operands = new OpOperand[f.Inputs.Count];
            for (int i = 0; i < operands.Length; i++)
            {
                Variable<T> v = f.Inputs[i];
                int producer = _creators.TryGetValue(v, out Function<T>? c) ? c.Id : -1;
                operands[i] = new OpOperand(producer, v.ShapeArray, v.IsComplex, v is Parameter<T>,
                    (long)v.Value.Length * Unsafe.SizeOf<T>());
            }
            records.Add(new OpRecord(f.Id, f.Kind, f.Module, f.Node, operands, f.Output.ShapeArray, f.Output.IsComplex,
                f.Flops, f.BytesMoved, ElementTypeName));
        }
        return records;
    }

    /// <summary>
    /// Ends the pass: buffers go back to the pool, recorded operations are dropped, and values made so far may no
    /// longer be read. The tape is ready for the next pass.
    /// </summary>
    public void Reset()
    {
        foreach (Function<T> f in _entries)
        {
            f.Output.Grad = null;
            foreach (Variable<T> input in f.Inputs)
            {
                if (input.Tape == this)
                {
                    input.Grad = null;
                }
            }
            f.Detach();
        }
        _entries.Clear();
        _creators.Clear();
        foreach (T[] array in _rented)
        {
            _pool.Return(array);
        }
        _rented.Clear();
        foreach (int[] array in _rentedIndices)
        {
            _pool.Indices.Return(array);
        }
        _rentedIndices.Clear();
        _calls.Clear();
        _moduleStack.Clear();
        CurrentNode = "";
        _backwardDone = false;
        Generation++;
    }

    /// <summary>Same as <see cref="Reset"/>.</summary>
    public void Dispose() => Reset();

    /// <summary>FNV-1a over the UTF-16 code units: a hash that is the same in every process (string.GetHashCode is not).</summary>
    internal static ulong StableHash(string text)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in text)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        return h;
    }
}
