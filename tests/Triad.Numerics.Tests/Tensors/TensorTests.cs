using Triad.Numerics.Tensors;

namespace Triad.Numerics.Tests.Tensors;

public class TensorTests
{
    [Fact]
    public void Constructor_Shape_IsZeroFilledWithThatShape()
    {
        var t = new Tensor<double>(2, 3, 4);

        Assert.Equal(new[] { 2, 3, 4 }, t.Shape.ToArray());
        Assert.Equal(3, t.Rank);
        Assert.Equal(24, t.Length);
        Assert.All(t.Data, x => Assert.Equal(0.0, x));
        Assert.Equal("[2, 3, 4]", t.ShapeString);
    }

    [Fact]
    public void Constructor_ShapeArrayChangedAfterwards_TensorKeepsItsShape()
    {
        int[] shape = { 2, 3 };
        var t = new Tensor<float>(shape);
        shape[0] = 5;

        Assert.Equal(new[] { 2, 3 }, t.Shape.ToArray());
    }

    [Fact]
    public void Constructor_Data_WrapsWithoutCopying()
    {
        double[] data = { 1, 2, 3, 4, 5, 6 };
        var t = new Tensor<double>(data, 2, 3);
        data[4] = 50;

        Assert.Same(data, t.Data);
        Assert.Equal(50, t[1, 1]);
        Assert.Equal(6, t[1, 2]);
    }

