using System.Globalization;
using Triad.Learning.Data;

namespace Triad.Cli.Inputs;

/// <summary>
/// What <c>--data</c> names, resolved before anything is loaded: a built-in data set (<see cref="BuiltInData.Names"/>),
/// a numeric CSV file (<c>*.csv</c> or <c>*.csv.gz</c>, no header, label in the last column), or a folder holding
/// the Fashion-MNIST IDX files. Resolving checks that the name or path exists; loading checks the content.
/// </summary>
/// <remarks>
/// Test split: Fashion-MNIST (built-in or a folder) has an official 10,000-image test set, which is used as it
/// is. Every other data set is split by <see cref="Dataset.StratifiedSplit"/> with the test fraction and the run's
/// seed, so <c>triad eval</c> can rebuild the same held-out samples from the seed kept in the model file.
/// </remarks>
internal sealed class DataSource
{
    private DataSource(string argument, string name, DataSourceKind kind, string path)
    {
        Argument = argument;
        Name = name;
        Kind = kind;
        Path = path;
    }

    /// <summary>The value of <c>--data</c> as given.</summary>
    public string Argument { get; }

    /// <summary>Short name for output folders and reports: the built-in name, or the file or folder name without extensions.</summary>
    public string Name { get; }

    /// <summary>What kind of source this is.</summary>
    public DataSourceKind Kind { get; }

    /// <summary>The kind as written in reports: "built-in", "csv" or "idx-folder".</summary>
    public string KindName => Kind switch
    {
        DataSourceKind.BuiltIn => "built-in",
        DataSourceKind.Csv => "csv",
        _ => "idx-folder",
    };

    /// <summary>Full path of the file or folder; the built-in name for built-in data sets.</summary>
    public string Path { get; }

    /// <summary>Whether the source has its own test set (Fashion-MNIST) rather than a held-out part of its samples.</summary>
    public bool HasOfficialTestSplit =>
        Kind == DataSourceKind.IdxFolder || (Kind == DataSourceKind.BuiltIn && Name == "fashion-mnist");

    /// <summary>The built-in model used when <c>--model</c> is not given, or null when there is none (CSV files).</summary>
    public string? DefaultModel => Kind switch
    {
        DataSourceKind.IdxFolder => "fashion-cnn",
        DataSourceKind.BuiltIn => Name switch
        {
            "digits" => "digits-mlp",
            "iris" => "iris-mlp",
            _ => "fashion-cnn",
        },
        _ => null,
    };

    /// <summary>
    /// The data of a resumed run: <paramref name="trainedOn"/> (a built-in name or a full path, as kept in the
    /// model file), or <paramref name="given"/> if that names the very same source; anything else is an error,
    /// since a run must continue on the samples it started on.
    /// </summary>
    public static DataSource ForRun(string? given, string trainedOn, string what)
    {
        if (trainedOn.Length == 0)
        {
            return Resolve(given ?? throw new UsageException($"--data is needed: {what} does not name the data it was trained on"));
        }
        DataSource stored = Stored(trainedOn, what);
        if (given is not null)
        {
            DataSource other = Resolve(given);
            if (other.Path != stored.Path)
            {
                throw new UsageException($"--data '{given}': {what} was trained on '{trainedOn}', not '{other.Path}'");
            }
        }
        return stored;
    }

    /// <summary>
    /// The data to evaluate on: <paramref name="given"/> when there is one (any data of the right shape), else the
    /// source the model was trained on (<paramref name="trainedOn"/>: a built-in name or a full path).
    /// </summary>
    public static DataSource ForEvaluation(string? given, string trainedOn, string what)
    {
        if (given is not null)
        {
            return Resolve(given);
        }
        if (trainedOn.Length == 0)
        {
            throw new UsageException($"--data is needed: {what} does not name the data it was trained on");
        }
        return Stored(trainedOn, what);
    }

    private static DataSource Stored(string trainedOn, string what)
    {
        try
        {
            return Resolve(trainedOn);
        }
        catch (Exception e) when (e is UsageException or FileNotFoundException)
        {
            throw new UsageException($"{what} was trained on '{trainedOn}', which cannot be found now; give the data with --data", e);
        }
    }

