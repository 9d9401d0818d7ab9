using System.Numerics;
using Triad.Learning.Models;

namespace Triad.Learning.Modules;

/// <summary>
/// The module kinds that specs and model files may name, each with its factory. <see cref="Default"/> starts with
/// Learning's own kinds; other assemblies add theirs with <see cref="Register"/> (once, at start-up), without any
/// change to Learning. Thread-safe.
/// </summary>
public sealed class ModuleRegistry
{
    private readonly Dictionary<string, IModuleFactory> _factories = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The registry specs are built against, holding the built-in kinds.</summary>
    public static ModuleRegistry Default { get; } = CreateWithBuiltIns();

    /// <summary>A registry holding only the built-in kinds (tests use fresh ones).</summary>
    public static ModuleRegistry CreateWithBuiltIns()
    {
        var registry = new ModuleRegistry();
        foreach (IModuleFactory factory in BuiltInModules.Factories)
        {
            registry.Register(factory);
        }
        return registry;
    }

    /// <summary>Adds a kind.</summary>
    /// <exception cref="ArgumentException">The kind is not lower-case letters, digits and dashes, or is already registered.</exception>
    public void Register(IModuleFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        string kind = factory.Kind;
        if (string.IsNullOrEmpty(kind) || !kind.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw new ArgumentException($"module kind '{kind}' must be lower-case letters, digits and dashes", nameof(factory));
        }
        lock (_lock)
        {
            if (!_factories.TryAdd(kind, factory))
            {
                throw new ArgumentException($"module kind '{kind}' is already registered", nameof(factory));
            }
        }
    }

    /// <summary>Every registered kind, sorted.</summary>
    public IReadOnlyList<string> Kinds
    {
        get
        {
            lock (_lock)
            {
                return _factories.Keys.Order(StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>The factory of <paramref name="kind"/>, if registered.</summary>
    public bool TryGet(string kind, out IModuleFactory factory)
    {
        lock (_lock)
        {
            return _factories.TryGetValue(kind, out factory!);
        }
    }

    /// <summary>Builds a module of <paramref name="kind"/>.</summary>
    /// <exception cref="ModelSpecException">Unknown kind (the message lists the known ones), or the factory refused the settings or shapes.</exception>
    public Module<T> Create<T>(string kind, ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!TryGet(kind, out IModuleFactory factory))
        {
            throw new ModelSpecException($"{context.Where}: unknown module type '{kind}' (known: {string.Join(", ", Kinds)})");
        }
        try
        {
            return factory.Create<T>(context);
        }
        catch (ModelSpecException e) when (!e.Message.StartsWith(context.Where, StringComparison.Ordinal))
        {
            throw new ModelSpecException($"{context.Where}: {e.Message}", e);
        }
        catch (Exception e) when (e is ArgumentException or Numerics.Tensors.ShapeMismatchException)
        {
            throw new ModelSpecException($"{context.Where}: {kind}: {e.Message}", e);
        }
    }
}
