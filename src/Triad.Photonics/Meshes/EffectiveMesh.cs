using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Triad.Numerics.Threading;
using Triad.Photonics.Components;

namespace Triad.Photonics.Meshes;

/// <summary>
/// A mesh of ideal-coupler MZIs rewritten for speed (the fast path of <see cref="MziMesh"/>).
/// <para>
/// With ideal couplers and field transmission a, T(θ, φ) = a·i·e^{iθ/2}·[[e^{iφ}·s, c], [e^{iφ}·c, −s]],
/// s = sin(θ/2), c = cos(θ/2) (<see cref="MachZehnderInterferometer"/>). Write [[s, c], [c, −s]] = diag(1, −1)·R(γ)
/// with the rotation R(γ) = [[cos γ, −sin γ], [sin γ, cos γ]], γ = θ/2 − π/2, and take γ modulo π into [−π/2, π/2]
/// (a sign ±1 on both rows). The fields are stored up to a complex gain per mode, true field = Γ_m·stored field
/// (Γ = 1 at the input). An MZI on (p, q) then acts on the stored fields as
/// (u_p, u_q) ← R(γ)·(w·u_p, u_q), w = e^{iφ}·Γ_p/Γ_q, and its common factor moves into the gains:
/// Γ_p ← ±a·i·e^{iθ/2}·Γ_q, Γ_q ← −Γ_p. The output phases and the last gains become one complex factor per mode,
/// G_m = e^{iα_m}·Γ_m. Per MZI and field that is one complex multiply and a rotation done as three shears
/// (x −= t·y, y += σ·x, x −= t·y with t = tan(γ/2), σ = sin γ, |t| ≤ 1 so the shears stay well conditioned):
/// 10 multiply-adds against the 16 of a general complex 2×2 product. The coefficients (O(N²) scalars) are computed
/// once per change of the phases; <see cref="MziMesh"/> keeps them between calls.
/// </para>
/// <para>
/// Gradients come from the same stored fields: a phase e^{iδ} on a mode at a point of the mesh has
/// ∂L/∂δ = Σ Im(conj(u)·h) with u the field and h = ∂L/∂u there, whatever gauge Γ the field is stored in (u and h
/// scale as Γ and 1/conj(Γ)). So ∂L/∂φ_k = Σ Im(conj(v)·h_v) at the rotation's input (v = w·u_p), and
/// ∂L/∂θ_k = ½·∂L/∂γ + ½·Σ_{p,q} Im(conj(u)·h) at the MZI's output (θ turns γ by θ/2 and the common phase by θ/2),
/// with ∂L/∂γ = Σ Re(conj(h_q)·u_p − conj(h_p)·u_q) (dR/dγ = R·[[0, −1], [1, 0]]). Backward re-creates each
/// MZI's input by the inverse shears and 1/w, as <see cref="MziMesh.Backward"/> describes, so memory stays
/// O(batch × N).
/// </para>
/// <para>
/// Layout (written once, here): a piece of samples is copied into a scratch buffer cut into blocks of
/// <see cref="Lanes"/> samples; within a block, mode m holds its real parts at [16m, 16m + 8) and its imaginary
/// parts at [16m + 8, 16m + 16), so an MZI reads and writes 32 contiguous doubles and the block's fields of a
/// 256-mode mesh (32 KiB) stay in a core's L1 cache. Samples past the end of the piece are zero. The MZIs run in the
/// tiled order of <see cref="ExecutionPositions"/>, and each block runs through a group of MZIs whose coefficients
/// stay in L2 before the next group starts.
/// </para>
/// </summary>
internal sealed class EffectiveMesh
{
    /// <summary>Samples per block: one 512-bit vector or two 256-bit vectors of doubles.</summary>
    public const int Lanes = 8;

    /// <summary>Doubles per mode in a block (real parts, then imaginary parts).</summary>
    private const int Row = 2 * Lanes;

    /// <summary>MZIs whose coefficients are swept over all blocks of a piece at once (56 bytes each; 224 KiB).</summary>
    private const int GroupMzis = 4096;

    /// <summary>
    /// MZIs per group in backward, where each MZI also keeps three vectors of gradient accumulators (192 bytes), so
    /// 512 MZIs hold 96 KiB of them in L2. Timed at 256 modes under load: 128 to 512 within noise, 32 slower.
    /// </summary>
    private const int GroupBack = 512;

