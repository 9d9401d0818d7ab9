using System.Numerics;

namespace Triad.Learning.Modules;

/// <summary>
/// Makes modules of one kind from spec settings. Register factories with <see cref="ModuleRegistry"/>; specs and
/// model files then name the kind, whichever assembly defines it (Photonics and Quantum add theirs this way).
/// </summary>
public interface IModuleFactory
{
    /// <summary>The kind as specs name it, lower case, e.g. "dense".</summary>
    string Kind { get; }

    /// <summary>One line for listings: what the module does and its settings.</summary>
    string Summary { get; }

    /// <summary>
    /// Builds the module for <paramref name="context"/>'s input shapes and settings, initialising parameters from its
    /// random stream. Reads every setting it accepts and rejects the rest (<see cref="ModuleSettings.RejectUnknown"/>);
    /// errors are <see cref="Models.ModelSpecException"/>s that name <see cref="ModuleContext.Where"/>.
    /// </summary>
    Module<T> Create<T>(ModuleContext context) where T : unmanaged, IFloatingPointIeee754<T>;
}