    [Theory]
    [InlineData(5, new[] { 2, 3 })]
    [InlineData(7, new[] { 2, 3 })]
    [InlineData(2, new int[0] { })]
    public void Constructor_DataLengthNotShapeProduct_ThrowsShapeMismatch(int length, int[] shape)
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => new Tensor<double>(new double[length], shape));
        Assert.Contains(length.ToString(), ex.Message);
    }

    [Fact]
    public void Constructor_ScalarShapeWithOneElement_IsRankZero()
    {
        var t = new Tensor<double>(new double[] { 3 });

        Assert.Equal(0, t.Rank);
        Assert.Equal(1, t.Length);
    }

    [Fact]
    public void Constructor_NegativeExtent_ThrowsShapeMismatch()
    {
        Assert.Throws<ShapeMismatchException>(() => new Tensor<double>(2, -1));
    }

    [Fact]
    public void Constructor_ShapeTooLarge_ThrowsShapeMismatch()
    {
        Assert.Throws<ShapeMismatchException>(() => new Tensor<double>(1 << 16, 1 << 16));
    }

    [Fact]
    public void FromSpan_WrongCount_ThrowsShapeMismatch()
    {
        Assert.Throws<ShapeMismatchException>(() => Tensor<double>.FromSpan(new double[5], 2, 3));
    }

    [Fact]
    public void FromSpan_Values_CopiesThem()
    {
        double[] values = { 1, 2, 3, 4 };
        var t = Tensor<double>.FromSpan(values, 2, 2);
        values[0] = 9;

        Assert.Equal(1, t[0, 0]);
        Assert.Equal(4, t[1, 1]);
    }

    [Fact]
    public void Filled_Value_SetsEveryElement()
    {
        var t = Tensor<float>.Filled(2.5f, 3, 2);

        Assert.All(t.Data, x => Assert.Equal(2.5f, x));
    }

    [Fact]
    public void Indexer_Rank4_IsRowMajor()
    {
        var t = new Tensor<double>(2, 3, 4, 5);
        t[1, 2, 3, 4] = 7;

        Assert.Equal(7, t.Data[(((((1 * 3) + 2) * 4) + 3) * 5) + 4]);
        Assert.Equal(7, t.Data[^1]);
    }

    [Fact]
    public void Dim_NegativeAxis_CountsFromEnd()
    {
        var t = new Tensor<double>(2, 3, 4);

        Assert.Equal(4, t.Dim(-1));
        Assert.Equal(2, t.Dim(-3));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Dim(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Dim(-4));
    }

    [Fact]
    public void Reshape_MinusOne_InfersExtentAndSharesStorage()
    {
        var t = new Tensor<double>(Enumerable.Range(0, 24).Select(i => (double)i).ToArray(), 2, 3, 4);

        Tensor<double> r = t.Reshape(-1, 4);
        r[5, 1] = -1;

        Assert.Equal(new[] { 6, 4 }, r.Shape.ToArray());
        Assert.Same(t.Data, r.Data);
        Assert.Equal(-1, t.Data[21]);
        Assert.Equal(new[] { 2, 12 }, t.Reshape(2, -1).Shape.ToArray());
        Assert.Equal(new[] { 24 }, t.Reshape(-1).Shape.ToArray());
    }

    [Theory]
    [InlineData(new[] { 5, -1 })]
    [InlineData(new[] { 0, -1 })]
    [InlineData(new[] { 5, 5 })]
    [InlineData(new[] { 2, 3, 5 })]
    public void Reshape_IncompatibleShape_ThrowsShapeMismatch(int[] shape)
    {
        var t = new Tensor<double>(2, 3, 4);

        var ex = Assert.Throws<ShapeMismatchException>(() => t.Reshape(shape));
        Assert.Contains("[2, 3, 4]", ex.Message);
    }

    [Theory]
    [InlineData(new[] { -1, -1 })]
    [InlineData(new[] { -2, 12 })]
    public void Reshape_MoreThanOneUnknownOrNegativeExtent_ThrowsShapeMismatch(int[] shape)
    {
        var t = new Tensor<double>(2, 3, 4);

        Assert.Throws<ShapeMismatchException>(() => t.Reshape(shape));
    }

    [Fact]
    public void GatherRows_Indices_CopiesThoseRowsInOrder()
    {
        var t = new Tensor<double>(Enumerable.Range(0, 12).Select(i => (double)i).ToArray(), 4, 3);

        Tensor<double> g = t.GatherRows(new[] { 3, 0, 3 });
        t[3, 0] = 100;

        Assert.Equal(new[] { 3, 3 }, g.Shape.ToArray());
        Assert.Equal(new double[] { 9, 10, 11, 0, 1, 2, 9, 10, 11 }, g.Data);
    }

    [Fact]
    public void GatherRows_Rank4_GathersWholeSamples()
    {
        var t = new Tensor<float>(Enumerable.Range(0, 2 * 1 * 2 * 2).Select(i => (float)i).ToArray(), 2, 1, 2, 2);

        Tensor<float> g = t.GatherRows(new[] { 1 });

        Assert.Equal(new[] { 1, 1, 2, 2 }, g.Shape.ToArray());
        Assert.Equal(new float[] { 4, 5, 6, 7 }, g.Data);
    }

    [Fact]
    public void GatherRows_NoIndices_IsEmptyWithSameRowShape()
    {
        var t = new Tensor<double>(4, 3);

        Tensor<double> g = t.GatherRows(ReadOnlySpan<int>.Empty);

        Assert.Equal(new[] { 0, 3 }, g.Shape.ToArray());
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    public void GatherRows_IndexOutOfRange_Throws(int index)
    {
        var t = new Tensor<double>(4, 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => t.GatherRows(new[] { 0, index }));
    }

    [Fact]
    public void SliceRows_Range_CopiesThoseRows()
    {
        var t = new Tensor<double>(Enumerable.Range(0, 12).Select(i => (double)i).ToArray(), 4, 3);

        Tensor<double> s = t.SliceRows(1, 2);
        t[1, 0] = 100;

        Assert.Equal(new[] { 2, 3 }, s.Shape.ToArray());
        Assert.Equal(new double[] { 3, 4, 5, 6, 7, 8 }, s.Data);
        Assert.Equal(new[] { 0, 3 }, t.SliceRows(4, 0).Shape.ToArray());
    }

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(3, 2)]
    [InlineData(0, 5)]
    [InlineData(1, -1)]
    public void SliceRows_OutOfRange_Throws(int start, int count)
    {
        var t = new Tensor<double>(4, 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => t.SliceRows(start, count));
    }

    [Fact]
    public void Clone_ThenChangeEither_OtherUnchanged()
    {
        var t = new Tensor<double>(new double[] { 1, 2, 3, 4 }, 2, 2);

        Tensor<double> c = t.Clone();
        c[0, 0] = 10;
        t[1, 1] = 40;

        Assert.NotSame(t.Data, c.Data);
        Assert.Equal(new double[] { 1, 2, 3, 40 }, t.Data);
        Assert.Equal(new double[] { 10, 2, 3, 4 }, c.Data);
        Assert.Equal(t.Shape.ToArray(), c.Shape.ToArray());
    }

    [Fact]
    public void CopyTo_DifferentShape_ThrowsShapeMismatchNamingBoth()
    {
        var t = new Tensor<double>(2, 3);
        var other = new Tensor<double>(3, 2);

        var ex = Assert.Throws<ShapeMismatchException>(() => t.CopyTo(other));
        Assert.Contains("[3, 2]", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
    }

    [Fact]
    public void CopyTo_SameShape_CopiesElements()
    {
        var t = new Tensor<double>(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var other = new Tensor<double>(2, 3);

        t.CopyTo(other);

        Assert.Equal(t.Data, other.Data);
        Assert.NotSame(t.Data, other.Data);
    }

    [Fact]
    public void Clear_AfterFill_AllZero()
    {
        var t = Tensor<double>.Filled(3, 2, 2);

        t.Clear();

        Assert.All(t.Data, x => Assert.Equal(0.0, x));
    }
}
