using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Triad.Numerics.Tensors;

namespace Triad.Numerics.LinearAlgebra;

/// <summary>
/// Matrix decompositions (SVD, QR, eigen) of row-major rank-2 tensors, as thin wrappers over
/// MathNet.Numerics' dense factorizations (Householder bidiagonalisation and QR iteration for the SVD,
/// Householder QR, tridiagonal QL for symmetric/Hermitian and Hessenberg–QR for general eigenproblems;
/// see Golub and Van Loan, <i>Matrix Computations</i>, 4th ed., 2013, chapters 5, 7 and 8).
/// <para>
/// Inputs are copied, never changed. Every method requires a matrix (rank 2) with at least one row and one
/// column and finite entries. The work is done by whichever MathNet linear-algebra provider is active.
/// </para>
/// </summary>
public static class Decompositions
{
    /// <summary>
    /// Largest relative asymmetry max|A[i, j] − conj(A[j, i])| / max|A[i, j]| accepted as symmetric (Hermitian).
    /// Inputs within it are symmetrised as (A + Aᴴ)/2 before the decomposition.
    /// </summary>
    public const double SymmetryTolerance = 1e-10;

    /// <summary>Singular value decomposition A = U·diag(S)·Vᴴ of a real m×n matrix.</summary>
    /// <param name="a">The matrix; not changed.</param>
    /// <param name="fullMatrices">
    /// False (default) for the thin decomposition, U m×r and Vᴴ r×n with r = min(m, n); true for square U (m×m)
    /// and Vᴴ (n×n), whose extra columns (rows) complete orthonormal bases.
    /// </param>
    /// <exception cref="ShapeMismatchException"><paramref name="a"/> is not a non-empty matrix.</exception>
    /// <exception cref="ArgumentException"><paramref name="a"/> has a NaN or infinite entry.</exception>
    public static SingularValueDecomposition<double> Svd(Tensor<double> a, bool fullMatrices = false) =>
        SvdCore(a, fullMatrices, nameof(a));

    /// <summary>Singular value decomposition A = U·diag(S)·Vᴴ of a complex m×n matrix; S is real.</summary>
    /// <inheritdoc cref="Svd(Tensor{double}, bool)"/>
    public static SingularValueDecomposition<Complex> Svd(Tensor<Complex> a, bool fullMatrices = false) =>
        SvdCore(a, fullMatrices, nameof(a));

    /// <summary>
    /// Thin QR decomposition A = Q·R of a real m×n matrix: Q m×r with orthonormal columns, R r×n upper
    /// triangular (trapezoidal), r = min(m, n).
    /// </summary>
    /// <param name="a">The matrix; not changed.</param>
    /// <exception cref="ShapeMismatchException"><paramref name="a"/> is not a non-empty matrix.</exception>
    /// <exception cref="ArgumentException"><paramref name="a"/> has a NaN or infinite entry.</exception>
    public static QRDecomposition<double> QR(Tensor<double> a) => QRCore(a, nameof(a));

    /// <summary>
    /// Thin QR decomposition A = Q·R of a complex m×n matrix: Q m×r with orthonormal columns (QᴴQ = I),
    /// R r×n upper triangular (trapezoidal), r = min(m, n).
    /// </summary>
    /// <inheritdoc cref="QR(Tensor{double})"/>
    public static QRDecomposition<Complex> QR(Tensor<Complex> a) => QRCore(a, nameof(a));

    /// <summary>
    /// Eigen-decomposition A = V·diag(λ)·Vᵀ of a real symmetric n×n matrix: real eigenvalues in ascending
    /// order and orthonormal eigenvectors.
    /// </summary>
    /// <param name="a">The matrix; symmetric to within <see cref="SymmetryTolerance"/>; not changed.</param>
    /// <exception cref="ShapeMismatchException"><paramref name="a"/> is not a non-empty square matrix.</exception>
    /// <exception cref="ArgumentException"><paramref name="a"/> has a NaN or infinite entry, or is not symmetric.</exception>
    public static SymmetricEigenDecomposition<double> SymmetricEigen(Tensor<double> a) =>
        SymmetricEigenCore(a, static x => x, Symmetricity.Symmetric, nameof(a));

    /// <summary>
    /// Eigen-decomposition A = V·diag(λ)·Vᴴ of a complex Hermitian n×n matrix: real eigenvalues in ascending
    /// order and orthonormal (unitary) eigenvectors.
    /// </summary>
    /// <param name="a">The matrix; Hermitian to within <see cref="SymmetryTolerance"/>; not changed.</param>
    /// <exception cref="ShapeMismatchException"><paramref name="a"/> is not a non-empty square matrix.</exception>
    /// <exception cref="ArgumentException"><paramref name="a"/> has a NaN or infinite entry, or is not Hermitian.</exception>
    public static SymmetricEigenDecomposition<Complex> HermitianEigen(Tensor<Complex> a) =>
        SymmetricEigenCore(a, Complex.Conjugate, Symmetricity.Hermitian, nameof(a));

