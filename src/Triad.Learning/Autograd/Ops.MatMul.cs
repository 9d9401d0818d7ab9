using System.Numerics;
using Triad.Numerics.Kernels;
using Triad.Numerics.LinearAlgebra;
using Triad.Numerics.Tensors;

namespace Triad.Learning.Autograd;

public static partial class Ops
{
    /// <summary>
    /// Matrix product over the last two axes: y[…, i, j] = Σ_p op(a)[…, i, p] · op(b)[…, p, j], with op = transpose
    /// when asked. a is [… , m, k] ([…, k, m] transposed); b is [… , k, n] ([…, n, k] transposed) with the same leading
    /// axes as a, or a plain matrix shared by every item (a weight). Complex operands go to
    /// <see cref="ComplexMatMul{T}"/>. Backward: ∂op(a) = ∂y·op(b)ᵀ, ∂op(b) = op(a)ᵀ·∂y (summed over items when b is shared).
    /// </summary>
    public static Variable<T> MatMul<T>(Variable<T> a, Variable<T> b, bool transposeA = false, bool transposeB = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.IsComplex || b.IsComplex)
        {
            if (transposeA || transposeB)
            {
                throw new NotSupportedException("matmul: transposed complex operands are not supported; use Ops.Transpose first");
            }
            return ComplexMatMul(a, b);
        }
        Tape<T> tape = Tape<T>.Of(a, b);
        MatMulShape s = MatMulShape.Of(a, b, transposeA, transposeB, "matmul");
        Variable<T> y = tape.NewValue(s.OutputShape, false, tape.AnyRequiresGrad(a, b));
        var f = new MatMulFunction<T>(s, transposeA, transposeB);
        f.Forward(a.Value.Data, b.Value.Data, y.Value.Data);
        tape.Record(f, y, a, b);
        return y;
    }

    /// <summary>The dimensions of a (batched) matrix product, checked.</summary>
    internal readonly record struct MatMulShape(int Batch, int M, int N, int K, bool SharedB, int[] OutputShape)
    {
        public static MatMulShape Of<T>(Variable<T> a, Variable<T> b, bool transposeA, bool transposeB, string op)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (a.Rank < 2 || b.Rank < 2)
            {
                throw new ShapeMismatchException($"{op}: needs matrices (rank ≥ 2), got {a.ShapeString} and {b.ShapeString}");
            }
            int m = transposeA ? a.Dim(-1) : a.Dim(-2), ka = transposeA ? a.Dim(-2) : a.Dim(-1);
            int kb = transposeB ? b.Dim(-1) : b.Dim(-2), n = transposeB ? b.Dim(-2) : b.Dim(-1);
            if (ka != kb)
            {
                throw new ShapeMismatchException(
                    $"{op}: inner sizes differ: {a.ShapeString}{(transposeA ? "ᵀ" : "")} · {b.ShapeString}{(transposeB ? "ᵀ" : "")} ({ka} ≠ {kb})");
            }
            ReadOnlySpan<int> leadA = a.Shape[..^2], leadB = b.Shape[..^2];
            bool shared = b.Rank == 2;
            if (!shared && !leadA.SequenceEqual(leadB))
            {
                throw new ShapeMismatchException(
                    $"{op}: leading axes differ: {a.ShapeString} and {b.ShapeString} (b must have a's leading axes or be a plain matrix)");
            }
            int batch = OpSupport.Product(leadA);
            return new MatMulShape(batch, m, n, ka, shared, [.. leadA, m, n]);
        }
    }

    private sealed class MatMulFunction<T>(MatMulShape s, bool transposeA, bool transposeB) : Function<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "matmul";

        public override long Flops => 2L * s.Batch * s.M * s.N * s.K;

        private int Lda => transposeA ? s.M : s.K;

        private int Ldb => transposeB ? s.K : s.N;

        public void Forward(T[] a, T[] b, T[] c)
        {
            if (s.SharedB && !transposeA)
            {
                // Items stacked as rows: one product of (batch·m) × k by k × n.
                Gemm.Multiply(false, transposeB, s.Batch * s.M, s.N, s.K, T.One, a, s.K, b, Ldb, T.Zero, c, s.N);
                return;
            }
            Gemm.MultiplyBatched(s.Batch, transposeA, transposeB, s.M, s.N, s.K,
                T.One, a, 0, Lda, (long)s.M * s.K, b, 0, Ldb, s.SharedB ? 0 : (long)s.K * s.N,
                T.Zero, c, 0, s.N, (long)s.M * s.N);
        }

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            T[] a = Inputs[0].Value.Data, b = Inputs[1].Value.Data, dc = outputGradient.Data;
            long strideA = (long)s.M * s.K, strideB = s.SharedB ? 0 : (long)s.K * s.N, strideC = (long)s.M * s.N;
            if (GradientFor(0, out bool freshA) is { } ga)
            {
                T beta = freshA ? T.Zero : T.One;
                if (!transposeA)
                {
                    // ∂A[m, k] = ∂C[m, n] · op(B)ᵀ
                    if (s.SharedB)
                    {
                        Gemm.Multiply(false, !transposeB, s.Batch * s.M, s.K, s.N, T.One, dc, s.N, b, Ldb, beta, ga.Data, s.K);
                    }
                    else
                    {
                        Gemm.MultiplyBatched(s.Batch, false, !transposeB, s.M, s.K, s.N, T.One, dc, 0, s.N, strideC,
                            b, 0, Ldb, strideB, beta, ga.Data, 0, s.K, strideA);
                    }
                }
                else
                {
                    // A is stored [k, m]: ∂A = op(B) · ∂Cᵀ
                    Gemm.MultiplyBatched(s.Batch, transposeB, true, s.K, s.M, s.N, T.One, b, 0, Ldb, strideB,
                        dc, 0, s.N, strideC, beta, ga.Data, 0, s.M, strideA);
                }
            }
            if (GradientFor(1, out bool freshB) is { } gb)
            {
                T beta = freshB ? T.Zero : T.One;
                if (s.SharedB && !transposeA)
                {
                    // Every item's rows feed one B: a single product over all (batch·m) rows sums them.
                    if (!transposeB)
                    {
                        Gemm.Multiply(true, false, s.K, s.N, s.Batch * s.M, T.One, a, s.K, dc, s.N, beta, gb.Data, s.N);
                    }
                    else
                    {
                        Gemm.Multiply(true, false, s.N, s.K, s.Batch * s.M, T.One, dc, s.N, a, s.K, beta, gb.Data, s.K);
                    }
                }
                else if (s.SharedB)
                {
                    // Shared B under a transposed A: add the items in order (none at all: a zero gradient).
                    if (s.Batch == 0 && freshB)
                    {
                        gb.Clear();
                    }
                    for (int i = 0; i < s.Batch; i++)
                    {
                        T itemBeta = i == 0 ? beta : T.One;
                        if (!transposeB)
                        {
                            Gemm.Multiply(!transposeA, false, s.K, s.N, s.M, T.One, a, (int)(i * strideA), Lda, dc, (int)(i * strideC), s.N,
                                itemBeta, gb.Data, 0, s.N);
                        }
                        else
                        {
                            Gemm.Multiply(true, transposeA, s.N, s.K, s.M, T.One, dc, (int)(i * strideC), s.N, a, (int)(i * strideA), Lda,
                                itemBeta, gb.Data, 0, s.K);
                        }
                    }
                }
                else if (!transposeB)
                {
                    // ∂B[k, n] = op(A)ᵀ · ∂C
                    Gemm.MultiplyBatched(s.Batch, !transposeA, false, s.K, s.N, s.M, T.One, a, 0, Lda, strideA,
                        dc, 0, s.N, strideC, beta, gb.Data, 0, s.N, strideB);
                }
                else
                {
                    // B is stored [n, k]: ∂B = ∂Cᵀ · op(A)
                    Gemm.MultiplyBatched(s.Batch, true, transposeA, s.N, s.K, s.M, T.One, dc, 0, s.N, strideC,
                        a, 0, Lda, strideA, beta, gb.Data, 0, s.K, strideB);
                }
            }
        }
    }

    /// <summary>
    /// Fully connected map over the last axis: y[…, j] = Σ_i x[…, i]·W[i, j] + b[j], with x [… , in], W [in, out] and
    /// an optional bias [out]. Backward: ∂W = xᵀ·∂y, ∂b = Σ ∂y, ∂x = ∂y·Wᵀ (all rows of x taken as one matrix).
    /// </summary>
    public static Variable<T> Linear<T>(Variable<T> x, Variable<T> weight, Variable<T>? bias = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tape<T> tape = Tape<T>.Of(x, weight);
        if (x.IsComplex || weight.IsComplex || bias is { IsComplex: true })
        {
            throw new ShapeMismatchException("linear: real operands only; use Ops.MatMul for complex ones");
        }
        if (weight.Rank != 2 || x.Rank < 1 || x.Dim(-1) != weight.Dim(0))
        {
            throw new ShapeMismatchException($"linear: input {x.ShapeString} does not fit weight {weight.ShapeString} (the last axis must be {(weight.Rank == 2 ? weight.Dim(0) : -1)})");
        }
        int inputs = weight.Dim(0), outputs = weight.Dim(1);
        if (bias is not null && (bias.Rank != 1 || bias.Dim(0) != outputs))
        {
            throw new ShapeMismatchException($"linear: bias {bias.ShapeString} must be [{outputs}]");
        }
        int rows = x.Length / Math.Max(1, inputs);
        int[] shape = x.ShapeArray;
        shape[^1] = outputs;
        bool requires = tape.AnyRequiresGrad(x, weight) || (bias is not null && tape.AnyRequiresGrad(bias));
        Variable<T> y = tape.NewValue(shape, false, requires);
        Gemm.Multiply(false, false, rows, outputs, inputs, T.One, x.Value.Data, inputs, weight.Value.Data, outputs, T.Zero, y.Value.Data, outputs);
        if (bias is not null)
        {
            RowKernels.AddToEachRow(y.Span, (ReadOnlySpan<T>)bias.Span);
        }
        var f = new LinearFunction<T>(rows, inputs, outputs);
        if (bias is null)
        {
            tape.Record(f, y, x, weight);
        }
        else
        {
            tape.Record(f, y, x, weight, bias);
        }
        return y;
    }

    private sealed class LinearFunction<T>(int rows, int inputs, int outputs) : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override string Kind => "linear";

        public override long Flops => (2L * rows * inputs * outputs) + (Inputs.Count > 2 ? (long)rows * outputs : 0);

        protected internal override void Backward(Tensor<T> outputGradient)
        {
            T[] x = Inputs[0].Value.Data, w = Inputs[1].Value.Data, dy = outputGradient.Data;
            if (GradientFor(1, out bool freshW) is { } gw)
            {
                Gemm.Multiply(true, false, inputs, outputs, rows, T.One, x, inputs, dy, outputs, freshW ? T.Zero : T.One, gw.Data, outputs);
            }
            if (Inputs.Count > 2 && GradientFor(2, out bool freshB) is { } gb)
            {
                if (freshB)
                {
                    gb.Clear();
                }
                RowKernels.AddColumnSums((ReadOnlySpan<T>)dy, gb.Span);
            }
            if (GradientFor(0, out bool freshX) is { } gx)
            {
                Gemm.Multiply(false, true, rows, inputs, outputs, T.One, dy, outputs, w, outputs, freshX ? T.Zero : T.One, gx.Data, inputs);
            }
        }
    }
}