    /// <summary>Width in modes of the diagonal tiles of the execution order (8 was slower at 256 modes, 16 and 32 alike).</summary>
    private const int TileModes = 32;

    private readonly Mzi[] _mzis;
    private readonly Complex[] _gain;
    private readonly Complex[] _inverseGain;

    private EffectiveMesh(Mzi[] mzis, Complex[] gain, int modes)
    {
        _mzis = mzis;
        _gain = gain;
        _inverseGain = new Complex[modes];
        for (int m = 0; m < modes; m++)
        {
            _inverseGain[m] = Complex.Reciprocal(gain[m]);
        }
        Modes = modes;
    }

    public int Modes { get; }

    /// <summary>
    /// The effective form of the mesh with realised phases θ, φ, α (offsets and DAC rounding already applied) and
    /// field transmissions <paramref name="amplitude"/>; <paramref name="position"/> is <see cref="ExecutionPositions"/>
    /// of the layout. Null when a gain under- or overflows (extreme loss), so the caller falls back to the general
    /// kernels.
    /// </summary>
    public static EffectiveMesh? Create(MeshLayout layout, int[] position, double[] theta, double[] phi, double[] alpha, double[]? amplitude)
    {
        int count = layout.Count, modes = layout.Modes;
        var mzis = new Mzi[count];
        var common = new Complex[count];
        var turn = new Complex[count];
        const int chunk = 1024;
        // The trigonometry is independent per MZI (threads); the gains are a running product (one pass).
        ThreadSettings.For((count + chunk - 1) / chunk, c =>
        {
            for (int k = c * chunk; k < Math.Min(count, (c + 1) * chunk); k++)
            {
                (double s, double co) = Math.SinCos(theta[k] / 2);
                double cosGamma = s, sinGamma = -co, sign = 1;
                if (cosGamma < 0)
                {
                    cosGamma = -cosGamma;
                    sinGamma = -sinGamma;
                    sign = -1;
                }
                double a = amplitude?[k] ?? 1;
                ref Mzi z = ref mzis[position[k]];
                z.T = sinGamma / (1 + cosGamma);
                z.Sigma = sinGamma;
                z.Top = layout.Top(k);
                z.Index = k;
                common[k] = new Complex(-a * sign * s, a * sign * co);
                (double sp, double cp) = Math.SinCos(phi[k]);
                turn[k] = new Complex(cp, sp);
            }
        });
        var gain = new Complex[modes];
        Array.Fill(gain, Complex.One);
        for (int k = 0; k < count; k++)
        {
            ref Mzi z = ref mzis[position[k]];
            int p = z.Top;
            Complex gp = gain[p], gq = gain[p + 1];
            // w = e^{iφ}·Γ_p/Γ_q and 1/w, each as a conjugate over a squared modulus.
            double q2 = (gq.Real * gq.Real) + (gq.Imaginary * gq.Imaginary);
            Complex w = turn[k] * gp * Complex.Conjugate(gq) / q2;
            double w2 = (w.Real * w.Real) + (w.Imaginary * w.Imaginary);
            z.Wr = w.Real;
            z.Wi = w.Imaginary;
            z.Ir = w.Real / w2;
            z.Ii = -w.Imaginary / w2;
            if (!(w2 > 0) || !double.IsFinite(z.Ir) || !double.IsFinite(z.Ii) || !Finite(w))
            {
                return null;
            }
            Complex g = common[k] * gq;
            gain[p] = g;
            gain[p + 1] = -g;
        }
        for (int m = 0; m < modes; m++)
        {
            (double sa, double ca) = Math.SinCos(alpha[m]);
            gain[m] *= new Complex(ca, sa);
            if (!Finite(gain[m]) || gain[m] == Complex.Zero || !Finite(Complex.Reciprocal(gain[m])))
            {
                return null;
            }
        }
        return new EffectiveMesh(mzis, gain, modes);
    }

