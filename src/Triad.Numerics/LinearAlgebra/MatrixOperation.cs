namespace Triad.Numerics.LinearAlgebra;

/// <summary>What a matrix product does to an operand before multiplying: op(X) = X, Xᵀ or Xᴴ = conj(X)ᵀ.</summary>
public enum MatrixOperation
{
    /// <summary>op(X) = X.</summary>
    None = 0,

    /// <summary>op(X) = Xᵀ, op(X)[i, j] = X[j, i].</summary>
    Transpose = 1,

    /// <summary>op(X) = Xᴴ, op(X)[i, j] = conj(X[j, i]); the same as <see cref="Transpose"/> for real matrices.</summary>
    ConjugateTranspose = 2,
}
