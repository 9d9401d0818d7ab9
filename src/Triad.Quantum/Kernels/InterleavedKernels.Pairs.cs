using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Triad.Quantum.Kernels;

internal static unsafe partial class InterleavedKernels<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>
    /// A general single-qubit gate: (a₀, a₁) ← (m₀₀a₀ + m₀₁a₁, m₁₀a₀ + m₁₁a₁) for every pair (with every control bit
    /// set); <paramref name="matrix"/> is [m₀₀, m₀₁, m₁₀, m₁₁] as 8 interleaved T.
    /// </summary>
    public static void ApplyMatrix1(T* state, int n, int target, ReadOnlySpan<T> matrix, long controlMask) =>
        Pairs(state, n, target, controlMask, new Matrix1Operation(matrix));

    /// <summary>diag(d₀, d₁) on <paramref name="target"/>; when d₀ = 1 (phase gates) only a₁ is read and written.</summary>
    public static void ApplyDiagonal1(T* state, int n, int target, T d0Re, T d0Im, T d1Re, T d1Im)
    {
        if (d0Re == T.One && d0Im == T.Zero)
        {
            Pairs(state, n, target, 0, new PhaseOperation(d1Re, d1Im));
            return;
        }
        Pairs(state, n, target, 0, new Diagonal1Operation(d0Re, d0Im, d1Re, d1Im));
    }

    /// <summary>A (multi-)controlled X: swaps a₀ and a₁ of every pair with all control bits set.</summary>
    public static void ApplyX(T* state, int n, int target, long controlMask) => Pairs(state, n, target, controlMask, default(SwapOperation));

    /// <summary>The pair update of a general 2×2 matrix; c·v as re(c)·v + [−im, im](c)·swap(v).</summary>
    private readonly struct Matrix1Operation : IPairOperation
    {
        private readonly T _r00, _i00, _r01, _i01, _r10, _i10, _r11, _i11;
        private readonly Vector256<T> _vr00, _vi00, _vr01, _vi01, _vr10, _vi10, _vr11, _vi11;
        private readonly Vector128<T> _wr00, _wi00, _wr01, _wi01, _wr10, _wi10, _wr11, _wi11;

        public Matrix1Operation(ReadOnlySpan<T> m)
        {
            (_r00, _i00, _r01, _i01, _r10, _i10, _r11, _i11) = (m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7]);
            (_vr00, _vi00, _vr01, _vi01) = (Vector256.Create(_r00), ImagSigned256(_i00), Vector256.Create(_r01), ImagSigned256(_i01));
            (_vr10, _vi10, _vr11, _vi11) = (Vector256.Create(_r10), ImagSigned256(_i10), Vector256.Create(_r11), ImagSigned256(_i11));
            (_wr00, _wi00, _wr01, _wi01) = (Vector128.Create(_r00), ImagSigned128(_i00), Vector128.Create(_r01), ImagSigned128(_i01));
            (_wr10, _wi10, _wr11, _wi11) = (Vector128.Create(_r10), ImagSigned128(_i10), Vector128.Create(_r11), ImagSigned128(_i11));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(T* p0, T* p1)
        {
            T a0r = p0[0], a0i = p0[1], a1r = p1[0], a1i = p1[1];
            // The same sums, in the same order, as the vector paths.
            p0[0] = (_r00 * a0r) + (-_i00 * a0i) + (_r01 * a1r) + (-_i01 * a1i);
            p0[1] = (_r00 * a0i) + (_i00 * a0r) + (_r01 * a1i) + (_i01 * a1r);
            p1[0] = (_r10 * a0r) + (-_i10 * a0i) + (_r11 * a1r) + (-_i11 * a1i);
            p1[1] = (_r10 * a0i) + (_i10 * a0r) + (_r11 * a1i) + (_i11 * a1r);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke128(T* p0, T* p1)
        {
            Vector128<T> v0 = Vector128.Load(p0), v1 = Vector128.Load(p1);
            Vector128<T> w0 = SwapReIm(v0), w1 = SwapReIm(v1);
            ((_wr00 * v0) + (_wi00 * w0) + (_wr01 * v1) + (_wi01 * w1)).Store(p0);
            ((_wr10 * v0) + (_wi10 * w0) + (_wr11 * v1) + (_wi11 * w1)).Store(p1);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke256(T* p0, T* p1)
        {
            Vector256<T> v0 = Vector256.Load(p0), v1 = Vector256.Load(p1);
            Vector256<T> w0 = SwapReIm(v0), w1 = SwapReIm(v1);
            ((_vr00 * v0) + (_vi00 * w0) + (_vr01 * v1) + (_vi01 * w1)).Store(p0);
            ((_vr10 * v0) + (_vi10 * w0) + (_vr11 * v1) + (_vi11 * w1)).Store(p1);
        }
    }

    /// <summary>a₀ ← d₀a₀, a₁ ← d₁a₁.</summary>
    private readonly struct Diagonal1Operation : IPairOperation
    {
        private readonly T _r0, _i0, _r1, _i1;
        private readonly Vector256<T> _vr0, _vi0, _vr1, _vi1;
        private readonly Vector128<T> _wr0, _wi0, _wr1, _wi1;

        public Diagonal1Operation(T r0, T i0, T r1, T i1)
        {
            (_r0, _i0, _r1, _i1) = (r0, i0, r1, i1);
            (_vr0, _vi0, _vr1, _vi1) = (Vector256.Create(r0), ImagSigned256(i0), Vector256.Create(r1), ImagSigned256(i1));
            (_wr0, _wi0, _wr1, _wi1) = (Vector128.Create(r0), ImagSigned128(i0), Vector128.Create(r1), ImagSigned128(i1));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(T* p0, T* p1)
        {
            T a0r = p0[0], a0i = p0[1], a1r = p1[0], a1i = p1[1];
            p0[0] = (_r0 * a0r) + (-_i0 * a0i);
            p0[1] = (_r0 * a0i) + (_i0 * a0r);
            p1[0] = (_r1 * a1r) + (-_i1 * a1i);
            p1[1] = (_r1 * a1i) + (_i1 * a1r);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke128(T* p0, T* p1)
        {
            Vector128<T> v0 = Vector128.Load(p0), v1 = Vector128.Load(p1);
            ((_wr0 * v0) + (_wi0 * SwapReIm(v0))).Store(p0);
            ((_wr1 * v1) + (_wi1 * SwapReIm(v1))).Store(p1);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke256(T* p0, T* p1)
        {
            Vector256<T> v0 = Vector256.Load(p0), v1 = Vector256.Load(p1);
            ((_vr0 * v0) + (_vi0 * SwapReIm(v0))).Store(p0);
            ((_vr1 * v1) + (_vi1 * SwapReIm(v1))).Store(p1);
        }
    }

    /// <summary>a₁ ← d₁a₁ (a₀ untouched: half the state is neither read nor written).</summary>
    private readonly struct PhaseOperation : IPairOperation
    {
        private readonly T _r1, _i1;
        private readonly Vector256<T> _vr1, _vi1;
        private readonly Vector128<T> _wr1, _wi1;

        public PhaseOperation(T r1, T i1)
        {
            (_r1, _i1) = (r1, i1);
            (_vr1, _vi1) = (Vector256.Create(r1), ImagSigned256(i1));
            (_wr1, _wi1) = (Vector128.Create(r1), ImagSigned128(i1));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(T* p0, T* p1)
        {
            T a1r = p1[0], a1i = p1[1];
            p1[0] = (_r1 * a1r) + (-_i1 * a1i);
            p1[1] = (_r1 * a1i) + (_i1 * a1r);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke128(T* p0, T* p1)
        {
            Vector128<T> v1 = Vector128.Load(p1);
            ((_wr1 * v1) + (_wi1 * SwapReIm(v1))).Store(p1);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke256(T* p0, T* p1)
        {
            Vector256<T> v1 = Vector256.Load(p1);
            ((_vr1 * v1) + (_vi1 * SwapReIm(v1))).Store(p1);
        }
    }

    /// <summary>(a₀, a₁) ← (a₁, a₀): moves only.</summary>
    private readonly struct SwapOperation : IPairOperation
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(T* p0, T* p1) => (p0[0], p0[1], p1[0], p1[1]) = (p1[0], p1[1], p0[0], p0[1]);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke128(T* p0, T* p1)
        {
            Vector128<T> v0 = Vector128.Load(p0), v1 = Vector128.Load(p1);
            v1.Store(p0);
            v0.Store(p1);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke256(T* p0, T* p1)
        {
            Vector256<T> v0 = Vector256.Load(p0), v1 = Vector256.Load(p1);
            v1.Store(p0);
            v0.Store(p1);
        }
    }
}