    /// <summary>
    /// Where each MZI (light order) sits in the execution order: the MZIs sorted by
    /// (⌊(top + column)/TileModes⌋, column, top). That order is valid (an MZI's predecessors on its modes have a
    /// smaller or equal key and an earlier column), and consecutive MZIs touch a window of about TileModes modes that
    /// slides down one mode per column, so a block's rows are reused from L1 instead of L2. A function of the layout.
    /// </summary>
    public static int[] ExecutionPositions(MeshLayout layout)
    {
        int count = layout.Count;
        var keys = new long[count];
        var order = new int[count];
        for (int k = 0; k < count; k++)
        {
            keys[k] = ((long)((layout.Top(k) + layout.Column(k)) / TileModes) << 40) | ((long)layout.Column(k) << 20) | (uint)layout.Top(k);
            order[k] = k;
        }
        Array.Sort(keys, order);
        var position = new int[count];
        for (int i = 0; i < count; i++)
        {
            position[order[i]] = i;
        }
        return position;
    }

    /// <summary>Samples [start, start + count) of <paramref name="f"/> ← U·(the same samples).</summary>
    public void Forward(FieldBatch f, int start, int count)
    {
        int blocks = Blocks(count), stride = Modes * Row;
        double[] rented = Rent(blocks * stride);
        try
        {
            Span<double> scratch = rented.AsSpan(0, blocks * stride);
            Gather(f, start, count, scratch, null);
            for (int g0 = 0; g0 < _mzis.Length; g0 += GroupMzis)
            {
                ReadOnlySpan<Mzi> group = _mzis.AsSpan(g0, Math.Min(GroupMzis, _mzis.Length - g0));
                for (int b = 0; b < blocks; b++)
                {
                    EffectiveKernels.Forward(group, scratch.Slice(b * stride, stride));
                }
            }
            Scatter(scratch, f, start, count, _gain);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>Samples [start, start + count) of <paramref name="f"/> ← U⁻¹·(the same samples).</summary>
    public void Inverse(FieldBatch f, int start, int count)
    {
        int blocks = Blocks(count), stride = Modes * Row;
        double[] rented = Rent(blocks * stride);
        try
        {
            Span<double> scratch = rented.AsSpan(0, blocks * stride);
            Gather(f, start, count, scratch, _inverseGain);
            for (int g1 = _mzis.Length; g1 > 0; g1 -= GroupMzis)
            {
                int g0 = Math.Max(0, g1 - GroupMzis);
                ReadOnlySpan<Mzi> group = _mzis.AsSpan(g0, g1 - g0);
                for (int b = 0; b < blocks; b++)
                {
                    EffectiveKernels.Inverse(group, scratch.Slice(b * stride, stride));
                }
            }
            Scatter(scratch, f, start, count, null);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The adjoint pass over samples [start, start + count): from the outputs <paramref name="y"/> (read only) and
    /// ∂L/∂y in <paramref name="g"/> (overwritten with ∂L/∂x), adds this piece's phase gradients to the arrays.
    /// </summary>
    public void Backward(FieldBatch y, FieldBatch g, int start, int count, double[] gradTheta, double[] gradPhi, double[] gradAlpha)
    {
        int blocks = Blocks(count), stride = Modes * Row, length = blocks * stride;
        int accLength = Math.Min(GroupBack, _mzis.Length) * EffectiveKernels.AccumulatorsPerMzi;
        double[] rented = Rent((2 * length) + accLength);
        try
        {
            Span<double> fields = rented.AsSpan(0, length), grads = rented.AsSpan(length, length), acc = rented.AsSpan(2 * length, accLength);
            Gather(y, start, count, fields, _inverseGain);
            AlphaGradients(y, g, start, count, gradAlpha);
            Gather(g, start, count, grads, ConjugateGains());
            for (int g1 = _mzis.Length; g1 > 0; g1 -= GroupBack)
            {
                int g0 = Math.Max(0, g1 - GroupBack);
                ReadOnlySpan<Mzi> group = _mzis.AsSpan(g0, g1 - g0);
                Span<double> groupAcc = acc[..(group.Length * EffectiveKernels.AccumulatorsPerMzi)];
                groupAcc.Clear();
                for (int b = 0; b < blocks; b++)
                {
                    EffectiveKernels.Backward(group, fields.Slice(b * stride, stride), grads.Slice(b * stride, stride), groupAcc);
                }
                for (int j = 0; j < group.Length; j++)
                {
                    (double dTheta, double dPhi) = EffectiveKernels.Reduce(groupAcc.Slice(j * EffectiveKernels.AccumulatorsPerMzi, EffectiveKernels.AccumulatorsPerMzi));
                    gradTheta[group[j].Index] += dTheta;
                    gradPhi[group[j].Index] += dPhi;
                }
            }
            Scatter(grads, g, start, count, null);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    // Scratch from the shared pool, zeroed: samples past the end of a piece must be zero, since the gradient
    // accumulators sum over every lane of a block.
    private static double[] Rent(int length)
    {
        double[] a = ArrayPool<double>.Shared.Rent(length);
        a.AsSpan(0, length).Clear();
        return a;
    }

    private Complex[] ConjugateGains()
    {
        var c = new Complex[Modes];
        for (int m = 0; m < Modes; m++)
        {
            c[m] = Complex.Conjugate(_gain[m]);
        }
        return c;
    }

    private static int Blocks(int samples) => (samples + Lanes - 1) / Lanes;

    private static bool Finite(Complex z) => double.IsFinite(z.Real) && double.IsFinite(z.Imaginary);

    // ∂L/∂α_m = Σ Im(conj(y_m)·g_m) over the piece, in sample order.
    private void AlphaGradients(FieldBatch y, FieldBatch g, int start, int count, double[] gradAlpha)
    {
        int batch = y.BatchSize;
        for (int m = 0; m < Modes; m++)
        {
            gradAlpha[m] += MeshKernels.ImaginaryDot(y.Re.AsSpan((m * batch) + start, count), y.Im.AsSpan((m * batch) + start, count),
                g.Re.AsSpan((m * batch) + start, count), g.Im.AsSpan((m * batch) + start, count));
        }
    }

    // scratch ← factor_m·(samples of f), blocked; zero past the end of the piece.
    private void Gather(FieldBatch f, int start, int count, Span<double> scratch, Complex[]? factor)
    {
        int batch = f.BatchSize;
        for (int b = 0; b * Lanes < count; b++)
        {
            int s0 = start + (b * Lanes), len = Math.Min(Lanes, start + count - s0);
            for (int m = 0; m < Modes; m++)
            {
                int o = (b * Modes * Row) + (m * Row);
                ReadOnlySpan<double> re = f.Re.AsSpan((m * batch) + s0, len), im = f.Im.AsSpan((m * batch) + s0, len);
                Span<double> dr = scratch.Slice(o, Lanes), di = scratch.Slice(o + Lanes, Lanes);
                if (factor is null)
                {
                    re.CopyTo(dr);
                    im.CopyTo(di);
                }
                else
                {
                    double cr = factor[m].Real, ci = factor[m].Imaginary;
                    for (int i = 0; i < len; i++)
                    {
                        dr[i] = (cr * re[i]) - (ci * im[i]);
                        di[i] = (cr * im[i]) + (ci * re[i]);
                    }
                }
            }
        }
    }

    // samples of f ← factor_m·scratch.
    private void Scatter(ReadOnlySpan<double> scratch, FieldBatch f, int start, int count, Complex[]? factor)
    {
        int batch = f.BatchSize;
        for (int b = 0; b * Lanes < count; b++)
        {
            int s0 = start + (b * Lanes), len = Math.Min(Lanes, start + count - s0);
            for (int m = 0; m < Modes; m++)
            {
                int o = (b * Modes * Row) + (m * Row);
                ReadOnlySpan<double> sr = scratch.Slice(o, len), si = scratch.Slice(o + Lanes, len);
                Span<double> re = f.Re.AsSpan((m * batch) + s0, len), im = f.Im.AsSpan((m * batch) + s0, len);
                if (factor is null)
                {
                    sr.CopyTo(re);
                    si.CopyTo(im);
                }
                else
                {
                    double cr = factor[m].Real, ci = factor[m].Imaginary;
                    for (int i = 0; i < len; i++)
                    {
                        re[i] = (cr * sr[i]) - (ci * si[i]);
                        im[i] = (cr * si[i]) + (ci * sr[i]);
                    }
                }
            }
        }
    }

    /// <summary>One MZI in effective form: w = Wr + i·Wi, 1/w = Ir + i·Ii, shear t = T, σ = Sigma, on modes (Top, Top + 1); Index is its place in the light order.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Mzi
    {
        public double Wr;
        public double Wi;
        public double T;
        public double Sigma;
        public double Ir;
        public double Ii;
        public int Top;
        public int Index;
    }
}
