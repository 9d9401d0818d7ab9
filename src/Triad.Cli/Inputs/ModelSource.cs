using Triad.Learning.Models;

namespace Triad.Cli.Inputs;

/// <summary>
/// Resolves <c>--model</c> for training: a built-in model name (<see cref="BuiltInModels.Names"/>) or the path
/// of a spec file (<c>.json</c>, <c>.yaml</c>, <c>.yml</c>), and builds it so that every spec error surfaces
/// before any data is loaded.
/// </summary>
internal static class ModelSource
{
    private static readonly string[] s_specExtensions = [".json", ".yaml", ".yml"];

    /// <summary>Reads the spec named by <paramref name="argument"/>.</summary>
    /// <exception cref="ArgumentException">Neither a built-in name nor a spec path; the message lists the built-in names.</exception>
    /// <exception cref="FileNotFoundException">The spec file does not exist.</exception>
    /// <exception cref="ModelSpecException">The spec file is not a valid spec.</exception>
    /// <exception cref="UsageException">The path is a saved model rather than a spec.</exception>
    public static ModelSpec LoadSpec(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        string trimmed = argument.Trim();
        if (BuiltInModels.Names.Contains(trimmed))
        {
            return BuiltInModels.Get(trimmed);
        }
        string extension = Path.GetExtension(trimmed).ToLowerInvariant();
        if (s_specExtensions.Contains(extension))
        {
            return ModelSpec.Load(Path.GetFullPath(trimmed));
        }
        if (extension == ".triad")
        {
            throw new UsageException(
                $"--model '{argument}' is a saved model, not a spec; to continue training a checkpoint use --resume");
        }
        // Not a spec path: let the library name the built-in models.
        return BuiltInModels.Get(trimmed);
    }

    /// <summary>
    /// Builds <paramref name="spec"/> with initial weights from <paramref name="seed"/>. A spec read from a file
    /// that does not build (unknown layer, shapes that do not chain) is reported with the file's name in front.
    /// </summary>
    public static IModel Build(ModelSpec spec, ulong seed, string argument, string precision)
    {
        ArgumentNullException.ThrowIfNull(spec);
        try
        {
            return precision == "float64" ? Model<double>.Build(spec, seed) : Model<float>.Build(spec, seed);
        }
        catch (ModelSpecException e) when (!BuiltInModels.Names.Contains(argument.Trim())
            && !e.Message.StartsWith(Path.GetFileName(argument.Trim()), StringComparison.Ordinal))
        {
            throw new ModelSpecException($"model spec '{Path.GetFileName(argument.Trim())}': {e.Message}", e);
        }
    }
}