    /// <summary>Resolves <paramref name="argument"/> without loading it.</summary>
    /// <exception cref="UsageException">Neither a built-in name nor an existing file or folder, or a file of an unknown kind.</exception>
    /// <exception cref="FileNotFoundException">A .csv or .csv.gz path that does not exist.</exception>
    public static DataSource Resolve(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        string trimmed = argument.Trim();
        if (trimmed.Length == 0)
        {
            throw new UsageException("--data is empty; give a built-in data set (" + string.Join(", ", BuiltInData.Names) + ") or a path");
        }
        string? builtIn = BuiltInData.Names.FirstOrDefault(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase));
        if (builtIn is not null)
        {
            return new DataSource(argument, builtIn, DataSourceKind.BuiltIn, builtIn);
        }
        string full = System.IO.Path.GetFullPath(trimmed);
        if (Directory.Exists(full))
        {
            string folderName = new DirectoryInfo(full).Name;
            return new DataSource(argument, folderName, DataSourceKind.IdxFolder, full);
        }
        if (IsCsvName(full))
        {
            if (!File.Exists(full))
            {
                throw new FileNotFoundException($"data file not found: '{full}'", full);
            }
            return new DataSource(argument, CsvName(full), DataSourceKind.Csv, full);
        }
        if (File.Exists(full))
        {
            throw new UsageException(
                $"--data '{argument}': unknown kind of data file; expected a .csv or .csv.gz file, a folder of IDX files, " +
                $"or a built-in data set ({string.Join(", ", BuiltInData.Names)})");
        }
        throw new UsageException(
            $"--data '{argument}': not a built-in data set ({string.Join(", ", BuiltInData.Names)}) and no such file or folder");
    }

    /// <summary>
    /// Loads all samples of the source (for Fashion-MNIST, the training images).
    /// </summary>
    /// <param name="classCount">
    /// For CSV files, the number of classes the model outputs: a label at or above it is a
    /// <see cref="DataFormatException"/> naming the line. Null infers it from the largest label.
    /// </param>
    /// <param name="classNames">For CSV files, class names to use when there are exactly <paramref name="classCount"/> of them.</param>
    public Dataset Load(int? classCount = null, IReadOnlyList<string>? classNames = null) => Kind switch
    {
        DataSourceKind.BuiltIn => BuiltInData.Load(Name),
        DataSourceKind.IdxFolder => FashionMnistLoader.Load(Path, FashionMnistSplit.Train),
        _ => CsvDatasetLoader.Load(Path, new CsvLoadOptions
        {
            Name = Name,
            ClassCount = classCount,
            ClassNames = classNames is not null && classCount is { } c && classNames.Count == c ? classNames : null,
        }),
    };

    /// <summary>The official test set, or null when the source has none (<see cref="HasOfficialTestSplit"/>).</summary>
    public Dataset? LoadOfficialTest() => Kind switch
    {
        DataSourceKind.IdxFolder => FashionMnistLoader.Load(Path, FashionMnistSplit.Test),
        DataSourceKind.BuiltIn when HasOfficialTestSplit => BuiltInData.Load(Name + "-test"),
        _ => null,
    };

    /// <summary>
    /// The training and test samples of a run: the official split where there is one, otherwise a stratified split
    /// holding out <paramref name="testFraction"/> of each class, shuffled by <paramref name="seed"/>.
    /// </summary>
    public DataSplit LoadSplit(double testFraction, ulong seed, int? classCount = null, IReadOnlyList<string>? classNames = null)
    {
        Dataset all = Load(classCount, classNames);
        if (HasOfficialTestSplit)
        {
            Dataset test = LoadOfficialTest()!;
            return new DataSplit(all, test, $"official test set ({test.Count} samples)");
        }
        if (testFraction <= 0)
        {
            return new DataSplit(all, null, "none: --test-fraction 0");
        }
        (Dataset train, Dataset heldOut) = all.StratifiedSplit(testFraction, seed);
        return heldOut.Count == 0
            ? new DataSplit(all, null, string.Create(CultureInfo.InvariantCulture, $"none: {testFraction * 100:0.##}% of each class rounds to no samples"))
            : new DataSplit(train, heldOut, HeldOutDescription(testFraction, seed, heldOut.Count));
    }

    /// <summary>Describes a stratified held-out split, e.g. "held-out 20% of each class, seed 42 (360 samples)".</summary>
    public static string HeldOutDescription(double testFraction, ulong seed, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"held-out {testFraction * 100:0.##}% of each class, seed {seed} ({count} samples)");

    private static bool IsCsvName(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase);

    private static string CsvName(string path)
    {
        string name = System.IO.Path.GetFileName(path);
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : name;
    }
}
