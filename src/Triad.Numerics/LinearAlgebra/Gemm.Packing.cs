using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Triad.Numerics.LinearAlgebra;

public static partial class Gemm
{
    // Packed layouts of one K-block of depth kc starting at p0:
    //   A: panel ip at [ip·MR·kc, (ip + 1)·MR·kc): for each p, the MR values op(A)[ip·MR + r, p0 + p], zero past m;
    //   B: panel jp at [jp·NR·kc, (jp + 1)·NR·kc): for each p, the NR values op(B)[p0 + p, jp·NR + j], zero past n.

    private static void PackRowBlock<T, TKernel>(Product<T> p, Blocking blocking, int rowBlock, int p0, int kc, Span<T> packA)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : struct, IGemmKernel<T>
    {
        int ipEnd = Math.Min(blocking.MPanels, (rowBlock + 1) * blocking.PanelsPerRowBlock);
        for (int ip = rowBlock * blocking.PanelsPerRowBlock; ip < ipEnd; ip++)
        {
            PackPanel(!p.TransposeA, p.A, p.AOffset, p.Lda, p.M, TKernel.MR, p0, kc, ip, packA.Slice(ip * TKernel.MR * kc, TKernel.MR * kc));
        }
    }

    private static void PackColBlock<T, TKernel>(Product<T> p, Blocking blocking, int colBlock, int p0, int kc, Span<T> packB)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : struct, IGemmKernel<T>
    {
        int jpEnd = Math.Min(blocking.NPanels, (colBlock + 1) * blocking.PanelsPerColBlock);
        for (int jp = colBlock * blocking.PanelsPerColBlock; jp < jpEnd; jp++)
        {
            // Line j of the B panel is column j of op(B): a row of the stored B exactly when B is transposed.
            PackPanel(p.TransposeB, p.B, p.BOffset, p.Ldb, p.N, TKernel.NR, p0, kc, jp, packB.Slice(jp * TKernel.NR * kc, TKernel.NR * kc));
        }
    }

    // Packs `width` consecutive lines (rows of op(X)) of one K-block: dst[p·width + r] = op(X)[i0 + r, p0 + p].
    // `rowsStored`: line r of op(X) is row r of the stored X, so packing is a transpose, done four lines at a time
    // in registers; else line r is column r and each p is a contiguous run of `width` values, a vector copy.
    private static unsafe void PackPanel<T>(bool rowsStored, T[] x, int offset, int ld, int lines, int width, int p0, int kc, int panel, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i0 = panel * width;
        int count = Math.Min(width, lines - i0);
        if (count < width)
        {
            dst.Clear();
        }
        fixed (T* px = x)
        fixed (T* pd = dst)
        {
            if (!rowsStored)
            {
                T* src = px + offset + ((long)p0 * ld) + i0;
                for (int p = 0; p < kc; p++)
                {
                    CopyRun(src + ((long)p * ld), pd + ((long)p * width), count);
                }
                return;
            }
            T* rows = px + offset + ((long)i0 * ld) + p0;
            int r = 0;
            for (; r + 4 <= count; r += 4)
            {
                TransposeFourRows(rows + ((long)r * ld), ld, pd + r, width, kc);
            }
            for (; r < count; r++)
            {
                T* row = rows + ((long)r * ld);
                for (int p = 0; p < kc; p++)
                {
                    pd[((long)p * width) + r] = row[p];
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void CopyRun<T>(T* src, T* dst, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + Vector512<T>.Count <= count; j += Vector512<T>.Count)
            {
                Vector512.Store(Vector512.Load(src + j), dst + j);
            }
        }
        if (Vector.IsHardwareAccelerated)
        {
            for (; j + Vector<T>.Count <= count; j += Vector<T>.Count)
            {
                Vector.Store(Vector.Load(src + j), dst + j);
            }
        }
        for (; j < count; j++)
        {
            dst[j] = src[j];
        }
    }

    // dst[p·width + r] = src[r·ld + p] for r < 4, p < kc: 4×4 blocks transposed with two rounds of shuffles
    // (unpack pairs of rows, then combine halves), so four loads and four stores move sixteen values.
    private static unsafe void TransposeFourRows<T>(T* src, nint ld, T* dst, nint width, int kc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = 0;
        if (typeof(T) == typeof(double) && Avx.IsSupported)
        {
            double* s = (double*)src, d = (double*)dst;
            for (; p + 4 <= kc; p += 4)
            {
                Vector256<double> r0 = Avx.LoadVector256(s + p), r1 = Avx.LoadVector256(s + ld + p);
                Vector256<double> r2 = Avx.LoadVector256(s + (2 * ld) + p), r3 = Avx.LoadVector256(s + (3 * ld) + p);
                Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
                Vector256<double> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
                double* o = d + (p * width);
                Avx.Store(o, Avx.Permute2x128(t0, t2, 0x20));
                Avx.Store(o + width, Avx.Permute2x128(t1, t3, 0x20));
                Avx.Store(o + (2 * width), Avx.Permute2x128(t0, t2, 0x31));
                Avx.Store(o + (3 * width), Avx.Permute2x128(t1, t3, 0x31));
            }
        }
        else if (typeof(T) == typeof(float) && Sse.IsSupported)
        {
            float* s = (float*)src, d = (float*)dst;
            for (; p + 4 <= kc; p += 4)
            {
                Vector128<float> r0 = Sse.LoadVector128(s + p), r1 = Sse.LoadVector128(s + ld + p);
                Vector128<float> r2 = Sse.LoadVector128(s + (2 * ld) + p), r3 = Sse.LoadVector128(s + (3 * ld) + p);
                Vector128<float> t0 = Sse.UnpackLow(r0, r1), t1 = Sse.UnpackHigh(r0, r1);
                Vector128<float> t2 = Sse.UnpackLow(r2, r3), t3 = Sse.UnpackHigh(r2, r3);
                float* o = d + (p * width);
                Sse.Store(o, Sse.MoveLowToHigh(t0, t2));
                Sse.Store(o + width, Sse.MoveHighToLow(t2, t0));
                Sse.Store(o + (2 * width), Sse.MoveLowToHigh(t1, t3));
                Sse.Store(o + (3 * width), Sse.MoveHighToLow(t3, t1));
            }
        }
        for (; p < kc; p++)
        {
            T* o = dst + (p * width);
            o[0] = src[p];
            o[1] = src[ld + p];
            o[2] = src[(2 * ld) + p];
            o[3] = src[(3 * ld) + p];
        }
    }
}
