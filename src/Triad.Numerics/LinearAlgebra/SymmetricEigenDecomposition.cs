using System.Numerics;
using Triad.Numerics.Tensors;

namespace Triad.Numerics.LinearAlgebra;

/// <summary>
/// The eigen-decomposition A = V·diag(λ)·Vᴴ of a real symmetric or complex Hermitian n×n matrix, from
/// <see cref="Decompositions.SymmetricEigen(Tensor{double})"/> or <see cref="Decompositions.HermitianEigen(Tensor{Complex})"/>.
/// </summary>
/// <typeparam name="T">Element type of the eigenvectors: double or <see cref="Complex"/>.</typeparam>
/// <param name="Values">The n eigenvalues λ, real and in ascending order.</param>
/// <param name="Vectors">
/// n×n with the orthonormal eigenvectors as columns (VᴴV = I), column j belonging to <c>Values[j]</c>:
/// A·V[:, j] = λ_j·V[:, j].
/// </param>
public sealed record SymmetricEigenDecomposition<T>(Tensor<double> Values, Tensor<T> Vectors)
    where T : unmanaged, INumberBase<T>;
