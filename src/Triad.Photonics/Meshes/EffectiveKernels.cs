using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Triad.Photonics.Meshes;

/// <summary>
/// The span kernels of <see cref="EffectiveMesh"/> on one block of <see cref="EffectiveMesh.Lanes"/> samples (layout
/// on that type: mode m's real parts at [16m, 16m + 8), imaginary parts at [16m + 8, 16m + 16)). One 512-bit vector
/// per part where the hardware has it, else two 256-bit vectors (emulated per element where there is no SIMD); every
/// lane does the same fused multiply-adds in the same order either way, so the bits do not depend on the path.
/// </summary>
internal static class EffectiveKernels
{
    /// <summary>Gradient accumulators per MZI in a block's sweep: θ, then the two halves of φ, one vector each.</summary>
    public const int AccumulatorsPerMzi = 3 * EffectiveMesh.Lanes;

    private const int Row = 2 * EffectiveMesh.Lanes;

    /// <summary>
    /// For each MZI in order: v = w·u_p, then (v, u_q) ← R(γ)·(v, u_q) by the shears x −= t·y, y += σ·x, x −= t·y.
    /// </summary>
    public static void Forward(ReadOnlySpan<EffectiveMesh.Mzi> mzis, Span<double> block)
    {
        ref double b = ref MemoryMarshal.GetReference(block);
        foreach (ref readonly EffectiveMesh.Mzi z in mzis)
        {
            ref double r = ref Unsafe.Add(ref b, z.Top * Row);
            if (Vector512.IsHardwareAccelerated)
            {
                Forward512(in z, ref r);
            }
            else
            {
                Forward256(in z, ref r);
                Forward256(in z, ref Unsafe.Add(ref r, 4));
            }
        }
    }

    /// <summary>For each MZI in reverse order: the inverse shears x += t·y, y −= σ·x, x += t·y, then u_p = v/w.</summary>
    public static void Inverse(ReadOnlySpan<EffectiveMesh.Mzi> mzis, Span<double> block)
    {
        ref double b = ref MemoryMarshal.GetReference(block);
        for (int k = mzis.Length - 1; k >= 0; k--)
        {
            ref readonly EffectiveMesh.Mzi z = ref mzis[k];
            ref double r = ref Unsafe.Add(ref b, z.Top * Row);
            if (Vector512.IsHardwareAccelerated)
            {
                Inverse512(in z, ref r);
            }
            else
            {
                Inverse256(in z, ref r);
                Inverse256(in z, ref Unsafe.Add(ref r, 4));
            }
        }
    }

    /// <summary>
    /// For each MZI in reverse order, on the stored output fields (x, y) and their gradients (h_x, h_y): adds
    /// A·(x_r − y_i) + B·(x_i + y_r) with A = h_y,r + h_x,i and B = h_y,i − h_x,r (twice ∂L/∂θ's integrand, see
    /// <see cref="EffectiveMesh"/>) to the θ accumulator; undoes the rotation on the fields and, by Rᵀ = R⁻¹, on the
    /// gradients; adds v_r·h_v,i and v_i·h_v,r to the two φ accumulators (∂L/∂φ = their difference); then
    /// u_p = v/w and h_p = conj(w)·h_v.
    /// </summary>
    public static void Backward(ReadOnlySpan<EffectiveMesh.Mzi> mzis, Span<double> fields, Span<double> grads, Span<double> accumulators)
    {
        if (fields.Length != grads.Length || accumulators.Length != mzis.Length * AccumulatorsPerMzi)
        {
            throw new ArgumentException("block and accumulator lengths do not match");
        }
        ref double fb = ref MemoryMarshal.GetReference(fields);
        ref double gb = ref MemoryMarshal.GetReference(grads);
        ref double ab = ref MemoryMarshal.GetReference(accumulators);
        for (int k = mzis.Length - 1; k >= 0; k--)
        {
            ref readonly EffectiveMesh.Mzi z = ref mzis[k];
            ref double x = ref Unsafe.Add(ref fb, z.Top * Row);
            ref double h = ref Unsafe.Add(ref gb, z.Top * Row);
            ref double a = ref Unsafe.Add(ref ab, k * AccumulatorsPerMzi);
            if (Vector512.IsHardwareAccelerated)
            {
                Backward512(in z, ref x, ref h, ref a);
            }
            else
            {
                Backward256(in z, ref x, ref h, ref a);
                Backward256(in z, ref Unsafe.Add(ref x, 4), ref Unsafe.Add(ref h, 4), ref Unsafe.Add(ref a, 4));
            }
        }
    }

