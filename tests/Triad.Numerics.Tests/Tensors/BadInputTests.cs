using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Random;
using Triad.Numerics.Tensors;

namespace Triad.Numerics.Tests.Tensors;

[Collection(TestSupport.ThreadSettingsCollection.Name)]
public class BadInputTests
{
    [Fact]
    public void Reshape_TwoInferredExtents_ThrowsSayingAtMostOne()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => new Tensor<double>(4, 6).Reshape(-1, -1));
        Assert.Contains("at most one extent may be -1", e.Message);
    }

    [Fact]
    public void MatrixIndexer_OnRank3Tensor_Throws()
    {
        var t = new Tensor<double>(2, 3, 4);
        Assert.Throws<ShapeMismatchException>(() => t[1, 1]);
        Assert.Throws<ShapeMismatchException>(() => t[0, 0, 0, 0]);
    }

    [Fact]
    public void ThreadSettingsFor_PieceThrows_RethrowsTheSameExceptionForAnyThreadCount()
    {
        int saved = Triad.Numerics.Threading.ThreadSettings.MaxThreads;
        try
        {
            foreach (int threads in (int[])[1, 2])
            {
                Triad.Numerics.Threading.ThreadSettings.MaxThreads = threads;
                var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
                    Triad.Numerics.Threading.ThreadSettings.For(8, i => throw new ArgumentOutOfRangeException(nameof(i), i, "bad piece")));
                Assert.Contains("bad piece", e.Message);
            }
        }
        finally
        {
            Triad.Numerics.Threading.ThreadSettings.MaxThreads = saved;
        }
    }

    [Fact]
    public void Permutation_NegativeLength_ThrowsArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeededRandom(1).Permutation(-1));

    [Fact]
    public void Gemm_OutputAliasesInput_Throws()
    {
        double[] a = new double[4];
        var e = Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 2, 2, 2, 1.0, a, 2, new double[4], 2, 0.0, a, 2));
        Assert.Contains("must not share", e.Message);
    }
}