    /// <summary>
    /// Eigenvalues and eigenvectors of a general real n×n matrix, A·v = λ·v, both complex in general;
    /// non-real eigenvalues and their eigenvectors come in exact conjugate pairs.
    /// </summary>
    /// <param name="a">The matrix; not changed. For a symmetric matrix prefer <see cref="SymmetricEigen"/>.</param>
    /// <exception cref="ShapeMismatchException"><paramref name="a"/> is not a non-empty square matrix.</exception>
    /// <exception cref="ArgumentException"><paramref name="a"/> has a NaN or infinite entry.</exception>
    public static EigenDecomposition Eigen(Tensor<double> a)
    {
        int n = CheckSquare(a, nameof(a));
        Evd<double> evd = MathNetInterop.ToMatrix(a).Evd(Symmetricity.Asymmetric);
        Matrix<double> v = evd.EigenVectors;
        var values = new Complex[n];
        var vectors = new Complex[n * n];
        for (int j = 0; j < n; j++)
        {
            Complex lambda = evd.EigenValues[j];
            values[j] = lambda;
            if (lambda.Imaginary > 0 && j + 1 < n)
            {
                // A conjugate pair (a ± ib) is stored as a real 2×2 block: columns j and j+1 hold the real and
                // imaginary parts x, y of the eigenvector x + iy of a + ib; x − iy belongs to a − ib.
                values[j + 1] = Complex.Conjugate(lambda);
                for (int i = 0; i < n; i++)
                {
                    vectors[(i * n) + j] = new Complex(v[i, j], v[i, j + 1]);
                    vectors[(i * n) + j + 1] = new Complex(v[i, j], -v[i, j + 1]);
                }
                j++;
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    vectors[(i * n) + j] = v[i, j];
                }
            }
        }
        return SortedGeneral(values, vectors, n);
    }

    /// <summary>Eigenvalues and eigenvectors of a general complex n×n matrix, A·v = λ·v.</summary>
    /// <param name="a">The matrix; not changed. For a Hermitian matrix prefer <see cref="HermitianEigen"/>.</param>
    /// <exception cref="ShapeMismatchException"><paramref name="a"/> is not a non-empty square matrix.</exception>
    /// <exception cref="ArgumentException"><paramref name="a"/> has a NaN or infinite entry.</exception>
    public static EigenDecomposition Eigen(Tensor<Complex> a)
    {
        int n = CheckSquare(a, nameof(a));
        Evd<Complex> evd = MathNetInterop.ToMatrix(a).Evd(Symmetricity.Asymmetric);
        return SortedGeneral(evd.EigenValues.ToArray(), evd.EigenVectors.ToRowMajorArray(), n);
    }

    private static SingularValueDecomposition<T> SvdCore<T>(Tensor<T> a, bool fullMatrices, string name)
        where T : unmanaged, INumberBase<T>
    {
        var (m, n) = CheckMatrix(a, name);
        int r = Math.Min(m, n);
        Svd<T> svd = MathNetInterop.ToMatrix(a).Svd(computeVectors: true);
        Matrix<T> u = fullMatrices ? svd.U : svd.U.SubMatrix(0, m, 0, r);
        Matrix<T> vh = fullMatrices ? svd.VT : svd.VT.SubMatrix(0, r, 0, n);
        var s = new Tensor<double>(r);
        for (int i = 0; i < r; i++)
        {
            // For complex input MathNet stores the (real) singular values as complex numbers.
            s[i] = double.CreateTruncating(svd.S[i]);
        }
        return new SingularValueDecomposition<T>(MathNetInterop.ToTensor(u), s, MathNetInterop.ToTensor(vh));
    }

    private static QRDecomposition<T> QRCore<T>(Tensor<T> a, string name)
        where T : unmanaged, INumberBase<T>
    {
        var (m, n) = CheckMatrix(a, name);
        Matrix<T> x = MathNetInterop.ToMatrix(a);
        Matrix<T> q, r;
        if (m >= n)
        {
            QR<T> qr = x.QR(QRMethod.Thin);
            q = qr.Q;
            r = qr.R;
        }
        else
        {
            // MathNet factors only m ≥ n; for a wide matrix, A[:, :m] = Q·R₁ fixes Q, and R = Qᴴ·A.
            QR<T> qr = x.SubMatrix(0, m, 0, m).QR(QRMethod.Full);
            q = qr.Q;
            r = q.ConjugateTranspose() * x;
            r.SetSubMatrix(0, 0, qr.R);
        }
        Tensor<T> rt = MathNetInterop.ToTensor(r);
        for (int i = 1; i < rt.Dim(0); i++)
        {
            rt.Span.Slice(i * n, Math.Min(i, n)).Clear();
        }
        return new QRDecomposition<T>(MathNetInterop.ToTensor(q), rt);
    }

    private static SymmetricEigenDecomposition<T> SymmetricEigenCore<T>(
        Tensor<T> a, Func<T, T> conjugate, Symmetricity symmetricity, string name)
        where T : unmanaged, INumberBase<T>
    {
        int n = CheckSquare(a, name);
        CheckSymmetric(a, conjugate, name);
        Matrix<T> x = MathNetInterop.ToMatrix(a);
        x = (x + x.ConjugateTranspose()).Divide(T.CreateTruncating(2));
        Evd<T> evd = x.Evd(symmetricity);
        int[] order = new int[n];
        double[] keys = new double[n];
        for (int j = 0; j < n; j++)
        {
            order[j] = j;
            keys[j] = evd.EigenValues[j].Real;
        }
        Array.Sort(keys, order);
        var values = new Tensor<double>(keys, n);
        var vectors = new Tensor<T>(n, n);
        Matrix<T> v = evd.EigenVectors;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                vectors[i, j] = v[i, order[j]];
            }
        }
        return new SymmetricEigenDecomposition<T>(values, vectors);
    }

    // Normalises each eigenvector column to unit 2-norm and sorts the pairs by (Re λ, Im λ).
    private static EigenDecomposition SortedGeneral(Complex[] values, Complex[] vectors, int n)
    {
        int[] order = new int[n];
        for (int j = 0; j < n; j++)
        {
            order[j] = j;
        }
        Array.Sort(order, (p, q) =>
        {
            int byReal = values[p].Real.CompareTo(values[q].Real);
            return byReal != 0 ? byReal : values[p].Imaginary.CompareTo(values[q].Imaginary);
        });
        var sortedValues = new Tensor<Complex>(n);
        var sortedVectors = new Tensor<Complex>(n, n);
        for (int j = 0; j < n; j++)
        {
            int source = order[j];
            sortedValues[j] = values[source];
            double norm = 0;
            for (int i = 0; i < n; i++)
            {
                Complex z = vectors[(i * n) + source];
                norm += (z.Real * z.Real) + (z.Imaginary * z.Imaginary);
            }
            double scale = norm > 0 ? 1.0 / Math.Sqrt(norm) : 1.0;
            for (int i = 0; i < n; i++)
            {
                sortedVectors[i, j] = vectors[(i * n) + source] * scale;
            }
        }
        return new EigenDecomposition(sortedValues, sortedVectors);
    }

    private static (int Rows, int Columns) CheckMatrix<T>(Tensor<T> a, string name)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(a, name);
        if (a.Rank != 2)
        {
            throw new ShapeMismatchException($"{name} has shape {a.ShapeString}; expected a matrix (rank 2)");
        }
        int rows = a.Dim(0), columns = a.Dim(1);
        if (rows == 0 || columns == 0)
        {
            throw new ShapeMismatchException($"{name} has shape {a.ShapeString}; expected at least one row and one column");
        }
        ReadOnlySpan<T> data = a.ReadOnlySpan;
        for (int p = 0; p < data.Length; p++)
        {
            if (!T.IsFinite(data[p]))
            {
                throw new ArgumentException(
                    $"{name}[{p / columns}, {p % columns}] = {data[p]}; expected finite entries", name);
            }
        }
        return (rows, columns);
    }

    private static int CheckSquare<T>(Tensor<T> a, string name)
        where T : unmanaged, INumberBase<T>
    {
        var (rows, columns) = CheckMatrix(a, name);
        if (rows != columns)
        {
            throw new ShapeMismatchException($"{name} has shape {a.ShapeString}; expected a square matrix");
        }
        return rows;
    }

    private static void CheckSymmetric<T>(Tensor<T> a, Func<T, T> conjugate, string name)
        where T : unmanaged, INumberBase<T>
    {
        int n = a.Dim(0);
        double scale = 0, worst = 0;
        int worstI = 0, worstJ = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                scale = Math.Max(scale, Magnitude(a[i, j]));
                scale = Math.Max(scale, Magnitude(a[j, i]));
                double gap = Magnitude(a[i, j] - conjugate(a[j, i]));
                if (gap > worst)
                {
                    (worst, worstI, worstJ) = (gap, i, j);
                }
            }
        }
        if (worst > SymmetryTolerance * scale)
        {
            string kind = typeof(T) == typeof(Complex) ? "Hermitian" : "symmetric";
            throw new ArgumentException(
                $"{name} is not {kind}: {name}[{worstI}, {worstJ}] = {a[worstI, worstJ]} but {name}[{worstJ}, {worstI}] = " +
                $"{a[worstJ, worstI]} (relative gap {worst / scale:G3}, tolerance {SymmetryTolerance:G3})", name);
        }
    }

    private static double Magnitude<T>(T x)
        where T : unmanaged, INumberBase<T> => double.CreateTruncating(T.Abs(x));
}
