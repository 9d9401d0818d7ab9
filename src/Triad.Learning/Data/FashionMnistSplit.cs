namespace Triad.Learning.Data;

/// <summary>Which part of Fashion-MNIST to load.</summary>
public enum FashionMnistSplit
{
    /// <summary>The 60,000 training images (files train-*-ubyte.gz).</summary>
    Train,

    /// <summary>The 10,000 test images (files t10k-*-ubyte.gz).</summary>
    Test,
}
