using System.Collections.ObjectModel;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Data;

/// <summary>
/// A data set of <see cref="Count"/> samples, each a feature tensor of shape <see cref="SampleShape"/> and a
/// target: for classification a class label in 0..<see cref="ClassCount"/>−1 (sample i is <c>Features[i, …]</c>
/// with label <c>Labels[i]</c>); for regression a target tensor (<c>Targets[i, …]</c>, no labels or classes).
/// </summary>
/// <remarks>
/// The features and labels are shared, not copied, by the constructor and by <see cref="WithSampleShape"/>;
/// <see cref="Subset"/> and <see cref="StratifiedSplit"/> copy. Treat both as read-only once wrapped.
/// </remarks>
public sealed class Dataset
{
    private readonly string[] _classNames;

    /// <summary>Wraps features and labels (not copied) as a data set, after checking that they fit together.</summary>
    /// <param name="name">Name for messages and reports, e.g. "iris".</param>
    /// <param name="features">Features of shape [N, …sampleShape]; rank at least 1.</param>
    /// <param name="labels">N class labels, each in 0..classNames.Count−1.</param>
    /// <param name="classNames">One name per class; their number is <see cref="ClassCount"/>.</param>
    /// <exception cref="ArgumentException">
    /// The features are a scalar, the number of feature rows differs from the number of labels, there are
    /// no classes, or a label lies outside 0..ClassCount−1 (the message names the sample and the label).
    /// </exception>
    public Dataset(string name, Tensor<double> features, int[] labels, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (features.Rank == 0)
        {
            throw new ArgumentException($"data set '{name}': features must have a sample axis, got a scalar", nameof(features));
        }
        if (features.Dim(0) != labels.Length)
        {
            throw new ArgumentException(
                $"data set '{name}': features {features.ShapeString} have {features.Dim(0)} rows but there are {labels.Length} labels",
                nameof(labels));
        }
        if (classNames.Count == 0)
        {
            throw new ArgumentException($"data set '{name}': at least one class name is needed", nameof(classNames));
        }
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classNames.Count)
            {
                throw new ArgumentException(
                    $"data set '{name}': label {labels[i]} of sample {i} is outside 0..{classNames.Count - 1}",
                    nameof(labels));
            }
        }
        _classNames = new string[classNames.Count];
        for (int c = 0; c < _classNames.Length; c++)
        {
            _classNames[c] = classNames[c] ?? throw new ArgumentException($"data set '{name}': class name {c} is null", nameof(classNames));
        }
        Name = name;
        Features = features;
        Labels = labels;
        ClassNames = new ReadOnlyCollection<string>(_classNames);
    }

    private Dataset(string name, Tensor<double> features, Tensor<double> targets)
    {
        Name = name;
        Features = features;
        Targets = targets;
        Labels = [];
        _classNames = [];
        ClassNames = new ReadOnlyCollection<string>(_classNames);
    }

    /// <summary>A regression data set: targets [N, …] (any shape per sample) for features [N, …], shared, not copied.</summary>
    /// <exception cref="ArgumentException">The features or targets are scalars, or their sample counts differ.</exception>
    public static Dataset Regression(string name, Tensor<double> features, Tensor<double> targets)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (features.Rank == 0 || targets.Rank == 0)
        {
            throw new ArgumentException($"data set '{name}': features and targets must have a sample axis", nameof(targets));
        }
        if (features.Dim(0) != targets.Dim(0))
        {
            throw new ArgumentException(
                $"data set '{name}': features {features.ShapeString} and targets {targets.ShapeString} hold different numbers of samples", nameof(targets));
        }
        return new Dataset(name, features, targets);
    }

    /// <summary>Name for messages and reports, e.g. "iris".</summary>
    public string Name { get; }

    /// <summary>Regression targets [<see cref="Count"/>, …], or null for a classification set.</summary>
    public Tensor<double>? Targets { get; }

    /// <summary>Whether the set holds regression targets rather than class labels.</summary>
    public bool IsRegression => Targets is not null;

    /// <summary>Features, shape [<see cref="Count"/>, …<see cref="SampleShape"/>].</summary>
    public Tensor<double> Features { get; }

    /// <summary>Class label of each sample, in 0..<see cref="ClassCount"/>−1.</summary>
    public int[] Labels { get; }

    /// <summary>Number of classes (the number of <see cref="ClassNames"/>), whether or not each occurs.</summary>
    public int ClassCount => _classNames.Length;

    /// <summary>Name of each class, indexed by label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Features.Dim(0);

    /// <summary>Shape of one sample: the feature shape without its first axis (a new array on each call).</summary>
    public int[] SampleShape => Features.Shape[1..].ToArray();

    /// <summary>Samples <paramref name="indices"/>[0], <paramref name="indices"/>[1], … in that order, copied.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index lies outside 0..Count−1.</exception>
    public Dataset Subset(ReadOnlySpan<int> indices)
    {
        if (Targets is { } targets)
        {
            foreach (int i in indices)
            {
                if ((uint)i >= (uint)Count)
                {
                    throw new ArgumentOutOfRangeException(nameof(indices), i, $"data set '{Name}' has samples 0..{Count - 1}");
                }
            }
            return new Dataset(Name, Features.GatherRows(indices), targets.GatherRows(indices));
        }
        var labels = new int[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            if ((uint)i >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"data set '{Name}' has samples 0..{Count - 1}");
            }
            labels[k] = Labels[i];
        }
        return new Dataset(Name, Features.GatherRows(indices), labels, _classNames);
    }

    /// <summary>
    /// The same samples with each one reshaped to <paramref name="shape"/>, e.g. digits [N, 64] → [N, 1, 8, 8]
    /// for a convolutional network. Shares the feature storage and the labels.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The new sample shape holds a different number of elements.</exception>
    public Dataset WithSampleShape(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Targets is { } targets
            ? new Dataset(Name, Features.Reshape([Count, .. shape]), targets)
            : new Dataset(Name, Features.Reshape([Count, .. shape]), Labels, _classNames);
    }

    /// <summary>Number of samples of each class: result[c] = #{i : Labels[i] = c}, length <see cref="ClassCount"/>.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (int label in Labels)
        {
            counts[label]++;
        }
        return counts;
    }

    /// <summary>
    /// Splits the samples into a training and a test set with the class proportions of this set.
    /// For each class c with n_c samples, the samples are shuffled by a generator drawn from
    /// <paramref name="seed"/> and c, and the first round(<paramref name="testFraction"/> · n_c) (half away
    /// from zero) go to the test set, the rest to the training set. Each result keeps the samples in
    /// their original order, so the split depends only on the labels, the fraction and the seed.
    /// </summary>
    /// <param name="testFraction">Fraction of each class that goes to the test set, in [0, 1].</param>
    /// <param name="seed">Seed of the shuffle; equal seeds give equal splits.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is outside [0, 1] or NaN.</exception>
    public (Dataset Train, Dataset Test) StratifiedSplit(double testFraction, ulong seed)
    {
        if (!(testFraction >= 0.0 && testFraction <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "test fraction must lie in [0, 1]");
        }
        if (IsRegression)
        {
            // No classes to keep in proportion: one shuffle of all samples.
            int[] all = new SeededRandom(seed).Permutation(Count);
            int take = (int)Math.Round(testFraction * Count, MidpointRounding.AwayFromZero);
            int[] testRows = all[..take], trainRows = all[take..];
            Array.Sort(testRows);
            Array.Sort(trainRows);
            return (Subset(trainRows), Subset(testRows));
        }
        int[] counts = ClassCounts();
        var byClass = new int[ClassCount][];
        for (int c = 0; c < ClassCount; c++)
        {
            byClass[c] = new int[counts[c]];
        }
        var filled = new int[ClassCount];
        for (int i = 0; i < Count; i++)
        {
            int c = Labels[i];
            byClass[c][filled[c]++] = i;
        }

        // One stream per class, so a class's split does not depend on how many samples other classes have.
        var root = new SeededRandom(seed);
        var isTest = new bool[Count];
        int testCount = 0;
        for (int c = 0; c < ClassCount; c++)
        {
            int[] members = byClass[c];
            root.Fork((ulong)c).Shuffle<int>(members);
            int take = (int)Math.Round(testFraction * members.Length, MidpointRounding.AwayFromZero);
            for (int k = 0; k < take; k++)
            {
                isTest[members[k]] = true;
            }
            testCount += take;
        }

        var train = new int[Count - testCount];
        var test = new int[testCount];
        int nTrain = 0, nTest = 0;
        for (int i = 0; i < Count; i++)
        {
            if (isTest[i])
            {
                test[nTest++] = i;
            }
            else
            {
                train[nTrain++] = i;
            }
        }
        return (Subset(train), Subset(test));
    }

    /// <inheritdoc />
    public override string ToString() => IsRegression
        ? $"{Name}: {Count} samples of shape {Tensor<double>.ShapeToString(Features.Shape[1..])}, targets {Tensor<double>.ShapeToString(Targets!.Shape[1..])}"
        : $"{Name}: {Count} samples of shape {Tensor<double>.ShapeToString(Features.Shape[1..])}, {ClassCount} classes";
}
