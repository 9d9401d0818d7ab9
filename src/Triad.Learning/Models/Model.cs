using System.Numerics;
using Triad.Learning.Autograd;
using Triad.Learning.Modules;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Models;

/// <summary>
/// A model built from a <see cref="ModelSpec"/>: one module per node (a node that shares another's reuses its
/// module), run in graph order. Parameters are named "{node}.{path in the module}", e.g. "0.weight" or
/// "h.bias". Node i (in spec order) initialises its parameters from stream i of stream 0 of the seed, so adding a
/// node at the end leaves the earlier nodes' initial weights unchanged, and float32 and float64 models of one seed
/// start from the same numbers.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Model<T> : Module<T>, IModel where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T>[] _modules;
    private readonly int[][] _inputs;
    private readonly int[] _order;
    private readonly int _output;

    private Model(ModelSpec spec, Module<T>[] modules, bool[] owns, int[][] inputs) : base("model", spec.InputShape)
    {
        Spec = spec;
        _modules = modules;
        _inputs = inputs;
        _order = [.. spec.Order];
        _output = IndexOf(spec, spec.Output);
        for (int i = 0; i < modules.Length; i++)
        {
            if (owns[i])
            {
                AddModule(spec.Nodes[i].Name, modules[i]);
            }
        }
        OutputShape = modules[_output].OutputShape;
    }

    /// <inheritdoc />
    public ModelSpec Spec { get; }

    /// <inheritdoc />
    public string Precision => Tape<T>.ElementTypeName;

    /// <inheritdoc />
    public int[] InputShape => (int[])Spec.InputShape.Clone();

    int[] IModel.OutputShape => (int[])OutputShape.Clone();

    /// <summary>The loss name the model trains with.</summary>
    public string LossName => Spec.Loss;

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, int[]>> ParameterShapes =>
        NamedParameters().Select(p => new KeyValuePair<string, int[]>(p.Key, p.Value.ShapeArray)).ToArray();

    /// <summary>The module of each node, in spec order.</summary>
    public IReadOnlyList<Module<T>> NodeModules => _modules;

    /// <inheritdoc />
    public IReadOnlyList<NodeSummary> Nodes => _order.Select(i =>
    {
        NodeSpec n = Spec.Nodes[i];
        long owned = n.Shares is null ? _modules[i].ParameterCount : 0;
        return new NodeSummary(n.Name, n.Type, n.Inputs, (int[])_modules[i].OutputShape.Clone(), owned, n.Shares);
    }).ToArray();

    /// <summary>Builds the model from its spec, checking every node against its inputs' shapes.</summary>
    /// <exception cref="ModelSpecException">A node's type is unknown, a setting is bad, or shapes do not meet (the message names the node).</exception>
    public static Model<T> Build(ModelSpec spec, ulong seed, ModuleRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        registry ??= ModuleRegistry.Default;
        var init = new SeededRandom(seed).Fork(0);
        int n = spec.Nodes.Count;
        var modules = new Module<T>?[n];
        var owns = new bool[n];
        var inputs = new int[n][];
        foreach (int i in spec.Order)
        {
            NodeSpec node = spec.Nodes[i];
            string where = spec.Where(node);
            inputs[i] = node.Inputs.Select(name => name == ModelSpec.InputName ? -1 : IndexOf(spec, name)).ToArray();
            int[][] shapes = inputs[i].Select(k => k < 0 ? spec.InputShape : modules[k]!.OutputShape).ToArray();
            if (node.Shares is { } shared)
            {
                Module<T> owner = modules[IndexOf(spec, shared)] ?? throw new ModelSpecException(
                    $"{where}: shares '{shared}', which must come before it in graph order");
                if (owner.InputShapes.Count != shapes.Length || !owner.InputShapes.Zip(shapes).All(p => p.First.AsSpan().SequenceEqual(p.Second)))
                {
                    throw new ModelSpecException(
                        $"{where}: shares '{shared}', built for inputs {string.Join(", ", owner.InputShapes.Select(s => Tensor<T>.ShapeToString(s)))}, " +
                        $"but gets {string.Join(", ", shapes.Select(s => Tensor<T>.ShapeToString(s)))}");
                }
                modules[i] = owner;
                continue;
            }
            var settings = new ModuleSettings(node.Type, node.Settings, where);
            Module<T> created = registry.Create<T>(node.Type, new ModuleContext(shapes, settings, init.Fork((ulong)i)));
            if (created.InputCount > 0 && created.InputCount != shapes.Length)
            {
                throw new ModelSpecException($"{where}: {node.Type} takes {created.InputCount} input(s), got {shapes.Length}");
            }
            modules[i] = created;
            owns[i] = true;
        }
        return new Model<T>(spec, modules!, owns, inputs);
    }

    /// <inheritdoc />
    protected override Variable<T> ForwardCore(Variable<T> input)
    {
        var values = new Variable<T>[_modules.Length];
        Tape<T> tape = Tape<T>.Of(input);
        string outer = tape.CurrentNode;
        try
        {
            foreach (int i in _order)
            {
                int[] from = _inputs[i];
                Module<T> module = _modules[i];
                tape.CurrentNode = Spec.Nodes[i].Name;
                values[i] = from.Length == 1
                    ? module.Forward(from[0] < 0 ? input : values[from[0]])
                    : module.Forward(from.Select(k => k < 0 ? input : values[k]).ToArray());
            }
        }
        finally
        {
            tape.CurrentNode = outer;
        }
        return values[_output];
    }

    /// <inheritdoc />
    public IReadOnlyList<OpRecord> Trace(int batch = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        bool training = Training;
        Eval();
        try
        {
            // Modules that sample at inference (shot noise, say) draw from a fixed stream, so a trace is reproducible.
            using var tape = new Tape<T>(random: new SeededRandom(0).Fork(6), recordOperations: true) { GradientsEnabled = false };
            Variable<T> x = tape.Input(new Tensor<T>([batch, .. Spec.InputShape]));
            Forward(x);
            return tape.Operations();
        }
        finally
        {
            Train(training);
        }
    }

    private static int IndexOf(ModelSpec spec, string name)
    {
        for (int i = 0; i < spec.Nodes.Count; i++)
        {
            if (spec.Nodes[i].Name == name)
            {
                return i;
            }
        }
        throw new ModelSpecException($"{spec.Source}: no node named '{name}'");
    }
}
