using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Triad.Photonics.Components;

namespace Triad.Photonics.Meshes;

/// <summary>
/// Span kernels of mesh propagation. Layout (written once, here): a mode's fields are two spans, real parts and
/// imaginary parts, of equal length, one element per sample; an MZI works on the spans of modes p = m and q = m+1.
/// Each kernel runs <see cref="Vector{T}"/>-wide over the samples with fused multiply-adds and a scalar tail; sums are
/// taken per lane and then across lanes, the same way on every call, so results do not depend on threads. Callers
/// pass spans of equal length (checked once per kernel call, not per element).
/// </summary>
internal static class MeshKernels
{
    /// <summary>(p, q) ← M·(p, q) for every sample.</summary>
    public static void Apply(Transfer2x2 m, Span<double> pr, Span<double> pi, Span<double> qr, Span<double> qi)
    {
        int n = CheckLengths(pr.Length, pi.Length, qr.Length, qi.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var mv = new VectorMatrix(m);
            ref double rpr = ref MemoryMarshal.GetReference(pr), rpi = ref MemoryMarshal.GetReference(pi);
            ref double rqr = ref MemoryMarshal.GetReference(qr), rqi = ref MemoryMarshal.GetReference(qi);
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                nuint o = (nuint)i;
                mv.Apply(Vector.LoadUnsafe(ref rpr, o), Vector.LoadUnsafe(ref rpi, o), Vector.LoadUnsafe(ref rqr, o), Vector.LoadUnsafe(ref rqi, o),
                    out var apr, out var api, out var aqr, out var aqi);
                apr.StoreUnsafe(ref rpr, o);
                api.StoreUnsafe(ref rpi, o);
                aqr.StoreUnsafe(ref rqr, o);
                aqi.StoreUnsafe(ref rqi, o);
            }
        }
        for (; i < n; i++)
        {
            var p = new Complex(pr[i], pi[i]);
            var q = new Complex(qr[i], qi[i]);
            Complex a = (m.M00 * p) + (m.M01 * q), b = (m.M10 * p) + (m.M11 * q);
            pr[i] = a.Real;
            pi[i] = a.Imaginary;
            qr[i] = b.Real;
            qi[i] = b.Imaginary;
        }
    }

    /// <summary>z ← (c + i·s)·z for every sample.</summary>
    public static void Rotate(double c, double s, Span<double> re, Span<double> im)
    {
        int n = CheckLengths(re.Length, im.Length, re.Length, im.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vc = new Vector<double>(c);
            var vs = new Vector<double>(s);
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var r = new Vector<double>(re[i..]);
                var m = new Vector<double>(im[i..]);
                ((vc * r) - (vs * m)).CopyTo(re[i..]);
                ((vc * m) + (vs * r)).CopyTo(im[i..]);
            }
        }
        for (; i < n; i++)
        {
            double r = re[i], m = im[i];
            re[i] = (c * r) - (s * m);
            im[i] = (c * m) + (s * r);
        }
    }

    /// <summary>Σ Im(conj(y)·g) = Σ (y_r·g_i − y_i·g_r).</summary>
    public static double ImaginaryDot(ReadOnlySpan<double> yr, ReadOnlySpan<double> yi, ReadOnlySpan<double> gr, ReadOnlySpan<double> gi)
    {
        int n = CheckLengths(yr.Length, yi.Length, gr.Length, gi.Length);
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            Vector<double> acc = Vector<double>.Zero;
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                acc += (new Vector<double>(yr[i..]) * new Vector<double>(gi[i..])) - (new Vector<double>(yi[i..]) * new Vector<double>(gr[i..]));
            }
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++)
        {
            sum += (yr[i] * gi[i]) - (yi[i] * gr[i]);
        }
        return sum;
    }

    /// <summary>
    /// One MZI of the adjoint pass, fused so each sample is read and written once. With T = Second·First
    /// (<see cref="MachZehnderInterferometer.Halves"/>): x ← T⁻¹·y re-creates the input fields in the x spans;
    /// w_p = (First·x)_p is the upper field after the θ shifter and h_p = (Second†·g)_p the gradient there, so
    /// ∂L/∂θ = Σ Im(conj(w_p)·h_p) (∂T/∂θ = Second·diag(i, 0)·First); then g ← T†·g, and since
    /// ∂T/∂φ = T·diag(i, 0), ∂L/∂φ = Σ Im(conj(x_p)·g_p) with the new g. Returns (∂L/∂θ, ∂L/∂φ) over the samples.
    /// </summary>
    /// <param name="inverse">T⁻¹.</param>
    /// <param name="adjoint">T†.</param>
    /// <param name="firstRow">Row 0 of First: (First₀₀, First₀₁).</param>
    /// <param name="secondAdjointRow">Row 0 of Second†: (conj Second₀₀, conj Second₁₀).</param>
    /// <param name="xpr">Real part of mode p: y in, x out.</param>
    /// <param name="xpi">Imaginary part of mode p: y in, x out.</param>
    /// <param name="xqr">Real part of mode q: y in, x out.</param>
    /// <param name="xqi">Imaginary part of mode q: y in, x out.</param>
    /// <param name="gpr">Real part of the gradient on mode p: ∂L/∂y in, ∂L/∂x out.</param>
    /// <param name="gpi">Imaginary part of the gradient on mode p.</param>
    /// <param name="gqr">Real part of the gradient on mode q.</param>
    /// <param name="gqi">Imaginary part of the gradient on mode q.</param>
    public static (double Theta, double Phi) BackwardPair(
        Transfer2x2 inverse, Transfer2x2 adjoint, (Complex A, Complex B) firstRow, (Complex A, Complex B) secondAdjointRow,
        Span<double> xpr, Span<double> xpi, Span<double> xqr, Span<double> xqi,
        Span<double> gpr, Span<double> gpi, Span<double> gqr, Span<double> gqi)
    {
        int n = CheckLengths(xpr.Length, xpi.Length, xqr.Length, xqi.Length);
        CheckLengths(n, gpr.Length, gqr.Length, gqi.Length);
        CheckLengths(n, gpi.Length, n, n);
        int i = 0;
        double sumTheta = 0, sumPhi = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var inv = new VectorMatrix(inverse);
            var adj = new VectorMatrix(adjoint);
            var mid = new VectorRow(firstRow.A, firstRow.B);
            var back = new VectorRow(secondAdjointRow.A, secondAdjointRow.B);
            ref double rxpr = ref MemoryMarshal.GetReference(xpr), rxpi = ref MemoryMarshal.GetReference(xpi);
            ref double rxqr = ref MemoryMarshal.GetReference(xqr), rxqi = ref MemoryMarshal.GetReference(xqi);
            ref double rgpr = ref MemoryMarshal.GetReference(gpr), rgpi = ref MemoryMarshal.GetReference(gpi);
            ref double rgqr = ref MemoryMarshal.GetReference(gqr), rgqi = ref MemoryMarshal.GetReference(gqi);
            Vector<double> accTheta = Vector<double>.Zero, accPhi = Vector<double>.Zero;
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                nuint o = (nuint)i;
                inv.Apply(Vector.LoadUnsafe(ref rxpr, o), Vector.LoadUnsafe(ref rxpi, o), Vector.LoadUnsafe(ref rxqr, o), Vector.LoadUnsafe(ref rxqi, o),
                    out var apr, out var api, out var aqr, out var aqi);
                var hpr = Vector.LoadUnsafe(ref rgpr, o);
                var hpi = Vector.LoadUnsafe(ref rgpi, o);
                var hqr = Vector.LoadUnsafe(ref rgqr, o);
                var hqi = Vector.LoadUnsafe(ref rgqi, o);
                mid.Apply(apr, api, aqr, aqi, out var wr, out var wi);
                back.Apply(hpr, hpi, hqr, hqi, out var br, out var bi);
                accTheta = Vector.FusedMultiplyAdd(wr, bi, Vector.FusedMultiplyAdd(-wi, br, accTheta));
                adj.Apply(hpr, hpi, hqr, hqi, out var kpr, out var kpi, out var kqr, out var kqi);
                accPhi = Vector.FusedMultiplyAdd(apr, kpi, Vector.FusedMultiplyAdd(-api, kpr, accPhi));
                apr.StoreUnsafe(ref rxpr, o);
                api.StoreUnsafe(ref rxpi, o);
                aqr.StoreUnsafe(ref rxqr, o);
                aqi.StoreUnsafe(ref rxqi, o);
                kpr.StoreUnsafe(ref rgpr, o);
                kpi.StoreUnsafe(ref rgpi, o);
                kqr.StoreUnsafe(ref rgqr, o);
                kqi.StoreUnsafe(ref rgqi, o);
            }
            sumTheta = Vector.Sum(accTheta);
            sumPhi = Vector.Sum(accPhi);
        }
        for (; i < n; i++)
        {
            var yp = new Complex(xpr[i], xpi[i]);
            var yq = new Complex(xqr[i], xqi[i]);
            var hp = new Complex(gpr[i], gpi[i]);
            var hq = new Complex(gqr[i], gqi[i]);
            Complex ap = (inverse.M00 * yp) + (inverse.M01 * yq), aq = (inverse.M10 * yp) + (inverse.M11 * yq);
            Complex w = (firstRow.A * ap) + (firstRow.B * aq);
            Complex h = (secondAdjointRow.A * hp) + (secondAdjointRow.B * hq);
            sumTheta += (Complex.Conjugate(w) * h).Imaginary;
            Complex kp = (adjoint.M00 * hp) + (adjoint.M01 * hq), kq = (adjoint.M10 * hp) + (adjoint.M11 * hq);
            sumPhi += (Complex.Conjugate(ap) * kp).Imaginary;
            xpr[i] = ap.Real;
            xpi[i] = ap.Imaginary;
            xqr[i] = aq.Real;
            xqi[i] = aq.Imaginary;
            gpr[i] = kp.Real;
            gpi[i] = kp.Imaginary;
            gqr[i] = kq.Real;
            gqi[i] = kq.Imaginary;
        }
        return (sumTheta, sumPhi);
    }

    private static int CheckLengths(int a, int b, int c, int d)
    {
        if (b != a || c != a || d != a)
        {
            throw new ArgumentException($"field spans of unequal lengths {a}, {b}, {c}, {d}");
        }
        return a;
    }

    // A 2×2 complex matrix with every part broadcast across a vector (negated imaginary parts kept for the FMAs).
    private readonly struct VectorMatrix(Transfer2x2 m)
    {
        private readonly Vector<double> _ar = new(m.M00.Real), _ai = new(m.M00.Imaginary), _nai = new(-m.M00.Imaginary);
        private readonly Vector<double> _br = new(m.M01.Real), _bi = new(m.M01.Imaginary), _nbi = new(-m.M01.Imaginary);
        private readonly Vector<double> _cr = new(m.M10.Real), _ci = new(m.M10.Imaginary), _nci = new(-m.M10.Imaginary);
        private readonly Vector<double> _dr = new(m.M11.Real), _di = new(m.M11.Imaginary), _ndi = new(-m.M11.Imaginary);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(Vector<double> pr, Vector<double> pi, Vector<double> qr, Vector<double> qi,
            out Vector<double> rpr, out Vector<double> rpi, out Vector<double> rqr, out Vector<double> rqi)
        {
            rpr = Vector.FusedMultiplyAdd(_ar, pr, Vector.FusedMultiplyAdd(_nai, pi, Vector.FusedMultiplyAdd(_br, qr, _nbi * qi)));
            rpi = Vector.FusedMultiplyAdd(_ar, pi, Vector.FusedMultiplyAdd(_ai, pr, Vector.FusedMultiplyAdd(_br, qi, _bi * qr)));
            rqr = Vector.FusedMultiplyAdd(_cr, pr, Vector.FusedMultiplyAdd(_nci, pi, Vector.FusedMultiplyAdd(_dr, qr, _ndi * qi)));
            rqi = Vector.FusedMultiplyAdd(_cr, pi, Vector.FusedMultiplyAdd(_ci, pr, Vector.FusedMultiplyAdd(_dr, qi, _di * qr)));
        }
    }

    // One row (a, b) of a 2×2 complex matrix, broadcast: r = a·p + b·q.
    private readonly struct VectorRow(Complex a, Complex b)
    {
        private readonly Vector<double> _ar = new(a.Real), _ai = new(a.Imaginary), _nai = new(-a.Imaginary);
        private readonly Vector<double> _br = new(b.Real), _bi = new(b.Imaginary), _nbi = new(-b.Imaginary);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(Vector<double> pr, Vector<double> pi, Vector<double> qr, Vector<double> qi, out Vector<double> rr, out Vector<double> ri)
        {
            rr = Vector.FusedMultiplyAdd(_ar, pr, Vector.FusedMultiplyAdd(_nai, pi, Vector.FusedMultiplyAdd(_br, qr, _nbi * qi)));
            ri = Vector.FusedMultiplyAdd(_ar, pi, Vector.FusedMultiplyAdd(_ai, pr, Vector.FusedMultiplyAdd(_br, qi, _bi * qr)));
        }
    }
}
