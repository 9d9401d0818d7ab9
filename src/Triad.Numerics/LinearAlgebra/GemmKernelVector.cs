using System.Numerics;
using System.Runtime.CompilerServices;

namespace Triad.Numerics.LinearAlgebra;

/// <summary>
/// The portable micro-kernel on <see cref="Vector{T}"/> (256 bits with AVX2, 128 with SSE or NEON), used where
/// 512-bit vectors are not accelerated: 4 rows × 2 vectors. Eight accumulators plus two B vectors and one
/// broadcast fit in the sixteen AVX registers. Blocking: an A panel (MR·KC doubles = 8 KiB) and a B panel
/// (NR·KC = 16 KiB with AVX2) stay in a 32 KiB L1 cache, a macro tile of packed A (MC·KC = 128 KiB) in L2, as in
/// Goto and van de Geijn (2008).
/// </summary>
internal readonly struct GemmKernelVector<T> : IGemmKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 4;

    public static int NR => 2 * Vector<T>.Count;

    public static int KC(int m, int n) => 256;

    public static int MC => 64;

    public static int NC => 256;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(T* a, T* b, int kc, T alpha, T* c, nint ldc, bool overwrite)
    {
        nint v = Vector<T>.Count;
        Vector<T> c00 = Vector<T>.Zero, c01 = Vector<T>.Zero;
        Vector<T> c10 = Vector<T>.Zero, c11 = Vector<T>.Zero;
        Vector<T> c20 = Vector<T>.Zero, c21 = Vector<T>.Zero;
        Vector<T> c30 = Vector<T>.Zero, c31 = Vector<T>.Zero;
        for (int p = 0; p < kc; p++)
        {
            Vector<T> b0 = Vector.Load(b);
            Vector<T> b1 = Vector.Load(b + v);
            Vector<T> a0 = new(a[0]);
            c00 = Fma(a0, b0, c00);
            c01 = Fma(a0, b1, c01);
            Vector<T> a1 = new(a[1]);
            c10 = Fma(a1, b0, c10);
            c11 = Fma(a1, b1, c11);
            Vector<T> a2 = new(a[2]);
            c20 = Fma(a2, b0, c20);
            c21 = Fma(a2, b1, c21);
            Vector<T> a3 = new(a[3]);
            c30 = Fma(a3, b0, c30);
            c31 = Fma(a3, b1, c31);
            a += 4;
            b += 2 * v;
        }
        Vector<T> al = new(alpha);
        Store(c, c00, c01, al, v, overwrite);
        Store(c + ldc, c10, c11, al, v, overwrite);
        Store(c + (2 * ldc), c20, c21, al, v, overwrite);
        Store(c + (3 * ldc), c30, c31, al, v, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store(T* row, Vector<T> s0, Vector<T> s1, Vector<T> alpha, nint v, bool overwrite)
    {
        if (overwrite)
        {
            Vector.Store(alpha * s0, row);
            Vector.Store(alpha * s1, row + v);
            return;
        }
        Vector.Store(Fma(alpha, s0, Vector.Load(row)), row);
        Vector.Store(Fma(alpha, s1, Vector.Load(row + v)), row + v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Fma(Vector<T> x, Vector<T> y, Vector<T> addend)
    {
        if (typeof(T) == typeof(double))
        {
            return Vector.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), addend.As<T, double>()).As<double, T>();
        }
        if (typeof(T) == typeof(float))
        {
            return Vector.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), addend.As<T, float>()).As<float, T>();
        }
        return (x * y) + addend;
    }
}