    /// <summary>(∂L/∂θ, ∂L/∂φ) from one MZI's accumulators, lanes summed in index order.</summary>
    public static (double Theta, double Phi) Reduce(ReadOnlySpan<double> a)
    {
        double theta = 0, phiA = 0, phiB = 0;
        for (int i = 0; i < EffectiveMesh.Lanes; i++)
        {
            theta += a[i];
            phiA += a[EffectiveMesh.Lanes + i];
            phiB += a[(2 * EffectiveMesh.Lanes) + i];
        }
        return (0.5 * theta, phiA - phiB);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Forward512(in EffectiveMesh.Mzi z, ref double r)
    {
        var pr = Vector512.LoadUnsafe(ref r);
        var pi = Vector512.LoadUnsafe(ref r, 8);
        var qr = Vector512.LoadUnsafe(ref r, 16);
        var qi = Vector512.LoadUnsafe(ref r, 24);
        var wr = Vector512.Create(z.Wr);
        var wi = Vector512.Create(z.Wi);
        var nwi = Vector512.Create(-z.Wi);
        var nt = Vector512.Create(-z.T);
        var s = Vector512.Create(z.Sigma);
        var xr = Vector512.FusedMultiplyAdd(wr, pr, Vector512.FusedMultiplyAdd(nwi, pi, nt * qr));
        var xi = Vector512.FusedMultiplyAdd(wr, pi, Vector512.FusedMultiplyAdd(wi, pr, nt * qi));
        var yr = Vector512.FusedMultiplyAdd(s, xr, qr);
        var yi = Vector512.FusedMultiplyAdd(s, xi, qi);
        Vector512.FusedMultiplyAdd(nt, yr, xr).StoreUnsafe(ref r);
        Vector512.FusedMultiplyAdd(nt, yi, xi).StoreUnsafe(ref r, 8);
        yr.StoreUnsafe(ref r, 16);
        yi.StoreUnsafe(ref r, 24);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Forward256(in EffectiveMesh.Mzi z, ref double r)
    {
        var pr = Vector256.LoadUnsafe(ref r);
        var pi = Vector256.LoadUnsafe(ref r, 8);
        var qr = Vector256.LoadUnsafe(ref r, 16);
        var qi = Vector256.LoadUnsafe(ref r, 24);
        var wr = Vector256.Create(z.Wr);
        var wi = Vector256.Create(z.Wi);
        var nwi = Vector256.Create(-z.Wi);
        var nt = Vector256.Create(-z.T);
        var s = Vector256.Create(z.Sigma);
        var xr = Vector256.FusedMultiplyAdd(wr, pr, Vector256.FusedMultiplyAdd(nwi, pi, nt * qr));
        var xi = Vector256.FusedMultiplyAdd(wr, pi, Vector256.FusedMultiplyAdd(wi, pr, nt * qi));
        var yr = Vector256.FusedMultiplyAdd(s, xr, qr);
        var yi = Vector256.FusedMultiplyAdd(s, xi, qi);
        Vector256.FusedMultiplyAdd(nt, yr, xr).StoreUnsafe(ref r);
        Vector256.FusedMultiplyAdd(nt, yi, xi).StoreUnsafe(ref r, 8);
        yr.StoreUnsafe(ref r, 16);
        yi.StoreUnsafe(ref r, 24);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Inverse512(in EffectiveMesh.Mzi z, ref double r)
    {
        var xr = Vector512.LoadUnsafe(ref r);
        var xi = Vector512.LoadUnsafe(ref r, 8);
        var yr = Vector512.LoadUnsafe(ref r, 16);
        var yi = Vector512.LoadUnsafe(ref r, 24);
        var t = Vector512.Create(z.T);
        var ns = Vector512.Create(-z.Sigma);
        var ir = Vector512.Create(z.Ir);
        var ii = Vector512.Create(z.Ii);
        var nii = Vector512.Create(-z.Ii);
        xr = Vector512.FusedMultiplyAdd(t, yr, xr);
        xi = Vector512.FusedMultiplyAdd(t, yi, xi);
        yr = Vector512.FusedMultiplyAdd(ns, xr, yr);
        yi = Vector512.FusedMultiplyAdd(ns, xi, yi);
        xr = Vector512.FusedMultiplyAdd(t, yr, xr);
        xi = Vector512.FusedMultiplyAdd(t, yi, xi);
        Vector512.FusedMultiplyAdd(ir, xr, nii * xi).StoreUnsafe(ref r);
        Vector512.FusedMultiplyAdd(ir, xi, ii * xr).StoreUnsafe(ref r, 8);
        yr.StoreUnsafe(ref r, 16);
        yi.StoreUnsafe(ref r, 24);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Inverse256(in EffectiveMesh.Mzi z, ref double r)
    {
        var xr = Vector256.LoadUnsafe(ref r);
        var xi = Vector256.LoadUnsafe(ref r, 8);
        var yr = Vector256.LoadUnsafe(ref r, 16);
        var yi = Vector256.LoadUnsafe(ref r, 24);
        var t = Vector256.Create(z.T);
        var ns = Vector256.Create(-z.Sigma);
        var ir = Vector256.Create(z.Ir);
        var ii = Vector256.Create(z.Ii);
        var nii = Vector256.Create(-z.Ii);
        xr = Vector256.FusedMultiplyAdd(t, yr, xr);
        xi = Vector256.FusedMultiplyAdd(t, yi, xi);
        yr = Vector256.FusedMultiplyAdd(ns, xr, yr);
        yi = Vector256.FusedMultiplyAdd(ns, xi, yi);
        xr = Vector256.FusedMultiplyAdd(t, yr, xr);
        xi = Vector256.FusedMultiplyAdd(t, yi, xi);
        Vector256.FusedMultiplyAdd(ir, xr, nii * xi).StoreUnsafe(ref r);
        Vector256.FusedMultiplyAdd(ir, xi, ii * xr).StoreUnsafe(ref r, 8);
        yr.StoreUnsafe(ref r, 16);
        yi.StoreUnsafe(ref r, 24);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Backward512(in EffectiveMesh.Mzi z, ref double f, ref double g, ref double acc)
    {
        var xr = Vector512.LoadUnsafe(ref f);
        var xi = Vector512.LoadUnsafe(ref f, 8);
        var yr = Vector512.LoadUnsafe(ref f, 16);
        var yi = Vector512.LoadUnsafe(ref f, 24);
        var hxr = Vector512.LoadUnsafe(ref g);
        var hxi = Vector512.LoadUnsafe(ref g, 8);
        var hyr = Vector512.LoadUnsafe(ref g, 16);
        var hyi = Vector512.LoadUnsafe(ref g, 24);
        var accTheta = Vector512.LoadUnsafe(ref acc);
        accTheta = Vector512.FusedMultiplyAdd(hyr + hxi, xr - yi, Vector512.FusedMultiplyAdd(hyi - hxr, xi + yr, accTheta));
        accTheta.StoreUnsafe(ref acc);
        var t = Vector512.Create(z.T);
        var ns = Vector512.Create(-z.Sigma);
        xr = Vector512.FusedMultiplyAdd(t, yr, xr);
        xi = Vector512.FusedMultiplyAdd(t, yi, xi);
        yr = Vector512.FusedMultiplyAdd(ns, xr, yr);
        yi = Vector512.FusedMultiplyAdd(ns, xi, yi);
        xr = Vector512.FusedMultiplyAdd(t, yr, xr);
        xi = Vector512.FusedMultiplyAdd(t, yi, xi);
        hxr = Vector512.FusedMultiplyAdd(t, hyr, hxr);
        hxi = Vector512.FusedMultiplyAdd(t, hyi, hxi);
        hyr = Vector512.FusedMultiplyAdd(ns, hxr, hyr);
        hyi = Vector512.FusedMultiplyAdd(ns, hxi, hyi);
        hxr = Vector512.FusedMultiplyAdd(t, hyr, hxr);
        hxi = Vector512.FusedMultiplyAdd(t, hyi, hxi);
        Vector512.FusedMultiplyAdd(xr, hxi, Vector512.LoadUnsafe(ref acc, 8)).StoreUnsafe(ref acc, 8);
        Vector512.FusedMultiplyAdd(xi, hxr, Vector512.LoadUnsafe(ref acc, 16)).StoreUnsafe(ref acc, 16);
        var ir = Vector512.Create(z.Ir);
        var ii = Vector512.Create(z.Ii);
        var nii = Vector512.Create(-z.Ii);
        var wr = Vector512.Create(z.Wr);
        var wi = Vector512.Create(z.Wi);
        var nwi = Vector512.Create(-z.Wi);
        Vector512.FusedMultiplyAdd(ir, xr, nii * xi).StoreUnsafe(ref f);
        Vector512.FusedMultiplyAdd(ir, xi, ii * xr).StoreUnsafe(ref f, 8);
        yr.StoreUnsafe(ref f, 16);
        yi.StoreUnsafe(ref f, 24);
        Vector512.FusedMultiplyAdd(wr, hxr, wi * hxi).StoreUnsafe(ref g);
        Vector512.FusedMultiplyAdd(wr, hxi, nwi * hxr).StoreUnsafe(ref g, 8);
        hyr.StoreUnsafe(ref g, 16);
        hyi.StoreUnsafe(ref g, 24);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Backward256(in EffectiveMesh.Mzi z, ref double f, ref double g, ref double acc)
    {
        var xr = Vector256.LoadUnsafe(ref f);
        var xi = Vector256.LoadUnsafe(ref f, 8);
        var yr = Vector256.LoadUnsafe(ref f, 16);
        var yi = Vector256.LoadUnsafe(ref f, 24);
        var hxr = Vector256.LoadUnsafe(ref g);
        var hxi = Vector256.LoadUnsafe(ref g, 8);
        var hyr = Vector256.LoadUnsafe(ref g, 16);
        var hyi = Vector256.LoadUnsafe(ref g, 24);
        var accTheta = Vector256.LoadUnsafe(ref acc);
        accTheta = Vector256.FusedMultiplyAdd(hyr + hxi, xr - yi, Vector256.FusedMultiplyAdd(hyi - hxr, xi + yr, accTheta));
        accTheta.StoreUnsafe(ref acc);
        var t = Vector256.Create(z.T);
        var ns = Vector256.Create(-z.Sigma);
        xr = Vector256.FusedMultiplyAdd(t, yr, xr);
        xi = Vector256.FusedMultiplyAdd(t, yi, xi);
        yr = Vector256.FusedMultiplyAdd(ns, xr, yr);
        yi = Vector256.FusedMultiplyAdd(ns, xi, yi);
        xr = Vector256.FusedMultiplyAdd(t, yr, xr);
        xi = Vector256.FusedMultiplyAdd(t, yi, xi);
        hxr = Vector256.FusedMultiplyAdd(t, hyr, hxr);
        hxi = Vector256.FusedMultiplyAdd(t, hyi, hxi);
        hyr = Vector256.FusedMultiplyAdd(ns, hxr, hyr);
        hyi = Vector256.FusedMultiplyAdd(ns, hxi, hyi);
        hxr = Vector256.FusedMultiplyAdd(t, hyr, hxr);
        hxi = Vector256.FusedMultiplyAdd(t, hyi, hxi);
        Vector256.FusedMultiplyAdd(xr, hxi, Vector256.LoadUnsafe(ref acc, 8)).StoreUnsafe(ref acc, 8);
        Vector256.FusedMultiplyAdd(xi, hxr, Vector256.LoadUnsafe(ref acc, 16)).StoreUnsafe(ref acc, 16);
        var ir = Vector256.Create(z.Ir);
        var ii = Vector256.Create(z.Ii);
        var nii = Vector256.Create(-z.Ii);
        var wr = Vector256.Create(z.Wr);
        var wi = Vector256.Create(z.Wi);
        var nwi = Vector256.Create(-z.Wi);
        Vector256.FusedMultiplyAdd(ir, xr, nii * xi).StoreUnsafe(ref f);
        Vector256.FusedMultiplyAdd(ir, xi, ii * xr).StoreUnsafe(ref f, 8);
        yr.StoreUnsafe(ref f, 16);
        yi.StoreUnsafe(ref f, 24);
        Vector256.FusedMultiplyAdd(wr, hxr, wi * hxi).StoreUnsafe(ref g);
        Vector256.FusedMultiplyAdd(wr, hxi, nwi * hxr).StoreUnsafe(ref g, 8);
        hyr.StoreUnsafe(ref g, 16);
        hyi.StoreUnsafe(ref g, 24);
    }
}
