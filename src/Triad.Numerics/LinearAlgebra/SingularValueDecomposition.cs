using System.Numerics;
using Triad.Numerics.Tensors;

namespace Triad.Numerics.LinearAlgebra;

/// <summary>
/// A singular value decomposition A = U·diag(S)·Vᴴ of an m×n matrix, r = min(m, n), from
/// <see cref="Decompositions.Svd(Tensor{double}, bool)"/> or <see cref="Decompositions.Svd(Tensor{Complex}, bool)"/>.
/// </summary>
/// <typeparam name="T">Element type of the factors: double or <see cref="Complex"/>.</typeparam>
/// <param name="U">
/// Left singular vectors as orthonormal columns (UᴴU = I): m×r for the thin decomposition, m×m for the full one.
/// </param>
/// <param name="SingularValues">S, the r singular values, real, non-negative and in descending order.</param>
/// <param name="Vh">
/// Vᴴ, the conjugate transpose of the right singular vectors, as orthonormal rows: r×n thin, n×n full.
/// </param>
public sealed record SingularValueDecomposition<T>(Tensor<T> U, Tensor<double> SingularValues, Tensor<T> Vh)
    where T : unmanaged, INumberBase<T>;
