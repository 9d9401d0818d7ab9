using System.Collections.ObjectModel;

namespace Triad.Learning.Data;

/// <summary>
/// The data sets known by name to the CLI and the examples:
/// <list type="bullet">
/// <item><c>iris</c>: data/iris.csv, 150 × 4 features, 3 classes (<see cref="IrisLoader"/>).</item>
/// <item><c>digits</c>: data/digits.csv.gz, 1797 × 64 features in [0, 1], 10 classes (<see cref="DigitsLoader"/>).</item>
/// <item><c>fashion-mnist</c>, <c>fashion-mnist-test</c>: the 60,000 training and 10,000 test images of
/// Fashion-MNIST, [N, 1, 28, 28] in [0, 1], 10 classes (<see cref="FashionMnistLoader"/>).</item>
/// </list>
/// </summary>
/// <remarks>
/// The vendored files are looked for in <c>AppContext.BaseDirectory/data/</c> (where the build copies them),
/// then in a <c>data/</c> folder in the current directory or any folder above it (for <c>dotnet run</c>).
/// Fashion-MNIST is looked for in the folder named by the environment variable
/// <see cref="FashionMnistDirectoryVariable"/> if it is set, else in <see cref="FashionMnistLoader.DefaultDirectory"/>.
/// Names are matched without regard to case. A file that cannot be found is a <see cref="FileNotFoundException"/>
/// naming the places searched.
/// </remarks>
public static class BuiltInData
{
    /// <summary>Environment variable naming a folder that holds the Fashion-MNIST IDX files.</summary>
    public const string FashionMnistDirectoryVariable = "TRIAD_FASHION_MNIST_DIR";

    /// <summary>The known names, in the order the CLI lists them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        new ReadOnlyCollection<string>(["iris", "digits", "fashion-mnist", "fashion-mnist-test"]);

    /// <summary>Loads the data set called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    /// <exception cref="FileNotFoundException">The data files cannot be found; the message says where they were looked for.</exception>
    /// <exception cref="DataFormatException">A data file is corrupt.</exception>
    public static Dataset Load(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "iris" => IrisLoader.Load(FindVendoredFile("iris.csv")),
            "digits" => DigitsLoader.Load(FindVendoredFile("digits.csv.gz")),
            "fashion-mnist" => LoadFashionMnist(FashionMnistSplit.Train, FashionMnistDirectory()),
            "fashion-mnist-test" => LoadFashionMnist(FashionMnistSplit.Test, FashionMnistDirectory()),
            _ => throw new ArgumentException($"unknown data set '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
        };
    }

    /// <summary>
    /// Full path of the vendored data file <paramref name="fileName"/> (e.g. "iris.csv"): in
    /// AppContext.BaseDirectory/data/, else in data/ under the current directory or the nearest folder above it
    /// that has it.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file in any of those places.</exception>
    public static string FindVendoredFile(string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        string besideApp = Path.Combine(AppContext.BaseDirectory, "data", fileName);
        if (File.Exists(besideApp))
        {
            return besideApp;
        }
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data", fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException(
            $"built-in data file '{fileName}' not found in '{Path.GetDirectoryName(besideApp)}' nor in a data/ folder " +
            $"at or above '{Environment.CurrentDirectory}'; it ships in the repository's data/ folder", besideApp);
    }

    /// <summary>
    /// The folder Fashion-MNIST is loaded from: the value of <see cref="FashionMnistDirectoryVariable"/> if set,
    /// else <see cref="FashionMnistLoader.DefaultDirectory"/>.
    /// </summary>
    public static string FashionMnistDirectory()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(FashionMnistDirectoryVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? FashionMnistLoader.DefaultDirectory : fromEnvironment;
    }

    /// <summary>Loads a Fashion-MNIST split from <paramref name="directory"/>, saying how to install it if it is missing.</summary>
    internal static Dataset LoadFashionMnist(FashionMnistSplit split, string directory)
    {
        string images = Path.Combine(directory, FashionMnistLoader.ImagesFileName(split));
        string labels = Path.Combine(directory, FashionMnistLoader.LabelsFileName(split));
        if (!Exists(images) || !Exists(labels))
        {
            string missing = Exists(images) ? labels : images;
            throw new FileNotFoundException(
                $"Fashion-MNIST not found: no '{Path.GetFileName(missing)}' in '{Path.GetFullPath(directory)}'; " +
                $"{FashionMnistLoader.InstallHint}, or set {FashionMnistDirectoryVariable} to a folder holding the four IDX files",
                Path.GetFullPath(missing));
        }
        return FashionMnistLoader.Load(directory, split);
    }

    private static bool Exists(string gzipPath) => File.Exists(gzipPath) || File.Exists(gzipPath[..^".gz".Length]);
}
