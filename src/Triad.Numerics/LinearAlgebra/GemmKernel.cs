using System.Numerics;

namespace Triad.Numerics.LinearAlgebra;

/// <summary>
/// One register-blocked micro-kernel of <see cref="Gemm"/> and the cache blocking that goes with it, for one
/// instruction set. The driver is generic over the kernel (a struct), so the JIT specialises and inlines it,
/// as TensorPrimitives does with its operators.
/// <para>
/// Contract of <see cref="Run"/>: <c>a</c> is a packed A panel, for p = 0 … kc − 1 the <see cref="MR"/> values
/// op(A)[i0 + r, p0 + p] at a[p·MR + r]; <c>b</c> a packed B panel, the <see cref="NR"/> values op(B)[p0 + p, j0 + j]
/// at b[p·NR + j]; then C[r, j] ← C[r, j] + α·Σ_p a[p·MR + r]·b[p·NR + j] for the whole MR×NR tile at
/// c[r·ldc + j], the sum over p taken in order with one fused multiply–add per term, starting from zero, and
/// added to C with one more (α·sum + C); with <c>overwrite</c>, C[r, j] ← α·sum and C is not read.
/// </para>
/// </summary>
internal interface IGemmKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows of a micro tile (broadcast values of A per step).</summary>
    static abstract int MR { get; }

    /// <summary>Columns of a micro tile (SIMD vectors of B per step times their width).</summary>
    static abstract int NR { get; }

    /// <summary>
    /// Depth of one packed K-block for an m×n product. It sets the order of summation, so it may depend on the
    /// shape but never on the thread count.
    /// </summary>
    static abstract int KC(int m, int n);

    /// <summary>Largest number of rows of C in one macro tile.</summary>
    static abstract int MC { get; }

    /// <summary>Largest number of columns of C in one macro tile (a multiple of <see cref="NR"/>).</summary>
    static abstract int NC { get; }

    /// <summary>C[0..MR, 0..NR] += α·A-panel·B-panel (or = with <paramref name="overwrite"/>); see the interface's remarks.</summary>
    static abstract unsafe void Run(T* a, T* b, int kc, T alpha, T* c, nint ldc, bool overwrite);
}
