using System.Numerics;
using System.Runtime.Intrinsics;

namespace Triad.Quantum.Kernels;

internal static unsafe partial class StateVectorKernels
{
    /// <summary>Largest number of target qubits of a general matrix (a 1024 × 1024 matrix).</summary>
    public const int MaxMatrixQubits = 10;

    /// <summary>
    /// A general gate on m = |<paramref name="targets"/>| qubits: for every group of 2^m amplitudes that differ only
    /// in the target bits (and have every control bit set), a ← M·a, with M row-major 2^m × 2^m and local index
    /// bit j = bit targets[j]. One qubit goes to <see cref="ApplyMatrix1(Span{Complex}, int, ReadOnlySpan{Complex}, long)"/>; two have their own unrolled loop.
    /// </summary>
    public static void ApplyMatrix(Span<Complex> state, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, long controlMask = 0)
    {
        int m = targets.Length;
        if (m < 1 || m > MaxMatrixQubits)
        {
            throw new ArgumentOutOfRangeException(nameof(targets), m, $"a general matrix acts on 1 to {MaxMatrixQubits} qubits");
        }
        int dim = 1 << m;
        if (matrix.Length != dim * dim)
        {
            throw new ArgumentException($"a matrix on {m} qubits has {dim * dim} entries, not {matrix.Length}", nameof(matrix));
        }
        if (m == 1)
        {
            ApplyMatrix1(state, targets[0], matrix, controlMask);
            return;
        }
        int n = QubitsOf(state.Length);
        CheckQubits(n, targets, controlMask);
        int[] sorted = SortedPositions(targets, controlMask);
        var offsets = new long[dim];
        for (int l = 0; l < dim; l++)
        {
            for (int j = 0; j < m; j++)
            {
                if ((l & (1 << j)) != 0)
                {
                    offsets[l] |= 1L << targets[j];
                }
            }
        }
        Complex[] mat = matrix.ToArray();
        fixed (Complex* p = state)
        {
            nint address = (nint)p;
            long groups = state.Length >> sorted.Length;
            // When no target or control is bit 0, groups k and k+1 (k even) start at neighbouring indices, so one
            // 256-bit vector holds the same local amplitude of two groups.
            bool vector = Vector256.IsHardwareAccelerated && sorted[0] >= 1;
            if (m == 2)
            {
                ForRange(groups, n, (start, end) =>
                {
                    if (vector)
                    {
                        MatrixVectorRange((double*)address, sorted, controlMask, offsets, mat, start, end);
                    }
                    else
                    {
                        Matrix2Range((Complex*)address, sorted, controlMask, offsets, mat, start, end);
                    }
                });
                return;
            }
            ForRange(groups, n, (start, end) =>
            {
                if (vector)
                {
                    MatrixVectorRange((double*)address, sorted, controlMask, offsets, mat, start, end);
                    return;
                }
                Complex* s = (Complex*)address;
                Span<Complex> v = dim <= 64 ? stackalloc Complex[dim] : new Complex[dim];
                for (long k = start; k < end; k++)
                {
                    long i = InsertZeroBits(k, sorted) | controlMask;
                    for (int l = 0; l < dim; l++)
                    {
                        v[l] = s[i + offsets[l]];
                    }
                    for (int r = 0; r < dim; r++)
                    {
                        ReadOnlySpan<Complex> row = mat.AsSpan(r * dim, dim);
                        Complex sum = Complex.Zero;
                        for (int c = 0; c < dim; c++)
                        {
                            sum += row[c] * v[c];
                        }
                        s[i + offsets[r]] = sum;
                    }
                }
            });
        }
    }

    // Two groups at a time: v[l] = amplitudes l of groups k and k+1; out[r] = Σ_c M[r,c]·v[c] with the complex
    // product as re(M)·v + [−im, im](M)·swap(v).
    private static void MatrixVectorRange(double* s, int[] sorted, long controlMask, long[] offsets, Complex[] m, long start, long end)
    {
        int dim = offsets.Length;
        Span<Vector256<double>> v = stackalloc Vector256<double>[dim];
        Span<Vector256<double>> w = stackalloc Vector256<double>[dim];
        Span<Vector256<double>> re = dim <= 16 ? stackalloc Vector256<double>[dim * dim] : new Vector256<double>[dim * dim];
        Span<Vector256<double>> im = dim <= 16 ? stackalloc Vector256<double>[dim * dim] : new Vector256<double>[dim * dim];
        for (int e = 0; e < dim * dim; e++)
        {
            re[e] = RealPart(m[e]);
            im[e] = ImagSigned(m[e]);
        }
        for (long k = start; k < end; k += 2)
        {
            long i = InsertZeroBits(k, sorted) | controlMask;
            for (int l = 0; l < dim; l++)
            {
                v[l] = Vector256.Load(s + (2 * (i + offsets[l])));
                w[l] = SwapReIm(v[l]);
            }
            for (int r = 0; r < dim; r++)
            {
                Vector256<double> sum = Vector256<double>.Zero;
                int row = r * dim;
                for (int c = 0; c < dim; c++)
                {
                    sum += (re[row + c] * v[c]) + (im[row + c] * w[c]);
                }
                sum.Store(s + (2 * (i + offsets[r])));
            }
        }
    }

    private static void Matrix2Range(Complex* s, int[] sorted, long controlMask, long[] offsets, Complex[] m, long start, long end)
    {
        long o1 = offsets[1], o2 = offsets[2], o3 = offsets[3];
        for (long k = start; k < end; k++)
        {
            long i = InsertZeroBits(k, sorted) | controlMask;
            Complex a0 = s[i], a1 = s[i + o1], a2 = s[i + o2], a3 = s[i + o3];
            s[i] = (m[0] * a0) + (m[1] * a1) + (m[2] * a2) + (m[3] * a3);
            s[i + o1] = (m[4] * a0) + (m[5] * a1) + (m[6] * a2) + (m[7] * a3);
            s[i + o2] = (m[8] * a0) + (m[9] * a1) + (m[10] * a2) + (m[11] * a3);
            s[i + o3] = (m[12] * a0) + (m[13] * a1) + (m[14] * a2) + (m[15] * a3);
        }
    }
}
