using System.Collections.ObjectModel;

namespace Triad.Learning.Data;

/// <summary>
/// Loads Fashion-MNIST (H. Xiao, K. Rasul, R. Vollgraf, "Fashion-MNIST: a novel image dataset for
/// benchmarking machine learning algorithms", arXiv:1708.07747, 2017; MIT licence) from the four IDX files
/// {train,t10k}-{images-idx3,labels-idx1}-ubyte.gz (or the same names without ".gz") in one folder.
/// Result: features [N, 1, 28, 28] with x = pixel / 255 in [0, 1], labels 0..9 named by <see cref="ClassNames"/>.
/// </summary>
/// <remarks>
/// On Debian and Ubuntu, <c>apt-get install -y dataset-fashion-mnist</c> puts the files in
/// <see cref="DefaultDirectory"/>. Besides the checks of <see cref="IdxReader"/>, the images must be 28×28 and
/// the image and label files must hold the same number of samples (<see cref="DataFormatException"/>);
/// a missing file is a <see cref="FileNotFoundException"/> that says how to install the data.
/// </remarks>
public static class FashionMnistLoader
{
    /// <summary>Where the Debian package dataset-fashion-mnist installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Rows and columns of each image.</summary>
    public const int ImageSize = 28;

    internal const string InstallHint = "install it with 'apt-get install -y dataset-fashion-mnist'";

    /// <summary>The ten classes, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = new ReadOnlyCollection<string>(
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]);

    /// <summary>Loads one split from the IDX files in <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">An image or label file is missing.</exception>
    /// <exception cref="DataFormatException">A file breaks the IDX format, the images are not 28×28, or the counts disagree.</exception>
    public static Dataset Load(string directory, FashionMnistSplit split)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string imagesPath = FindFile(directory, ImagesFileName(split));
        string labelsPath = FindFile(directory, LabelsFileName(split));

        int[] labels = IdxReader.ReadLabels(labelsPath, ClassNames.Count);
        IdxImages images = IdxReader.ReadImages(imagesPath);
        if (images.Rows != ImageSize || images.Columns != ImageSize)
        {
            throw new DataFormatException(
                imagesPath, "byte 8", $"images are {images.Rows}x{images.Columns}; Fashion-MNIST images are {ImageSize}x{ImageSize}");
        }
        if (images.Count != labels.Length)
        {
            throw new DataFormatException(
                labelsPath, "byte 4", $"{labels.Length} labels for {images.Count} images in {Path.GetFileName(imagesPath)}");
        }
        string name = split == FashionMnistSplit.Train ? "fashion-mnist" : "fashion-mnist-test";
        return new Dataset(name, images.ToTensor(), labels, ClassNames);
    }

    /// <summary>File name of the images of <paramref name="split"/>, e.g. "t10k-images-idx3-ubyte.gz".</summary>
    public static string ImagesFileName(FashionMnistSplit split) => $"{Prefix(split)}-images-idx3-ubyte.gz";

    /// <summary>File name of the labels of <paramref name="split"/>, e.g. "t10k-labels-idx1-ubyte.gz".</summary>
    public static string LabelsFileName(FashionMnistSplit split) => $"{Prefix(split)}-labels-idx1-ubyte.gz";

    private static string Prefix(FashionMnistSplit split) => split switch
    {
        FashionMnistSplit.Train => "train",
        FashionMnistSplit.Test => "t10k",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "expected Train or Test"),
    };

    /// <summary>The gzip file, or the same name without ".gz" if only that exists.</summary>
    private static string FindFile(string directory, string gzipName)
    {
        string gzipPath = Path.GetFullPath(Path.Combine(directory, gzipName));
        if (File.Exists(gzipPath))
        {
            return gzipPath;
        }
        string plainPath = gzipPath[..^".gz".Length];
        if (File.Exists(plainPath))
        {
            return plainPath;
        }
        throw new FileNotFoundException(
            $"Fashion-MNIST file not found: '{gzipPath}' (nor without '.gz'); {InstallHint}, " +
            $"or pass the folder that holds the four IDX files", gzipPath);
    }
}
