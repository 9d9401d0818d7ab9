using System.Numerics;
using Triad.Numerics.Tensors;

namespace Triad.Numerics.LinearAlgebra;

/// <summary>
/// The eigenvalues and eigenvectors of a general square n×n matrix, A·V[:, j] = λ_j·V[:, j], from
/// <see cref="Decompositions.Eigen(Tensor{double})"/> or <see cref="Decompositions.Eigen(Tensor{Complex})"/>.
/// </summary>
/// <param name="Values">
/// The n eigenvalues λ, complex, sorted by real part and then by imaginary part. For a real matrix the
/// non-real ones come in exact conjugate pairs.
/// </param>
/// <param name="Vectors">
/// n×n with the eigenvectors as columns, each of unit 2-norm, column j belonging to <c>Values[j]</c>. They are
/// not orthogonal in general, and for a defective (non-diagonalisable) matrix they are linearly dependent.
/// </param>
public sealed record EigenDecomposition(Tensor<Complex> Values, Tensor<Complex> Vectors);
