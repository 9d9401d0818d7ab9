using System.Numerics;
using System.Runtime.CompilerServices;
using Triad.Photonics.Components;

namespace Triad.Photonics.Meshes;

/// <summary>
/// Span kernels of mesh propagation. Layout (written once, here): a mode's fields are two spans, real parts and
/// imaginary parts, of equal length, one element per sample; an MZI works on the spans of modes p = m and q = m+1.
/// Each kernel runs <see cref="Vector{T}"/>-wide over the samples with a scalar tail; sums are taken per lane and
/// then across lanes, the same way on every call, so results do not depend on threads.
/// </summary>
internal static class MeshKernels
{
    /// <summary>(p, q) ← M·(p, q) for every sample.</summary>
    public static void Apply(Transfer2x2 m, Span<double> pr, Span<double> pi, Span<double> qr, Span<double> qi)
    {
        double ar = m.M00.Real, ai = m.M00.Imaginary, br = m.M01.Real, bi = m.M01.Imaginary;
        double cr = m.M10.Real, ci = m.M10.Imaginary, dr = m.M11.Real, di = m.M11.Imaginary;
        int n = pr.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var var_ = new Vector<double>(ar); var vai = new Vector<double>(ai); var vbr = new Vector<double>(br); var vbi = new Vector<double>(bi);
            var vcr = new Vector<double>(cr); var vci = new Vector<double>(ci); var vdr = new Vector<double>(dr); var vdi = new Vector<double>(di);
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var xpr = new Vector<double>(pr[i..]); var xpi = new Vector<double>(pi[i..]);
                var xqr = new Vector<double>(qr[i..]); var xqi = new Vector<double>(qi[i..]);
                ((var_ * xpr) - (vai * xpi) + (vbr * xqr) - (vbi * xqi)).CopyTo(pr[i..]);
                ((var_ * xpi) + (vai * xpr) + (vbr * xqi) + (vbi * xqr)).CopyTo(pi[i..]);
                ((vcr * xpr) - (vci * xpi) + (vdr * xqr) - (vdi * xqi)).CopyTo(qr[i..]);
                ((vcr * xpi) + (vci * xpr) + (vdr * xqi) + (vdi * xqr)).CopyTo(qi[i..]);
            }
        }
        for (; i < n; i++)
        {
            double xpr = pr[i], xpi = pi[i], xqr = qr[i], xqi = qi[i];
            pr[i] = (ar * xpr) - (ai * xpi) + (br * xqr) - (bi * xqi);
            pi[i] = (ar * xpi) + (ai * xpr) + (br * xqi) + (bi * xqr);
            qr[i] = (cr * xpr) - (ci * xpi) + (dr * xqr) - (di * xqi);
            qi[i] = (cr * xpi) + (ci * xpr) + (dr * xqi) + (di * xqr);
        }
    }

    /// <summary>z ← (c + i·s)·z for every sample.</summary>
    public static void Rotate(double c, double s, Span<double> re, Span<double> im)
    {
        int n = re.Length, i = 0;
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
        int n = yr.Length, i = 0;
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
    /// One MZI of the adjoint pass, fused so each sample is read and written once: x ← T⁻¹·y (re-creating the input
    /// fields in the x spans), returns (Σ Re⟨∂T/∂θ·x, g⟩, Σ Re⟨∂T/∂φ·x, g⟩), then g ← T†·g.
    /// </summary>
    public static (double Theta, double Phi) BackwardPair(
        Transfer2x2 inverse, Transfer2x2 adjoint, Transfer2x2 dTheta, Transfer2x2 dPhi,
        Span<double> xpr, Span<double> xpi, Span<double> xqr, Span<double> xqi,
        Span<double> gpr, Span<double> gpi, Span<double> gqr, Span<double> gqi)
    {
        int n = xpr.Length, i = 0;
        double sumTheta = 0, sumPhi = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var inv = new VectorMatrix(inverse);
            var adj = new VectorMatrix(adjoint);
            var dt = new VectorMatrix(dTheta);
            var dp = new VectorMatrix(dPhi);
            Vector<double> accTheta = Vector<double>.Zero, accPhi = Vector<double>.Zero;
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var ypr = new Vector<double>(xpr[i..]); var ypi = new Vector<double>(xpi[i..]);
                var yqr = new Vector<double>(xqr[i..]); var yqi = new Vector<double>(xqi[i..]);
                var hpr = new Vector<double>(gpr[i..]); var hpi = new Vector<double>(gpi[i..]);
                var hqr = new Vector<double>(gqr[i..]); var hqi = new Vector<double>(gqi[i..]);
                inv.Apply(ypr, ypi, yqr, yqi, out var apr, out var api, out var aqr, out var aqi);
                dt.Apply(apr, api, aqr, aqi, out var upr, out var upi, out var uqr, out var uqi);
                accTheta += (upr * hpr) + (upi * hpi) + (uqr * hqr) + (uqi * hqi);
                dp.Apply(apr, api, aqr, aqi, out upr, out upi, out uqr, out uqi);
                accPhi += (upr * hpr) + (upi * hpi) + (uqr * hqr) + (uqi * hqi);
                adj.Apply(hpr, hpi, hqr, hqi, out var kpr, out var kpi, out var kqr, out var kqi);
                apr.CopyTo(xpr[i..]); api.CopyTo(xpi[i..]); aqr.CopyTo(xqr[i..]); aqi.CopyTo(xqi[i..]);
                kpr.CopyTo(gpr[i..]); kpi.CopyTo(gpi[i..]); kqr.CopyTo(gqr[i..]); kqi.CopyTo(gqi[i..]);
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
            Complex up = (dTheta.M00 * ap) + (dTheta.M01 * aq), uq = (dTheta.M10 * ap) + (dTheta.M11 * aq);
            sumTheta += (up.Real * hp.Real) + (up.Imaginary * hp.Imaginary) + (uq.Real * hq.Real) + (uq.Imaginary * hq.Imaginary);
            Complex vp = (dPhi.M00 * ap) + (dPhi.M01 * aq), vq = (dPhi.M10 * ap) + (dPhi.M11 * aq);
            sumPhi += (vp.Real * hp.Real) + (vp.Imaginary * hp.Imaginary) + (vq.Real * hq.Real) + (vq.Imaginary * hq.Imaginary);
            Complex kp = (adjoint.M00 * hp) + (adjoint.M01 * hq), kq = (adjoint.M10 * hp) + (adjoint.M11 * hq);
            xpr[i] = ap.Real; xpi[i] = ap.Imaginary; xqr[i] = aq.Real; xqi[i] = aq.Imaginary;
            gpr[i] = kp.Real; gpi[i] = kp.Imaginary; gqr[i] = kq.Real; gqi[i] = kq.Imaginary;
        }
        return (sumTheta, sumPhi);
    }

    // A 2×2 complex matrix with every part broadcast across a vector.
    private readonly struct VectorMatrix(Transfer2x2 m)
    {
        private readonly Vector<double> _ar = new(m.M00.Real), _ai = new(m.M00.Imaginary), _br = new(m.M01.Real), _bi = new(m.M01.Imaginary);
        private readonly Vector<double> _cr = new(m.M10.Real), _ci = new(m.M10.Imaginary), _dr = new(m.M11.Real), _di = new(m.M11.Imaginary);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(Vector<double> pr, Vector<double> pi, Vector<double> qr, Vector<double> qi,
            out Vector<double> rpr, out Vector<double> rpi, out Vector<double> rqr, out Vector<double> rqi)
        {
            rpr = (_ar * pr) - (_ai * pi) + (_br * qr) - (_bi * qi);
            rpi = (_ar * pi) + (_ai * pr) + (_br * qi) + (_bi * qr);
            rqr = (_cr * pr) - (_ci * pi) + (_dr * qr) - (_di * qi);
            rqi = (_cr * pi) + (_ci * pr) + (_dr * qi) + (_di * qr);
        }
    }
}
