using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Triad.Numerics.Tensors;

namespace Triad.Numerics.LinearAlgebra;

/// <summary>
/// Conversions between our row-major rank-2 tensors and MathNet.Numerics' column-major dense matrices.
/// Both directions copy; MathNet's storage is never shared with a tensor.
/// </summary>
internal static class MathNetInterop
{
    /// <summary>A MathNet dense matrix with M[i, j] = a[i, j].</summary>
    public static Matrix<T> ToMatrix<T>(Tensor<T> a)
        where T : unmanaged, INumberBase<T> =>
        Matrix<T>.Build.DenseOfRowMajor(a.Dim(0), a.Dim(1), a.Data);

    /// <summary>A new row-major tensor with t[i, j] = M[i, j].</summary>
    public static Tensor<T> ToTensor<T>(Matrix<T> matrix)
        where T : unmanaged, INumberBase<T> =>
        new(matrix.ToRowMajorArray(), matrix.RowCount, matrix.ColumnCount);
}
