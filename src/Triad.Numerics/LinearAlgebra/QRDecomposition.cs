using System.Numerics;
using Triad.Numerics.Tensors;

namespace Triad.Numerics.LinearAlgebra;

/// <summary>
/// A QR decomposition A = Q·R of an m×n matrix, r = min(m, n), from <see cref="Decompositions.QR(Tensor{double})"/>
/// or <see cref="Decompositions.QR(Tensor{Complex})"/>.
/// </summary>
/// <typeparam name="T">Element type: double or <see cref="Complex"/>.</typeparam>
/// <param name="Q">m×r with orthonormal columns, QᴴQ = I (unitary when m ≤ n).</param>
/// <param name="R">
/// r×n upper triangular (upper trapezoidal when m &lt; n): R[i, j] = 0 exactly for i &gt; j. The signs (phases)
/// of its diagonal are those the Householder reflections give; they are not normalised.
/// </param>
public sealed record QRDecomposition<T>(Tensor<T> Q, Tensor<T> R)
    where T : unmanaged, INumberBase<T>;
