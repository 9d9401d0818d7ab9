using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Modules;

/// <summary>
/// A module: a node of a model tree that owns trainable parameters and child modules, after PyTorch's
/// <c>nn.Module</c>. Parameters have dotted names through the tree (<c>blocks.0.attention.qkv.weight</c>), in
/// registration order; <see cref="StateDict"/> lists them by those names. A module keeps no activations: what
/// backward needs is kept per call by the <see cref="Function{T}"/>s it runs, so a module may be called several
/// times in one step, and its parameters then collect the gradient of every call.
/// <para>
/// Shapes: a module is built for the shape of one sample of each input (<see cref="InputShapes"/>, without the
/// batch axis) and knows the shape of one output sample (<see cref="OutputShape"/>); at run time every value
/// carries the batch on axis 0.
/// </para>
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<KeyValuePair<string, Parameter<T>>> _parameters = [];
    private readonly List<KeyValuePair<string, Module<T>>> _children = [];
    private readonly List<Action<Module<T>, IReadOnlyList<Variable<T>>, Variable<T>>> _forwardHooks = [];

    /// <summary>Creates a module of <paramref name="kind"/> for one sample of each input shape.</summary>
    protected Module(string kind, params int[][] inputShapes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(inputShapes);
        Kind = kind;
        InputShapes = inputShapes.Select(s => (int[])s.Clone()).ToArray();
        OutputShape = inputShapes.Length > 0 ? (int[])inputShapes[0].Clone() : [];
    }

    /// <summary>The module's type as specs name it, e.g. "dense".</summary>
    public string Kind { get; }

    /// <summary>Dotted path from the root of the tree ("" for the root).</summary>
    public string Path { get; private set; } = "";

    /// <summary>Whether the module is in training mode (dropout on); see <see cref="Train"/>.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Shape of one sample of each input.</summary>
    public IReadOnlyList<int[]> InputShapes { get; }

    /// <summary>Shape of one output sample; the first input's shape unless the module sets another.</summary>
    public int[] OutputShape { get; protected init; }

    /// <summary>How many inputs the module takes: 1 for most, more for graph joins such as "add".</summary>
    public virtual int InputCount => 1;

    /// <summary>Child modules with their local names, in registration order.</summary>
    public IReadOnlyList<KeyValuePair<string, Module<T>>> Children => _children;

    /// <summary>Every parameter with its dotted name relative to this module, depth first in registration order.</summary>
    public IEnumerable<KeyValuePair<string, Parameter<T>>> NamedParameters() => NamedParameters("");

    private IEnumerable<KeyValuePair<string, Parameter<T>>> NamedParameters(string prefix)
    {
        foreach (var (name, p) in _parameters)
        {
            yield return new(prefix + name, p);
        }
        foreach (var (name, child) in _children)
        {
            foreach (var pair in child.NamedParameters(prefix + name + "."))
            {
                yield return pair;
            }
        }
    }

    /// <summary>Every parameter, in <see cref="NamedParameters()"/> order.</summary>
    public IReadOnlyList<Parameter<T>> Parameters() => NamedParameters().Select(p => p.Value).ToArray();

    /// <summary>This module and every descendant with its dotted path relative to this module ("" for itself).</summary>
    public IEnumerable<KeyValuePair<string, Module<T>>> NamedModules()
    {
        yield return new("", this);
        foreach (var (name, child) in _children)
        {
            foreach (var (sub, m) in child.NamedModules())
            {
                yield return new(sub.Length == 0 ? name : name + "." + sub, m);
            }
        }
    }

    /// <summary>Number of scalar parameters in the tree.</summary>
    public long ParameterCount => NamedParameters().Sum(p => (long)p.Value.Length);

    /// <summary>The parameters by dotted name (the tensors themselves, not copies), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor<T>>> StateDict() =>
        NamedParameters().Select(p => new KeyValuePair<string, Tensor<T>>(p.Key, p.Value.Value)).ToArray();

    /// <summary>
    /// Copies values into the parameters by name. Every parameter must be given exactly once with its shape, and no
    /// unknown name may appear.
    /// </summary>
    /// <exception cref="ShapeMismatchException">A name is missing, unknown or repeated, or a shape differs (the message names it).</exception>
    public void LoadStateDict(IEnumerable<KeyValuePair<string, Tensor<T>>> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = NamedParameters().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in state)
        {
            if (!own.TryGetValue(name, out Parameter<T>? p))
            {
                throw new ShapeMismatchException($"state has '{name}', which the model does not (parameters: {string.Join(", ", own.Keys.Take(8))}{(own.Count > 8 ? ", …" : "")})");
            }
            if (!seen.Add(name))
            {
                throw new ShapeMismatchException($"state gives '{name}' twice");
            }
            p.Value.EnsureSameShape(tensor, $"state '{name}'");
            tensor.CopyTo(p.Value);
        }
        foreach (string name in own.Keys)
        {
            if (!seen.Contains(name))
            {
                throw new ShapeMismatchException($"state lacks '{name}'");
            }
        }
    }

    /// <summary>Sets training mode (true) or evaluation mode (false) for the whole tree.</summary>
    public void Train(bool training = true)
    {
        Training = training;
        foreach (var (_, child) in _children)
        {
            child.Train(training);
        }
    }

    /// <summary>Evaluation mode for the whole tree (dropout off).</summary>
    public void Eval() => Train(false);

    /// <summary>Sets every parameter gradient in the tree to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var (_, p) in NamedParameters())
        {
            p.ZeroGrad();
        }
    }

    /// <summary>
    /// Adds a hook called after every forward call with the module, its inputs and its output (for inspection:
    /// recording activations, injecting faults); the hook must not change the values' shapes.
    /// </summary>
    public void AddForwardHook(Action<Module<T>, IReadOnlyList<Variable<T>>, Variable<T>> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        _forwardHooks.Add(hook);
    }

    /// <summary>Applies the module to a batch.</summary>
    public Variable<T> Forward(Variable<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (InputCount != 1)
        {
            throw new InvalidOperationException($"{Describe()} takes {InputCount} inputs, got 1");
        }
        Tape<T> tape = Tape<T>.Of(input);
        CheckInput(input, 0);
        tape.EnterModule(this);
        Variable<T> output;
        try
        {
            output = ForwardCore(input);
        }
        finally
        {
            tape.ExitModule(this);
        }
        if (_forwardHooks.Count > 0)
        {
            RunHooks([input], output);
        }
        return output;
    }

    /// <summary>Applies the module to a batch of each of its inputs.</summary>
    public Variable<T> Forward(IReadOnlyList<Variable<T>> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 1 && InputCount == 1)
        {
            return Forward(inputs[0]);
        }
        if (InputCount > 0 && inputs.Count != InputCount)
        {
            throw new InvalidOperationException($"{Describe()} takes {InputCount} inputs, got {inputs.Count}");
        }
        Tape<T> tape = Tape<T>.Of(inputs.ToArray());
        for (int i = 0; i < inputs.Count; i++)
        {
            CheckInput(inputs[i], i);
        }
        tape.EnterModule(this);
        Variable<T> output;
        try
        {
            output = ForwardCore(inputs);
        }
        finally
        {
            tape.ExitModule(this);
        }
        RunHooks(inputs, output);
        return output;
    }

    /// <summary>The computation for one input; modules with one input override this.</summary>
    protected virtual Variable<T> ForwardCore(Variable<T> input) =>
        throw new NotSupportedException($"{Describe()} does not take a single input");

    /// <summary>The computation for several inputs; joins (add, concat) override this.</summary>
    protected virtual Variable<T> ForwardCore(IReadOnlyList<Variable<T>> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.Count == 1 ? ForwardCore(inputs[0]) : throw new NotSupportedException($"{Describe()} does not take {inputs.Count} inputs");
    }

    /// <summary>Registers a trainable parameter under a local name.</summary>
    protected Parameter<T> AddParameter(string name, Tensor<T> value)
    {
        CheckName(name);
        var p = new Parameter<T>(value);
        _parameters.Add(new(name, p));
        return p;
    }

    /// <summary>Registers a child module under a local name; its path becomes this module's path plus the name.</summary>
    protected TModule AddModule<TModule>(string name, TModule module) where TModule : Module<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckName(name);
        _children.Add(new(name, module));
        module.SetPath(Path.Length == 0 ? name : Path + "." + name);
        return module;
    }

    /// <summary>The module as messages name it: its path and kind.</summary>
    public string Describe() => Path.Length == 0 ? $"{Kind} module" : $"{Kind} module '{Path}'";

    private void SetPath(string path)
    {
        Path = path;
        foreach (var (name, child) in _children)
        {
            child.SetPath(path + "." + name);
        }
    }

    private void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"local name '{name}' must not contain '.'", nameof(name));
        }
        if (_parameters.Any(p => p.Key == name) || _children.Any(c => c.Key == name))
        {
            throw new ArgumentException($"{Describe()} already has a member named '{name}'", nameof(name));
        }
    }

    /// <summary>Throws unless <paramref name="input"/> is a batch of this module's input sample shape.</summary>
    protected virtual void CheckInput(Variable<T> input, int index)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (index >= InputShapes.Count)
        {
            return;
        }
        ReadOnlySpan<int> shape = input.Shape;
        int[] expected = InputShapes[index];
        if (shape.Length != expected.Length + 1 || !shape[1..].SequenceEqual(expected))
        {
            throw new ShapeMismatchException(
                $"{Describe()} expects input [batch, {string.Join(", ", expected)}], got {input.ShapeString}");
        }
    }

    private void RunHooks(IReadOnlyList<Variable<T>> inputs, Variable<T> output)
    {
        foreach (var hook in _forwardHooks)
        {
            hook(this, inputs, output);
        }
    }
}
